import { ecs } from './api.js';
import { h, replace } from './dom.js';

// The four actions, each one ECS call; an ECS error comes back to the caller to be shown.
const dialog = () => document.getElementById('confirm');

/** Asks in a modal dialog; resolves to the form's values, or null when cancelled. */
export function ask(title, text, fields = [], okLabel = 'Confirm') {
  const d = dialog();
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = okLabel;
  const inputs = fields.map((f) => h('input', { id: `ask-${f.name}`, name: f.name, type: f.type || 'text',
    value: f.value ?? '', min: f.min, required: f.required }));
  replace(document.getElementById('confirm-extra'),
    fields.map((f, i) => h('p', {}, h('label', { for: `ask-${f.name}` }, f.label), ' ', inputs[i])));
  return new Promise((resolve) => {
    d.addEventListener('close', () => {
      if (d.returnValue !== 'ok') return resolve(null);
      resolve(Object.fromEntries(inputs.map((i) => [i.name, i.value])));
    }, { once: true });
    d.returnValue = '';
    d.showModal();
    (inputs[0] || document.getElementById('confirm-ok')).focus();
  });
}

export async function scaleService(service) {
  const v = await ask(`Scale ${service.serviceName}`, 'Sets the desired count (UpdateService).',
    // No min: ECS itself judges the value, and its error is what the user sees.
    [{ name: 'desiredCount', label: 'Desired count', type: 'number', value: service.desiredCount, required: true }],
    'Scale');
  if (!v) return false;
  await ecs('UpdateService', { cluster: service.clusterArn, service: service.serviceArn,
    desiredCount: Number(v.desiredCount) });
  return true;
}

export async function forceDeployment(service) {
  const v = await ask(`Force a new deployment of ${service.serviceName}`,
    'Starts a new deployment with the same task definition (UpdateService forceNewDeployment).', [], 'Deploy');
  if (!v) return false;
  await ecs('UpdateService', { cluster: service.clusterArn, service: service.serviceArn, forceNewDeployment: true });
  return true;
}

export async function stopTask(task) {
  const id = task.taskArn.split('/').pop();
  const v = await ask(`Stop task ${id}`, 'Stops the task (StopTask).',
    [{ name: 'reason', label: 'Reason', value: 'Stopped from the KECS dashboard' }], 'Stop task');
  if (!v) return false;
  await ecs('StopTask', { cluster: task.clusterArn, task: task.taskArn, reason: v.reason || undefined });
  return true;
}

export async function deregister(arn) {
  const v = await ask(`Deregister ${arn.split('/').pop()}`,
    'Marks the revision INACTIVE (DeregisterTaskDefinition).', [], 'Deregister');
  if (!v) return false;
  await ecs('DeregisterTaskDefinition', { taskDefinition: arn });
  return true;
}
