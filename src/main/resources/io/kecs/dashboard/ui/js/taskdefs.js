import { ecs, listAll } from './api.js';
import { h, replace } from './dom.js';
import { deregister } from './actions.js';

// Task definition families, their revisions, a revision's JSON and a diff of two revisions.
// Environment values are masked unless asked for; secrets are ARNs (valueFrom) in ECS already.
export class TaskDefsView {
  constructor(app) {
    this.app = app;
    this.family = null;
    this.showValues = false;
  }

  async load(panel) {
    const families = await listAll('ListTaskDefinitionFamilies', { status: 'ACTIVE' }, 'families');
    this.revisionsEl = h('div', { class: 'revisions' });
    this.jsonEl = h('div', { class: 'json' });
    const filter = h('input', { id: 'family-filter', type: 'search', oninput: (e) => this.listFamilies(families, e.target.value) });
    this.familyList = h('ul', { class: 'families' });
    panel.append(h('div', { class: 'split' },
      h('div', {}, h('label', { for: 'family-filter' }, 'Families'), ' ', filter, this.familyList),
      h('div', {}, this.revisionsEl, this.jsonEl)));
    this.listFamilies(families, '');
    if (this.family && families.includes(this.family)) await this.openFamily(this.family);
  }

  listFamilies(families, text) {
    const shown = families.filter((f) => f.toLowerCase().includes(text.toLowerCase())).slice(0, 500);
    replace(this.familyList, shown.map((f) => h('li', {}, h('button', { type: 'button', class: 'link',
      'aria-current': f === this.family ? 'true' : null, onclick: () => this.openFamily(f) }, f))),
    shown.length ? '' : h('li', { class: 'muted' }, 'No active families.'));
  }

  async openFamily(family) {
    this.family = family;
    const arns = (await listAll('ListTaskDefinitions', { familyPrefix: family, sort: 'DESC', status: 'ACTIVE' }, 'taskDefinitionArns'))
      .filter((a) => a.split('/').pop().replace(/:\d+$/, '') === family);
    const checks = arns.map((a) => h('input', { type: 'checkbox', id: `rev-${a.split(':').pop()}`, value: a, class: 'diff-pick' }));
    replace(this.revisionsEl,
      h('h3', {}, 'Revisions of ', h('span', { class: 'name' }, family)),
      h('ul', {}, arns.map((a, i) => h('li', {},
        checks[i], h('label', { for: checks[i].id, class: 'sr-only' }, `Pick revision ${a.split(':').pop()} for the diff`),
        h('button', { type: 'button', class: 'link', onclick: () => this.show(a) }, `revision ${a.split(':').pop()}`), ' ',
        h('button', { type: 'button', 'aria-label': `Deregister revision ${a.split(':').pop()}`,
          onclick: () => this.app.act(async () => (await deregister(a)) && this.openFamily(family)) }, 'Deregister')))),
      h('label', {}, h('input', { type: 'checkbox', id: 'show-values', checked: this.showValues,
        onchange: (e) => { this.showValues = e.target.checked; this.current && this.show(this.current); } }),
      ' Show environment values'),
      ' ', h('button', { type: 'button', onclick: () => {
        const picked = checks.filter((c) => c.checked).map((c) => c.value);
        if (picked.length !== 2) return this.app.showError({ code: 'Diff', message: 'Pick exactly two revisions to compare.' });
        this.diff(picked[1], picked[0]);
      } }, 'Diff the two picked'));
    replace(this.jsonEl);
    if (arns.length) await this.show(arns[0]);
  }

  async text(arn) {
    const td = (await ecs('DescribeTaskDefinition', { taskDefinition: arn })).taskDefinition;
    if (!this.showValues) {
      for (const c of td.containerDefinitions || []) {
        for (const e of c.environment || []) e.value = '••••••';
      }
    }
    return JSON.stringify(td, null, 2);
  }

  async show(arn) {
    this.current = arn;
    replace(this.jsonEl, h('h3', {}, arn.split('/').pop()), h('pre', { tabindex: 0, 'aria-label': 'Task definition JSON' }, await this.text(arn)));
  }

  async diff(older, newer) {
    const [a, b] = await Promise.all([this.text(older), this.text(newer)]);
    replace(this.jsonEl, h('h3', {}, `${older.split('/').pop()} → ${newer.split('/').pop()}`),
      h('pre', { class: 'diff', tabindex: 0, 'aria-label': 'Diff' }, lineDiff(a.split('\n'), b.split('\n')).map(([op, line]) =>
        h('span', { class: op === '+' ? 'add' : op === '-' ? 'del' : '' }, `${op} ${line}\n`))));
  }

  changed(changes) {
    if (changes['task-definition']) return this.app.reloadView();
  }
}

/** A longest-common-subsequence line diff: [op, line] with op '+', '-' or ' '. */
export function lineDiff(a, b) {
  const n = a.length, m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
    lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out = [];
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { out.push([' ', a[i]]); i++; j++; }
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push(['-', a[i++]]);
    else out.push(['+', b[j++]]);
  }
  while (i < n) out.push(['-', a[i++]]);
  while (j < m) out.push(['+', b[j++]]);
  return out;
}
