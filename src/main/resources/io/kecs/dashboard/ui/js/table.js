import { h, replace } from './dom.js';

// A paged table over a list of ids (ARNs). Only the visible page is described through the API, so
// 10,000 tasks cost one List pass of ARNs and one Describe per page shown. Rows are replaced one
// by one on change; the keyboard focus moves to the same control in the replacement row.
export class PagedTable {
  constructor({ name, columns, row, describe, pageSize = 50, filterOf = (id) => id }) {
    this.name = name;
    this.columns = columns;
    this.row = row;
    this.describe = describe;
    this.pageSize = pageSize;
    this.filterOf = filterOf;
    this.ids = [];
    this.items = new Map();
    this.epoch = 0;
    this.invalidatedAt = new Map();
    this.page = 0;
    this.filter = '';
    this.loadingMore = false;
    this.rows = new Map();
    this.shown = [];
    this.build();
  }

  build() {
    const filterId = `filter-${this.name}`;
    this.count = h('span', { class: 'muted', 'aria-live': 'polite' });
    this.pageText = h('span', { class: 'muted' });
    this.prev = h('button', { type: 'button', onclick: () => this.go(this.page - 1) }, '‹ Previous');
    this.next = h('button', { type: 'button', onclick: () => this.go(this.page + 1) }, 'Next ›');
    this.filterInput = h('input', { id: filterId, type: 'search', placeholder: 'name contains…',
      oninput: (e) => { this.filter = e.target.value.toLowerCase(); this.page = 0; this.render(); } });
    this.body = h('tbody');
    this.el = h('div', { class: 'paged' },
      h('div', { class: 'toolbar' },
        h('label', { for: filterId }, 'Filter'), this.filterInput, this.count,
        h('span', { class: 'spacer' }), this.prev, this.pageText, this.next),
      h('div', { class: 'scroll' },
        h('table', { 'data-table': this.name },
          h('caption', { class: 'sr-only' }, this.name),
          h('thead', {}, h('tr', {}, this.columns.map((c) => h('th', { scope: 'col' }, c)))),
          this.body)));
  }

  setIds(ids, more) {
    this.ids = ids;
    this.loadingMore = Boolean(more);
    const known = new Set(ids);
    for (const id of this.items.keys()) if (!known.has(id)) this.items.delete(id);
    for (const id of this.invalidatedAt.keys()) if (!known.has(id)) this.invalidatedAt.delete(id);
    return this.render();
  }

  /** New facts about some ids: the visible ones are described again. */
  invalidate(ids) {
    this.epoch++;
    for (const id of ids) {
      this.items.delete(id);
      this.invalidatedAt.set(id, this.epoch);
    }
    return this.render();
  }

  put(item, id) {
    this.items.set(id, item);
  }

  visibleIds() {
    return this.shown;
  }

  filtered() {
    if (!this.filter) return this.ids;
    return this.ids.filter((id) => this.filterOf(id).toLowerCase().includes(this.filter));
  }

  go(page) {
    this.page = page;
    this.render();
  }

  /** Describes ids; a result is dropped for an id invalidated after the request went out. */
  async fetch(ids) {
    const epoch = this.epoch;
    for (const [id, item] of await this.describe(ids)) {
      if ((this.invalidatedAt.get(id) || 0) <= epoch) this.items.set(id, item);
    }
  }

  async render() {
    const missing = this.pageIds().filter((id) => !this.items.has(id));
    // Renders never cancel each other: under a steady stream of changes the newest would
    // otherwise never finish. Each draws from the cache as it is when its answer comes.
    if (missing.length) await this.fetch(missing);
    const ids = this.filtered();
    const pages = Math.max(1, Math.ceil(ids.length / this.pageSize));
    const visible = this.pageIds();
    this.count.textContent = `${ids.length}${this.loadingMore ? '+ (loading…)' : ''} `
      + (this.filter ? `matching of ${this.ids.length}` : 'in all');
    this.pageText.textContent = `page ${this.page + 1} of ${pages}`;
    this.prev.disabled = this.page === 0;
    this.next.disabled = this.page >= pages - 1;
    const same = visible.length > 0 && visible.length === this.shown.length && visible.every((id, i) => id === this.shown[i]);
    const fresh = new Map();
    const trs = visible.map((id) => {
      const item = this.items.get(id);
      const old = this.rows.get(id);
      if (old && (old.item === item || !item)) {
        fresh.set(id, old);
        return old.tr;
      }
      const tr = item ? this.row(item) : h('tr', {}, h('td', { colspan: this.columns.length, class: 'muted' }, 'loading…'));
      tr.dataset.id = id;
      fresh.set(id, { item, tr });
      if (same && old) swap(old.tr, tr);
      return tr;
    });
    if (!same) {
      replace(this.body, trs);
      if (!visible.length) {
        replace(this.body, h('tr', {}, h('td', { colspan: this.columns.length, class: 'muted' },
          this.loadingMore ? 'Loading…' : 'Nothing here.')));
      }
    }
    this.rows = fresh;
    this.shown = visible;
  }

  pageIds() {
    const ids = this.filtered();
    const pages = Math.max(1, Math.ceil(ids.length / this.pageSize));
    this.page = Math.max(0, Math.min(this.page, pages - 1));
    return ids.slice(this.page * this.pageSize, (this.page + 1) * this.pageSize);
  }
}

/** Replaces a row, moving the keyboard focus to the same control in the new one. */
function swap(oldTr, newTr) {
  const focused = document.activeElement;
  const had = oldTr.contains(focused) && focused !== oldTr;
  const label = had ? focused.getAttribute('aria-label') || focused.textContent : null;
  oldTr.replaceWith(newTr);
  if (had) {
    const same = [...newTr.querySelectorAll('button, input, select, a')]
      .find((el) => (el.getAttribute('aria-label') || el.textContent) === label);
    same?.focus();
  }
}
