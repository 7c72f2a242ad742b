import { describeBatched, ecs, listAll } from './api.js';
import { h, time, lastPart, replace } from './dom.js';
import { PagedTable } from './table.js';
import { stopTask } from './actions.js';
import { dl, status } from './services.js';

// Tasks of one cluster, RUNNING or STOPPED (as ListTasks' desiredStatus), optionally of one service.
export class TasksView {
  constructor(app) {
    this.app = app;
    this.desired = 'RUNNING';
    this.service = '';
    this.table = new PagedTable({
      name: 'tasks',
      columns: ['Task', 'Status', 'Health', 'Launch', 'Instance', 'Started', 'Stopped', 'Stop code', 'Reason', 'Exit codes', 'Actions'],
      filterOf: (id) => id,
      pageSize: 50,
      describe: (ids) => this.describe(ids),
      row: (t) => this.row(t),
    });
  }

  describe(ids) {
    return describeBatched(ids, 100, async (batch) =>
      (await ecs('DescribeTasks', { cluster: this.app.cluster.clusterArn, tasks: batch })).tasks
        .map((t) => [t.taskArn, t]));
  }

  async load(panel) {
    const select = h('select', { id: 'task-desired', onchange: (e) => { this.desired = e.target.value; this.app.reloadView(); } },
      ['RUNNING', 'STOPPED'].map((v) => h('option', { value: v, selected: v === this.desired }, v)));
    panel.append(h('div', { class: 'toolbar' },
      h('label', { for: 'task-desired' }, 'Desired status'), select,
      this.service ? [h('span', {}, 'of service ', h('strong', {}, this.service)),
        h('button', { type: 'button', onclick: () => { this.service = ''; this.app.reloadView(); } }, 'All services')] : []),
    this.table.el);
    const cluster = this.app.cluster.clusterArn;
    const body = { cluster, desiredStatus: this.desired, serviceName: this.service || undefined };
    await listAll('ListTasks', body, 'taskArns', (arns, more) => {
      if (this.app.cluster?.clusterArn === cluster) this.table.setIds([...arns], more);
    });
  }

  row(t) {
    const id = lastPart(t.taskArn);
    return h('tr', {},
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link mono',
        onclick: () => this.app.openDetail('task', t.taskArn) }, id.slice(0, 12)),
      h('div', { class: 'muted' }, t.group || '')),
      h('td', {}, status(t.lastStatus), t.desiredStatus !== t.lastStatus ? h('span', { class: 'muted' }, ` → ${t.desiredStatus}`) : ''),
      h('td', {}, t.healthStatus || ''),
      h('td', {}, t.launchType || t.capacityProviderName || ''),
      h('td', { class: 'mono' }, lastPart(t.containerInstanceArn).slice(0, 12)),
      h('td', { class: 'nowrap' }, time(t.startedAt)),
      h('td', { class: 'nowrap' }, time(t.stoppedAt)),
      h('td', {}, t.stopCode || ''),
      h('td', { class: 'reason' }, t.stoppedReason || ''),
      h('td', {}, (t.containers || []).filter((c) => c.exitCode !== undefined)
        .map((c) => `${c.name}: ${c.exitCode}`).join(', ')),
      h('td', {}, t.desiredStatus !== 'STOPPED'
        ? h('button', { type: 'button', 'aria-label': `Stop task ${id}`, onclick: () => this.app.act(() => stopTask(t)) }, 'Stop')
        : ''));
  }

  async changed(changes) {
    if (changes.task?.many) return this.app.reloadView();
    const prefix = this.app.cluster.clusterArn.replace(':cluster/', ':task/') + '/';
    const ids = (changes.task?.ids || []).filter((id) => id.startsWith(prefix));
    if (!ids.length) return;
    // Changed tasks decide their own membership: they may have just stopped, or just started.
    const fresh = new Map(await this.describe(ids));
    const member = new Set(this.table.ids);
    for (const id of ids) {
      const t = fresh.get(id);
      const fits = t && t.desiredStatus === this.desired && (!this.service || t.group === 'service:' + this.service);
      if (fits) {
        this.table.put(t, id);
        if (!member.has(id)) { this.table.ids.push(id); member.add(id); }
      } else if (member.has(id)) {
        member.delete(id);
      }
    }
    await this.table.setIds(this.table.ids.filter((id) => member.has(id)), this.table.loadingMore);
  }

  async detail(arn, el) {
    const [t] = (await ecs('DescribeTasks', { cluster: this.app.cluster.clusterArn, tasks: [arn], include: ['TAGS'] })).tasks;
    if (!t) return replace(el, h('p', {}, 'This task is no longer described (stopped tasks are kept for the retention period).'));
    const id = lastPart(t.taskArn);
    const kubectl = `kubectl get pods --all-namespaces -l kecs.io/task-id=${id} -o wide`;
    replace(el,
      h('h2', {}, 'Task ', h('span', { class: 'mono' }, id)),
      t.desiredStatus !== 'STOPPED' ? h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => this.app.act(() => stopTask(t)) }, 'Stop task')) : '',
      dl([['Status', `${t.lastStatus} (desired ${t.desiredStatus})`], ['Health', t.healthStatus],
        ['Task definition', lastPart(t.taskDefinitionArn)], ['Group', t.group], ['Launch type', t.launchType],
        ['Capacity provider', t.capacityProviderName], ['Container instance', lastPart(t.containerInstanceArn)],
        ['CPU / memory', `${t.cpu || '-'} / ${t.memory || '-'}`], ['Created', time(t.createdAt)],
        ['Started', time(t.startedAt)], ['Stopping', time(t.stoppingAt)], ['Stopped', time(t.stoppedAt)],
        ['Stop code', t.stopCode], ['Stopped reason', t.stoppedReason]]),
      this.app.overview?.runtime === 'kubernetes' ? [h('h3', {}, 'Pod'),
        h('div', { class: 'copy' }, h('code', { id: 'kubectl' }, kubectl),
          h('button', { type: 'button', onclick: () => navigator.clipboard?.writeText(kubectl) }, 'Copy'))] : [],
      h('h3', {}, 'Containers'),
      h('div', { class: 'scroll' }, h('table', {}, h('thead', {}, h('tr', {},
        ['Name', 'Image', 'Status', 'Exit', 'Reason', 'Health', 'Network'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, (t.containers || []).map((c) => h('tr', {},
        h('th', { scope: 'row' }, c.name), h('td', { class: 'mono' }, c.image), h('td', {}, c.lastStatus),
        h('td', {}, c.exitCode ?? ''), h('td', {}, c.reason || ''), h('td', {}, c.healthStatus || ''),
        h('td', {}, [...(c.networkBindings || []).map((b) => `${b.hostPort}→${b.containerPort}/${b.protocol}`),
          ...(c.networkInterfaces || []).map((n) => n.privateIpv4Address)].join(', '))))))),
      (t.attachments || []).length ? [h('h3', {}, 'Attachments'), h('ul', {}, t.attachments.map((a) =>
        h('li', {}, `${a.type} ${a.status}: `, (a.details || []).map((d) => `${d.name}=${d.value}`).join(', '))))] : [],
      (t.tags || []).length ? [h('h3', {}, 'Tags'), dl(t.tags.map((x) => [x.key, x.value]))] : []);
  }
}
