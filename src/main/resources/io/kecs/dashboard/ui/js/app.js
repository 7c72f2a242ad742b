import { EcsError, dashboard, describeBatched, ecs, listAll, scope } from './api.js';
import { h, replace } from './dom.js';
import { ServicesView } from './services.js';
import { TasksView } from './tasks.js';
import { TaskDefsView } from './taskdefs.js';
import { InstancesView } from './instances.js';
import { connectLive } from './live.js';

const $ = (id) => document.getElementById(id);
const VIEWS = { services: ServicesView, tasks: TasksView, taskdefs: TaskDefsView, instances: InstancesView };

// The page's state and glue: scope, clusters, the open tab and detail, errors, live changes.
const app = {
  overview: null,
  clusters: [],
  cluster: null,
  tab: 'services',
  views: {},
  detailOf: null,

  showError(e) {
    const box = $('error');
    const code = e instanceof EcsError || e.code ? e.code : 'Error';
    replace(box, h('strong', {}, code), ': ', e.message || String(e), ' ',
      h('button', { type: 'button', onclick: () => { box.hidden = true; } }, 'Dismiss'));
    box.hidden = false;
  },

  /** Runs an action; its ECS error (if any) is shown. The change itself arrives as an event. */
  async act(action) {
    try {
      $('error').hidden = true;
      await action();
    } catch (e) {
      this.showError(e);
    }
  },

  async loadClusters() {
    await this.describeClusters(await listAll('ListClusters', {}, 'clusterArns'));
  },

  async describeClusters(arns) {
    const clusters = await describeBatched(arns, 100, async (b) => (await ecs('DescribeClusters', { clusters: b })).clusters);
    this.clusters = clusters.sort((a, b) => a.clusterName.localeCompare(b.clusterName));
    const list = $('clusters');
    replace(list, this.clusters.map((c) => h('li', {}, h('button', { type: 'button', class: 'cluster',
      'aria-current': c.clusterArn === this.cluster?.clusterArn ? 'true' : null,
      'data-cluster': c.clusterName,
      onclick: () => this.selectCluster(c.clusterArn) },
    h('span', { class: 'name' }, c.clusterName),
    h('span', { class: 'counts' },
      `${c.activeServicesCount} services · ${c.runningTasksCount} running · ${c.pendingTasksCount} pending · ${c.registeredContainerInstancesCount} instances`)))),
    this.clusters.length ? '' : h('li', { class: 'muted' }, 'No clusters in this account and region.'));
    const still = this.clusters.find((c) => c.clusterArn === this.cluster?.clusterArn);
    if (still) this.cluster = still;
  },

  async selectCluster(arn) {
    this.cluster = this.clusters.find((c) => c.clusterArn === arn) || null;
    localStorage.setItem('kecs.cluster', arn || '');
    this.markCluster();
    this.closeDetail();
    await this.reloadView();
  },

  markCluster() {
    for (const b of document.querySelectorAll('#clusters button')) {
      if (b.dataset.cluster === this.cluster?.clusterName) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    }
  },

  async selectTab(tab, focus) {
    this.tab = tab;
    for (const b of document.querySelectorAll('[role=tab]')) {
      const on = b.id === 'tab-' + tab;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      if (on && focus) b.focus();
    }
    $('panel').setAttribute('aria-labelledby', 'tab-' + tab);
    await this.reloadView();
  },

  /** Builds the open tab afresh from the API. */
  async reloadView() {
    const panel = $('panel');
    $('cluster-title').textContent = this.cluster ? `Cluster ${this.cluster.clusterName}` : 'No cluster selected';
    replace(panel);
    const view = new VIEWS[this.tab](this);
    if (this.tab === 'tasks' && this.views.tasks) Object.assign(view, { desired: this.views.tasks.desired, service: this.views.tasks.service });
    if (this.tab === 'taskdefs' && this.views.taskdefs) view.family = this.views.taskdefs.family;
    this.views[this.tab] = view;
    this.view = view;
    if (!this.cluster && this.tab !== 'taskdefs') {
      panel.append(h('p', { class: 'muted' }, 'Create a cluster (aws ecs create-cluster) to see it here.'));
      return;
    }
    try {
      await view.load(panel);
    } catch (e) {
      this.showError(e);
    }
  },

  async showTasksOf(serviceName) {
    this.views.tasks = Object.assign(this.views.tasks || {}, { desired: 'RUNNING', service: serviceName });
    await this.selectTab('tasks');
  },

  async openDetail(kind, id) {
    this.detailOf = { kind, id };
    await this.refreshDetail();
    $('detail').hidden = false;
    $('detail').querySelector('h2')?.setAttribute('tabindex', '-1');
    $('detail').querySelector('h2')?.focus();
  },

  closeDetail() {
    this.detailOf = null;
    $('detail').hidden = true;
  },

  async refreshDetail() {
    if (!this.detailOf || !this.cluster) return;
    const el = $('detail');
    const body = h('div');
    const view = this.detailOf.kind === 'service' ? new ServicesView(this) : new TasksView(this);
    try {
      await view.detail(this.detailOf.id, body);
    } catch (e) {
      this.showError(e);
      return;
    }
    const scroll = el.scrollTop;
    replace(el, h('button', { type: 'button', class: 'close', 'aria-label': 'Close details', onclick: () => this.closeDetail() }, '×'), body);
    el.scrollTop = scroll;
  },

  /** Everything again: after a reconnect, a reset or a new scope. */
  async reloadAll() {
    try {
      const arns = await listAll('ListClusters', {}, 'clusterArns');
      if (!this.cluster || !arns.includes(this.cluster.clusterArn)) {
        const saved = localStorage.getItem('kecs.cluster');
        const arn = arns.includes(saved) ? saved : [...arns].sort()[0];
        this.cluster = arn ? { clusterArn: arn, clusterName: arn.split('/').pop() } : null;
      }
      // The open view needs only the cluster's ARN: it loads while the clusters are described.
      await Promise.all([this.describeClusters(arns), this.reloadView()]);
      await this.refreshDetail();
    } catch (e) {
      this.showError(e);
    }
  },

  async changed(changes) {
    try {
      if (changes.cluster || changes.service || changes.task || changes['container-instance']) this.clustersSoon();
      await this.view?.changed?.(changes);
      if (this.detailOf) {
        const { kind, id } = this.detailOf;
        // ECS deployment ARNs name their service: service-deployment/<cluster>/<service>/<id>.
        const deployments = id.replace(':service/', ':service-deployment/') + '/';
        const hit = changes[kind]?.many || (changes[kind]?.ids || []).includes(id)
          || (kind === 'service' && (changes['service-deployment']?.many
            || (changes['service-deployment']?.ids || []).some((d) => d.startsWith(deployments))));
        if (hit) await this.refreshDetail();
      }
    } catch (e) {
      this.showError(e);
    }
  },

  clustersSoon() {
    clearTimeout(this.clusterTimer);
    this.clusterTimer = setTimeout(() => this.loadClusters().catch((e) => this.showError(e)), 200);
  },
};

function theme() {
  const button = $('theme');
  const saved = localStorage.getItem('kecs.theme');
  const dark = saved ? saved === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  const apply = (isDark) => {
    document.documentElement.dataset.theme = isDark ? 'dark' : 'light';
    button.setAttribute('aria-pressed', String(isDark));
    button.textContent = 'Dark theme';
  };
  apply(dark);
  button.addEventListener('click', () => {
    const next = document.documentElement.dataset.theme !== 'dark';
    localStorage.setItem('kecs.theme', next ? 'dark' : 'light');
    apply(next);
  });
}

function tabs() {
  const ids = Object.keys(VIEWS);
  for (const id of ids) $('tab-' + id).addEventListener('click', () => app.selectTab(id));
  $('tabs').addEventListener('keydown', (e) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (!step) return;
    const next = ids[(ids.indexOf(app.tab) + step + ids.length) % ids.length];
    app.selectTab(next, true);
  });
}

async function scopes() {
  app.overview = await dashboard('overview');
  const o = app.overview;
  const key = (s) => `${s.account}/${s.region}`;
  const current = scope.account ? key(scope) : key(o.defaultScope);
  const chosen = o.scopes.find((s) => key(s) === current) || o.defaultScope;
  const select = $('scope');
  replace(select, o.scopes.map((s) => h('option', { value: key(s), selected: key(s) === key(chosen) }, `${s.account} · ${s.region}`)));
  showServer(o);
  return key(chosen) === current;
}

// The runtime, then each connection (AWS backend, Kubernetes API server) as the server last
// checked it: answering or not, with why in the tooltip.
function showServer(o) {
  const connections = (o.connections || []).map((c) => [' · ', h('span', {
    class: 'badge', 'data-reachable': String(c.reachable), title: c.detail,
    'aria-label': `${c.name} ${c.endpoint} ${c.reachable ? 'answering' : 'not answering: ' + c.detail}`,
  }, `${c.name} ${c.reachable ? 'answering' : 'not answering'}`)]);
  replace($('server'), `runtime ${o.runtime}`, connections);
}

// Connections change without a store change, so the overview is asked again now and then (the
// server caches its checks for 2 s; this is one small request).
function watchConnections() {
  setInterval(async () => {
    if (document.hidden) return;
    try { showServer(await dashboard('overview')); } catch (e) { /* the live stream shows it */ }
  }, 10000);
}

async function main() {
  theme();
  tabs();
  watchConnections();
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !$('confirm').open) app.closeDetail(); });
  const saved = localStorage.getItem('kecs.scope');
  if (saved) {
    const [account, region] = saved.split('/');
    Object.assign(scope, { account, region });
  }
  const choose = async (value) => {
    const [account, region] = value.split('/');
    Object.assign(scope, { account, region });
    localStorage.setItem('kecs.scope', value);
    app.cluster = null;
    app.closeDetail();
    live.reconnect();
  };
  $('scope').addEventListener('change', (e) => choose(e.target.value));
  const live = connectLive(app, scope, async () => {
    try { await scopes(); } catch (e) { app.showError(e); }
  });
  // The scopes and the clusters load side by side; a saved scope that no longer holds state
  // falls back to the server's default.
  const [valid] = await Promise.all([scopes().catch((e) => { app.showError(e); return true; }), app.reloadAll()]);
  if (!valid) {
    localStorage.removeItem('kecs.scope');
    Object.assign(scope, { account: null, region: null });
    app.cluster = null;
    live.reconnect();
  }
}

window.kecsDashboard = app;
main();
