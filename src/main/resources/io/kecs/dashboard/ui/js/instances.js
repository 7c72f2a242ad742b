import { describeBatched, ecs, listAll } from './api.js';
import { h, bar, lastPart } from './dom.js';
import { PagedTable } from './table.js';
import { status } from './services.js';

// Container instances (Kubernetes nodes on that runtime): registered against remaining CPU and memory.
export class InstancesView {
  constructor(app) {
    this.app = app;
    this.table = new PagedTable({
      name: 'container instances',
      columns: ['Instance', 'Status', 'Agent', 'Tasks running / pending', 'CPU used', 'Memory used'],
      describe: (ids) => describeBatched(ids, 100, async (batch) =>
        (await ecs('DescribeContainerInstances', { cluster: app.cluster.clusterArn, containerInstances: batch }))
          .containerInstances.map((c) => [c.containerInstanceArn, c])),
      row: (c) => h('tr', {},
        h('th', { scope: 'row', class: 'mono' }, c.ec2InstanceId || lastPart(c.containerInstanceArn)),
        h('td', {}, status(c.status)),
        h('td', {}, c.agentConnected ? 'connected' : 'disconnected'),
        h('td', {}, `${c.runningTasksCount} / ${c.pendingTasksCount}`),
        h('td', {}, used(c, 'CPU')),
        h('td', {}, used(c, 'MEMORY'))),
    });
  }

  async load(panel) {
    panel.append(this.table.el);
    const cluster = this.app.cluster.clusterArn;
    await listAll('ListContainerInstances', { cluster }, 'containerInstanceArns', (arns, more) => {
      if (this.app.cluster?.clusterArn === cluster) this.table.setIds([...arns], more);
    });
  }

  changed(changes) {
    const ids = changes['container-instance']?.ids || [];
    if (changes['container-instance']?.many || ids.some((id) => !this.table.ids.includes(id))) return this.app.reloadView();
    // Remaining CPU and memory follow the tasks placed on an instance.
    return this.table.invalidate(changes.task ? this.table.visibleIds() : ids);
  }
}

function used(c, name) {
  const reg = (c.registeredResources || []).find((r) => r.name === name)?.integerValue || 0;
  const rem = (c.remainingResources || []).find((r) => r.name === name)?.integerValue || 0;
  return bar(`${name} used of registered`, reg - rem, reg);
}
