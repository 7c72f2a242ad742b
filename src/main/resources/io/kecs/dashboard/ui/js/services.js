import { dashboard, describeBatched, ecs, listAll } from './api.js';
import { h, bar, time, lastPart, replace, svg } from './dom.js';
import { PagedTable } from './table.js';
import { forceDeployment, scaleService } from './actions.js';

// Services of one cluster: a paged table, and a detail with deployments, events and a chart.
export class ServicesView {
  constructor(app) {
    this.app = app;
    this.table = new PagedTable({
      name: 'services',
      columns: ['Service', 'Status', 'Desired', 'Pending', 'Running', 'Rollout', 'Launch', 'Actions'],
      filterOf: lastPart,
      describe: (ids) => describeBatched(ids, 10, async (batch) =>
        (await ecs('DescribeServices', { cluster: app.cluster.clusterArn, services: batch })).services
          .map((s) => [s.serviceArn, s])),
      row: (s) => this.row(s),
    });
  }

  async load(panel) {
    panel.append(this.table.el);
    const cluster = this.app.cluster.clusterArn;
    await listAll('ListServices', { cluster }, 'serviceArns', (arns, more) => {
      if (this.app.cluster?.clusterArn === cluster) this.table.setIds([...arns].sort(), more);
    });
  }

  row(s) {
    return h('tr', {},
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link',
        onclick: () => this.app.openDetail('service', s.serviceArn) }, s.serviceName)),
      h('td', {}, status(s.status)),
      h('td', { 'data-col': 'desired' }, s.desiredCount),
      h('td', { 'data-col': 'pending' }, s.pendingCount),
      h('td', { 'data-col': 'running' }, s.runningCount),
      h('td', {}, rollout(s)),
      h('td', {}, s.launchType || (s.capacityProviderStrategy || []).map((c) => c.capacityProvider).join(', ')),
      h('td', {}, h('div', { class: 'actions' }, this.buttons(s))));
  }

  buttons(s) {
    if (s.status !== 'ACTIVE') return [];
    return [
      h('button', { type: 'button', 'aria-label': `Scale ${s.serviceName}`,
        onclick: () => this.app.act(() => scaleService(s)) }, 'Scale…'),
      h('button', { type: 'button', 'aria-label': `Force new deployment of ${s.serviceName}`,
        onclick: () => this.app.act(() => forceDeployment(s)) }, 'Redeploy'),
    ];
  }

  /** ids of services (and their deployments' services) that changed in this scope. */
  async changed(changes) {
    if (changes.service?.many) return this.app.reloadView();
    const prefix = this.app.cluster.clusterArn.replace(':cluster/', ':service/') + '/';
    const ids = (changes.service?.ids || []).filter((id) => id.startsWith(prefix));
    if (!ids.length) return;
    const known = new Set(this.table.ids);
    const added = ids.filter((id) => !known.has(id));
    if (added.length) this.table.ids = [...this.table.ids, ...added].sort();
    await this.table.invalidate(ids);
    // A deleted service leaves ListServices; drop it once it is seen INACTIVE.
    const gone = ids.filter((id) => this.table.items.get(id)?.status === 'INACTIVE');
    if (gone.length) await this.table.setIds(this.table.ids.filter((id) => !gone.includes(id)));
  }

  async detail(arn, el) {
    const [s] = (await ecs('DescribeServices', { cluster: this.app.cluster.clusterArn, services: [arn] })).services;
    if (!s) return replace(el, h('p', {}, 'This service no longer exists.'));
    const history = await dashboard('history?service=' + encodeURIComponent(arn)).catch(() => ({ points: [] }));
    const cb = s.deploymentConfiguration?.deploymentCircuitBreaker;
    replace(el,
      h('h2', {}, 'Service ', h('span', { class: 'name' }, s.serviceName)),
      h('div', { class: 'actions' }, this.buttons(s),
        h('button', { type: 'button', onclick: () => this.app.showTasksOf(s.serviceName) }, 'Show tasks')),
      dl([['Status', s.status], ['Desired / pending / running', `${s.desiredCount} / ${s.pendingCount} / ${s.runningCount}`],
        ['Task definition', lastPart(s.taskDefinition)], ['Scheduling', s.schedulingStrategy],
        ['Launch type', s.launchType], ['Circuit breaker', cb ? `${cb.enable ? 'on' : 'off'}${cb.rollback ? ', rollback' : ''}` : 'off'],
        ['Created', time(s.createdAt)]]),
      h('h3', {}, 'Running tasks, last hour'), chart(history, s),
      h('h3', {}, 'Deployments'),
      h('ul', { class: 'deployments' }, (s.deployments || []).map((d) => h('li', {},
        h('div', {}, h('strong', {}, d.status), ' ', lastPart(d.taskDefinition), ' ',
          h('span', { class: 'badge', 'data-rollout': d.rolloutState }, d.rolloutState || '')),
        bar(`${d.status} deployment running tasks`, d.runningCount, d.desiredCount, d.status === 'PRIMARY' ? 'primary' : 'active'),
        h('div', { class: 'muted' }, `pending ${d.pendingCount}, failed ${d.failedTasks || 0}`,
          d.rolloutStateReason ? ` · ${d.rolloutStateReason}` : ''),
      ))),
      (s.loadBalancers || []).length ? [h('h3', {}, 'Load balancers'), h('ul', {}, s.loadBalancers.map((lb) =>
        h('li', {}, `${lastPart(lb.targetGroupArn || lb.loadBalancerName)} → ${lb.containerName}:${lb.containerPort}`)))] : [],
      (s.serviceRegistries || []).length ? [h('h3', {}, 'Service registries'), h('ul', {}, s.serviceRegistries.map((r) =>
        h('li', {}, r.registryArn)))] : [],
      h('h3', {}, 'Events'),
      h('ol', { class: 'events' }, (s.events || []).slice(0, 100).map((e) =>
        h('li', {}, h('time', {}, time(e.createdAt)), ' ', e.message))));
  }
}

function status(text) {
  return h('span', { class: 'badge', 'data-status': text }, text);
}

function rollout(s) {
  const primary = (s.deployments || []).find((d) => d.status === 'PRIMARY');
  if (!primary) return '';
  const others = (s.deployments || []).length - 1;
  return h('div', {}, bar(`Rollout of ${s.serviceName}`, primary.runningCount, primary.desiredCount, 'primary'),
    h('span', { class: 'muted' }, (primary.rolloutState || '') + (others > 0 ? ` · ${others} older` : '')));
}

function dl(pairs) {
  return h('dl', {}, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** Running (solid) and desired (dashed) over the window, up to now. */
function chart(history, s) {
  const w = 300, hgt = 60, now = Date.now(), span = history.windowMillis || 3600000;
  const points = [...(history.points || [])];
  points.push([now, s.runningCount, s.desiredCount]);
  const max = Math.max(1, ...points.map((p) => Math.max(p[1], p[2])));
  const x = (t) => Math.max(0, ((t - (now - span)) / span) * w);
  const y = (v) => hgt - (v / max) * (hgt - 4) - 2;
  const path = (i) => points.map((p, k) =>
    (k === 0 ? `M${x(p[0])},${y(p[i])}` : `H${x(p[0])}V${y(p[i])}`)).join('') + `H${w}`;
  return svg('svg', { viewBox: `0 0 ${w} ${hgt}`, class: 'chart', role: 'img',
    'aria-label': `Running tasks over the last hour: now ${s.runningCount} of ${s.desiredCount} desired, peak ${max}` },
  svg('path', { d: path(2), class: 'desired' }), svg('path', { d: path(1), class: 'running' }));
}

export { dl, status };
