// Measures the dashboard against a seeded KECS (see bench/dashboard.sh): node dashboard-bench.mjs URL
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

// playwright-core is installed once, for the browser tests, under src/test/browser.
const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../src/test/browser/package.json'));
const { chromium } = require('playwright-core');
const url = process.argv[2];
const runs = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
const paint = [], tasksFirst = [], tasksAll = [];
for (let i = 0; i < runs; i++) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Noted in the page itself: the first frame after the first service rows are in the DOM,
  // counted from navigation start (performance.now() is 0 there).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('table[data-table="services"] tbody tr[data-id] [data-col=running]')) {
        observer.disconnect();
        requestAnimationFrame(() => { window.__firstRows = performance.now(); });
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url + '/_kecs/ui/');
  await page.waitForFunction(() => window.__firstRows, null, { timeout: 30000 });
  paint.push(await page.evaluate(() => window.__firstRows));
  const t = await page.evaluate(() => performance.now());
  await page.click('#tab-tasks');
  await page.waitForSelector('table[data-table="tasks"] tbody tr[data-id]', { timeout: 30000 });
  tasksFirst.push((await page.evaluate(() => performance.now())) - t);
  await page.waitForFunction(() => /^\d+ in all/.test(document.querySelector('.paged .muted')?.textContent || ''), null, { timeout: 60000 });
  tasksAll.push((await page.evaluate(() => performance.now())) - t);
  await page.close();
}
console.log(`RESULT first_meaningful_paint_ms median=${median(paint).toFixed(0)} max=${max(paint).toFixed(0)} (services table with ${process.env.BENCH_SERVICES || 2000} services, ${runs} cold page loads)`);
console.log(`RESULT tasks_tab_first_rows_ms median=${median(tasksFirst).toFixed(0)} max=${max(tasksFirst).toFixed(0)}`);
console.log(`RESULT tasks_tab_all_arns_ms median=${median(tasksAll).toFixed(0)} max=${max(tasksAll).toFixed(0)}`);

const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(url + '/_kecs/ui/');
await page.waitForSelector('table[data-table="services"] tbody tr[data-id] [data-col=running]', { timeout: 30000 });
await page.waitForTimeout(1000);
const delays = [];
for (let i = 0; i < 20; i++) {
  delays.push(await page.evaluate(async (n) => {
    const tr = document.querySelector('table[data-table="services"] tbody tr[data-id]');
    const arn = tr.dataset.id;
    const cell = () => document.querySelector(`tr[data-id="${arn}"] [data-col=desired]`)?.textContent;
    const t = performance.now();
    await fetch('/', { method: 'POST', headers: { 'X-Amz-Target': 'AmazonEC2ContainerServiceV20141113.UpdateService',
      'Content-Type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ cluster: 'bench', service: arn, desiredCount: n }) });
    while (cell() !== String(n) && performance.now() - t < 10000) await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - t;
  }, i % 2 ? 5 : 6));
  await page.waitForTimeout(500);
}
console.log(`RESULT api_change_to_page_ms median=${median(delays).toFixed(0)} max=${max(delays).toFixed(0)} (UpdateService sent to the desired count shown, ${delays.length} changes)`);
await browser.close();
