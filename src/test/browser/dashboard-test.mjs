// End-to-end test of the KECS dashboard in Debian's chromium. Run by DashboardBrowserIT, which
// seeds state through the AWS SDK and passes it in the environment:
//   KECS_URL, STOP_TASK_ID (a running task the page stops), SHOTS (optional: screenshot folder).
// Prints "PASS name" / "FAIL name: why" lines and "N passed, M failed"; "STEP restart" asks the
// IT to restart KECS (it answers "ok" on stdin once the new server is up).
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';

const url = process.env.KECS_URL;
const shots = process.env.SHOTS;
const stdin = createInterface({ input: process.stdin });
const lines = stdin[Symbol.asyncIterator]();
let passed = 0, failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`PASS ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${String(e.message || e).split('\n')[0]}`);
  }
}

async function ecs(op, body) {
  const r = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: {
    'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AmazonEC2ContainerServiceV20141113.' + op } });
  const json = await r.json();
  if (!r.ok) throw new Error(`${op}: ${json.__type} ${json.message}`);
  return json;
}

const T = { timeout: 20000 };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
const shot = async (name) => { if (shots) await page.screenshot({ path: `${shots}/${name}.png` }); };
const row = (table, text) => page.locator(`table[data-table="${table}"] tbody tr`, { hasText: text });
const dashboard = `${url}/_kecs/ui/`;

try {
  await page.goto(dashboard);
  await page.waitForSelector('#live[data-state=live]', T);
  await page.evaluate(() => { window.__sameDocument = true; });

  await check('clusters shown with counts', async () => {
    await page.locator('#clusters button', { hasText: 'web-prod' }).waitFor(T);
    await page.locator('#clusters button', { hasText: 'batch' }).waitFor(T);
    await page.locator('#clusters button[data-cluster="web-prod"] .counts', { hasText: '1 services' }).waitFor(T);
  });

  await page.locator('#clusters button[data-cluster="web-prod"]').click();
  await check('services shown', async () => {
    await row('services', 'api').locator('[data-col=running]', { hasText: '2' }).waitFor(T);
  });
  await shot('services');

  await check('a service scaled through the API updates without a reload', async () => {
    const started = Date.now();
    await ecs('UpdateService', { cluster: 'web-prod', service: 'api', desiredCount: 5 });
    await row('services', 'api').locator('[data-col=desired]', { hasText: '5' }).waitFor(T);
    console.log(`METRIC api_change_to_page_ms=${Date.now() - started}`);
    await row('services', 'api').locator('[data-col=running]', { hasText: '5' }).waitFor(T);
    if (!(await page.evaluate(() => window.__sameDocument))) throw new Error('the page was reloaded');
  });

  await check('service detail shows deployments, events and chart', async () => {
    await row('services', 'api').getByRole('button', { name: 'api', exact: true }).click();
    await page.locator('#detail .deployments li', { hasText: 'PRIMARY' }).waitFor(T);
    await page.locator('#detail .events li', { hasText: 'has reached a steady state' }).first().waitFor(T);
    await page.locator('#detail svg.chart').waitFor(T);
  });
  await shot('service-detail');
  await page.keyboard.press('Escape');

  await check('scale action', async () => {
    await row('services', 'api').getByRole('button', { name: 'Scale api' }).click();
    await page.fill('#ask-desiredCount', '3');
    await page.click('#confirm-ok');
    await row('services', 'api').locator('[data-col=desired]', { hasText: '3' }).waitFor(T);
  });

  await check('an ECS error is shown', async () => {
    await row('services', 'api').getByRole('button', { name: 'Scale api' }).click();
    await page.fill('#ask-desiredCount', '-1');
    await page.click('#confirm-ok');
    await page.locator('#error', { hasText: 'InvalidParameterException' }).waitFor(T);
    await page.locator('#error button').click();
  });

  await check('force new deployment action', async () => {
    const before = (await ecs('DescribeServices', { cluster: 'web-prod', services: ['api'] })).services[0];
    const primary = before.deployments.find((d) => d.status === 'PRIMARY').id;
    await row('services', 'api').getByRole('button', { name: 'Force new deployment of api' }).click();
    await page.click('#confirm-ok');
    for (let i = 0; i < 50; i++) {
      const s = (await ecs('DescribeServices', { cluster: 'web-prod', services: ['api'] })).services[0];
      if (s.deployments.find((d) => d.status === 'PRIMARY').id !== primary) return;
      await page.waitForTimeout(100);
    }
    throw new Error('no new PRIMARY deployment');
  });

  await page.click('#tab-tasks');
  await check('tasks shown', async () => {
    await row('tasks', process.env.STOP_TASK_ID.slice(0, 12)).waitFor(T);
    await page.locator('table[data-table="tasks"] tbody tr', { hasText: 'service:api' }).first().waitFor(T);
  });
  await shot('tasks');

  await check('stop task action', async () => {
    const id = process.env.STOP_TASK_ID;
    await page.getByRole('button', { name: `Stop task ${id}` }).click();
    await page.fill('#ask-reason', 'stopped by the browser test');
    await page.click('#confirm-ok');
    await row('tasks', id.slice(0, 12)).waitFor({ state: 'detached', ...T });
  });

  await page.selectOption('#task-desired', 'STOPPED');
  await check('a failed task shows its stop reason', async () => {
    await page.locator('table[data-table="tasks"] td.reason', { hasText: 'Essential container in task exited' }).first().waitFor(T);
    await page.locator('table[data-table="tasks"] td', { hasText: 'EssentialContainerExited' }).first().waitFor(T);
  });

  await check('user strings are shown escaped', async () => {
    const reason = page.locator('table[data-table="tasks"] td.reason', { hasText: '<script>window.__xss=1</script>' });
    await reason.first().waitFor(T);
    const text = await reason.first().textContent();
    if (!text.includes('"quoted" & <b>bold</b>')) throw new Error('reason altered: ' + text);
    if (await page.locator('#panel script, #panel b').count()) throw new Error('markup was parsed');
    const row2 = page.locator('table[data-table="tasks"] tbody tr', { hasText: '<script>window.__xss=1</script>' }).first();
    await row2.locator('th button').click();
    await page.locator('#detail dd', { hasText: '<img src=x onerror=window.__xss=2>' }).waitFor(T);
    if (await page.evaluate(() => window.__xss)) throw new Error('script ran');
  });
  await shot('task-detail');
  await page.keyboard.press('Escape');

  await page.click('#tab-taskdefs');
  await check('task definition JSON masks environment values; diff of two revisions', async () => {
    await page.getByRole('button', { name: 'api', exact: true }).click();
    const pre = page.locator('.json pre');
    await pre.waitFor(T);
    const json = await pre.textContent();
    if (json.includes('s3cr3t-value') || !json.includes('••••••')) throw new Error('environment value not masked');
    await page.check('#rev-1');
    await page.check('#rev-2');
    await page.getByRole('button', { name: 'Diff the two picked' }).click();
    await page.locator('.diff .add', { hasText: 'api:2' }).first().waitFor(T);
    await page.locator('.diff .del', { hasText: 'api:1' }).first().waitFor(T);
  });
  await shot('task-definitions');

  await check('deregister task definition action', async () => {
    await page.getByRole('button', { name: 'old', exact: true }).click();
    await page.getByRole('button', { name: 'Deregister revision 1' }).click();
    await page.click('#confirm-ok');
    await page.getByRole('button', { name: 'old', exact: true }).waitFor({ state: 'detached', ...T });
  });

  await check('account and region picker', async () => {
    await page.selectOption('#scope', '123456789012/eu-west-1');
    await page.locator('#clusters button', { hasText: 'eu-cluster' }).waitFor(T);
    if (await page.locator('#clusters button', { hasText: 'web-prod' }).count()) throw new Error('other scope shown');
    await page.selectOption('#scope', '000000000000/us-east-1');
    await page.locator('#clusters button', { hasText: 'web-prod' }).waitFor(T);
  });

  await check('dark theme', async () => {
    await page.click('#theme');
    if ((await page.getAttribute('html', 'data-theme')) !== 'dark') throw new Error('no dark theme');
    await page.click('#tab-services');
    await row('services', 'api').waitFor(T);
  });
  await shot('services-dark');

  await check('a rollout bar shows a deployment mid-way, then moves as it completes', async () => {
    const container = (image, environment) => [{ name: 'app', image, essential: true, environment }];
    const fargate = { networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' };
    const network = { awsvpcConfiguration: { subnets: ['subnet-1'] } };
    await ecs('RegisterTaskDefinition', { ...fargate, family: 'roll', containerDefinitions: container('registry.local/roll:1', []) });
    // Revision 2 never starts (its image cannot be pulled): its deployment stays mid-way while
    // the first one keeps serving, until revision 3 replaces it.
    await ecs('RegisterTaskDefinition', { ...fargate, family: 'roll', containerDefinitions:
      container('registry.local/roll:2', [{ name: 'KECS_SIMULATE_PULL_ERROR', value: 'pull access denied' }]) });
    await ecs('RegisterTaskDefinition', { ...fargate, family: 'roll', containerDefinitions: container('registry.local/roll:3', []) });
    await ecs('CreateService', { cluster: 'web-prod', serviceName: 'roll', taskDefinition: 'roll:1', desiredCount: 2,
      launchType: 'FARGATE', networkConfiguration: network });
    const meter = (now, state) => row('services', 'roll').locator(`[role=meter][aria-valuenow="${now}"][aria-valuemax="2"]`)
      .locator('xpath=../..', { hasText: state });
    await meter(2, 'COMPLETED').waitFor(T);
    await ecs('UpdateService', { cluster: 'web-prod', service: 'roll', taskDefinition: 'roll:2',
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: false, rollback: false } } });
    await meter(0, 'IN_PROGRESS').waitFor(T);
    await row('services', 'roll').locator('text=1 older').waitFor(T);
    await shot('rollout-mid-way');
    await ecs('UpdateService', { cluster: 'web-prod', service: 'roll', taskDefinition: 'roll:3' });
    await meter(2, 'COMPLETED').waitFor(T);
  });

  await check('the server line says whether the AWS backend answers', async () => {
    // DashboardBrowserIT points the backend at a closed loopback port.
    await page.locator('#server .badge[data-reachable=false]', { hasText: 'AWS backend not answering' }).waitFor(T);
  });

  await check('a page of another site cannot reset KECS or call its API', async () => {
    // localhost and 127.0.0.1 are different sites to the browser: a page served from one that
    // posts to the other is a cross-site "simple" request, sent without a preflight.
    const other = url.includes('127.0.0.1') ? url.replace('127.0.0.1', 'localhost') : url.replace('localhost', '127.0.0.1');
    const evil = await browser.newPage();
    try {
      await evil.goto(`${other}/_kecs/health`);
      const statuses = await evil.evaluate(async (target) => {
        const post = (path, headers, body) => fetch(target + path, { method: 'POST', mode: 'no-cors', headers, body })
          .then((r) => r.type, (e) => 'error: ' + e.message);
        return [
          await post('/_kecs/reset', { 'Content-Type': 'text/plain' }, 'wipe'),
          await post('/', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'Action=DeleteCluster&cluster=web-prod'),
        ];
      }, url);
      if (statuses.some((s) => s !== 'opaque' && !s.startsWith('error'))) throw new Error('unexpected: ' + statuses);
    } finally {
      await evil.close();
    }
    const clusters = (await ecs('ListClusters', {})).clusterArns;
    if (!clusters.some((a) => a.endsWith('/web-prod'))) throw new Error('the store was wiped: ' + clusters);
  });

  await check('reconnects after a server restart', async () => {
    console.log('STEP restart');
    const answer = await lines.next();
    if (answer.value !== 'ok') throw new Error('restart failed: ' + answer.value);
    await page.waitForSelector('#live[data-state=live]', { timeout: 20000 });
    // Made while the page was disconnected: only a reload after reconnecting shows it.
    await row('services', 'after-restart').waitFor({ timeout: 20000 });
  });
} catch (e) {
  failed++;
  console.log('FAIL unexpected: ' + e.message);
} finally {
  await browser.close();
  console.log(`${passed} passed, ${failed} failed`);
  stdin.close();
}
