// The API reference page (/docs) in headless Chromium, driven by playwright-core; run by docs-browser.sh.
// Usage: node docs-browser.mjs BASE_URL PLAYWRIGHT_CORE_DIR CHROMIUM_PATH SCREENSHOT_PATH
// Prints one "ok   name" or "FAIL name" line per check (details indented below a failure); exits 1 on a failure.
import { createRequire } from 'node:module';

const [base, playwrightDir, executablePath, screenshotPath] = process.argv.slice(2);
const { chromium } = createRequire(import.meta.url)(playwrightDir);
const origin = new URL(base).origin;
// A request that leaves the registry: another origin over the network (data: and blob: URLs stay in the page).
const foreignUrl = url => /^(https?|wss?):/.test(url) && new URL(url).origin !== origin;

let failures = 0;
function check(name, ok, details = []) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  if (!ok) {
    failures++;
    for (const line of details.slice(0, 20)) console.log(`       ${line}`);
  }
}

// What the document says the page should show: its title and the operations' summaries, by tag (Scalar's
// sidebar groups). Operations without a summary show their path instead and are not looked for.
const doc = await (await fetch(`${base}/openapi/v1.json`)).json();
const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method, op]) => method !== 'parameters' && typeof op === 'object' && op !== null)
    .map(([method, op]) => ({ method: method.toUpperCase(), path, summary: op.summary, tags: op.tags ?? [] })));
const summariesByTag = new Map();
for (const op of operations.filter(o => typeof o.summary === 'string' && o.summary !== '')) {
  for (const tag of op.tags) {
    if (!summariesByTag.has(tag)) summariesByTag.set(tag, new Set());
    summariesByTag.get(tag).add(op.summary);
  }
}
// The README's two first steps, found by the start of their summary.
const readmeSteps = ['Create a tenant', 'Register a client']
  .map(start => ({ start, op: operations.find(o => o.summary?.startsWith(start)) }));

const requests = [];
const badResponses = [];
const failedRequests = [];
const consoleErrors = [];

const browser = await chromium.launch({ executablePath, headless: true });
try {
  const page = await browser.newPage();
  // Generous waits: on a loaded 2-core machine, the first load of /docs took 7 s. They only cost time on a failure.
  page.setDefaultTimeout(30_000);
  page.setDefaultNavigationTimeout(60_000);
  // Offline, as on a machine without internet: other origins are recorded and refused, never fetched.
  await page.route(url => foreignUrl(url.href), route => route.abort('internetdisconnected'));
  page.on('request', request => requests.push(request.url()));
  page.on('websocket', socket => requests.push(socket.url()));
  page.on('response', response => {
    if (response.status() >= 400) badResponses.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('requestfailed', request => {
    if (!foreignUrl(request.url())) failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on('console', message => {
    if (message.type() === 'error') consoleErrors.push(`console: ${message.text()} (${message.location().url ?? ''})`);
  });
  page.on('pageerror', error => consoleErrors.push(`uncaught: ${error.message}`));

  const response = await page.goto(`${base}/docs`, { waitUntil: 'load' });
  check('/docs loads (200, after its redirect to /docs/)',
    response?.status() === 200 && new URL(page.url()).pathname === '/docs/', [`${response?.status()} ${page.url()}`]);

  // Scalar renders client-side: the document's title as the page's main heading means the UI is up.
  const heading = page.getByRole('heading', { level: 1 }).filter({ hasText: doc.info.title });
  let rendered = true;
  try {
    await heading.first().waitFor({ state: 'visible', timeout: 60_000 });
  } catch {
    rendered = false;
  }
  check(`the Scalar UI renders the document's title "${doc.info.title}" as the page heading`, rendered,
    [`h1 texts: ${JSON.stringify(await page.locator('h1').allInnerTexts())}`]);
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});

  const title = await page.title();
  check(`the browser tab's title shows "Registry" (${JSON.stringify(title)})`, title.includes('Registry'));
  const headings = await page.locator('h1').allInnerTexts();
  check('the page heading shows "Registry"', headings.some(h => h.includes('Registry')), [`h1 texts: ${JSON.stringify(headings)}`]);

  check(`the document has operation summaries to look for (${operations.length} operations, ${summariesByTag.size} tags)`,
    summariesByTag.size > 0 && readmeSteps.every(step => step.op), readmeSteps.filter(step => !step.op).map(step => `no summary starts with "${step.start}"`));

  // The sidebar: a person opens each closed tag group and reads the operations listed in it.
  const sidebar = page.locator('aside');
  for (const [tag, summaries] of summariesByTag) {
    if (await sidebar.getByText(`Open Group - ${tag}`, { exact: true }).count() > 0) {
      await sidebar.getByText(tag, { exact: true }).first().click();
    }
    const missing = [];
    for (const summary of summaries) {
      const item = sidebar.getByText(summary, { exact: true }).first();
      try {
        await item.waitFor({ state: 'visible', timeout: 15_000 });
      } catch {
        missing.push(`not visible: ${summary}`);
      }
    }
    check(`the sidebar's "${tag}" group shows its ${summaries.size} operation summaries`, missing.length === 0, missing);
  }

  // Then clicks an operation of each README step and sees its section on screen.
  for (const { start, op } of readmeSteps.filter(step => step.op)) {
    let shown = false;
    let where = '';
    try {
      await sidebar.getByText(op.summary, { exact: true }).first().click();
      const heading = page.getByRole('heading', { name: op.summary }).first();
      await heading.waitFor({ state: 'visible', timeout: 20_000 });
      await page.waitForFunction(h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; },
        await heading.elementHandle(), { timeout: 20_000 });
      shown = true;
    } catch (error) {
      where = error.message.split('\n')[0];
    }
    check(`clicking "${start}…" (${op.method} ${op.path}) in the sidebar brings its section into view`, shown,
      [`url: ${page.url()}`, where]);
  }

  // What a person sees last: the viewport (a full-page shot is mostly Scalar's lazy placeholders).
  await page.screenshot({ path: screenshotPath });
} finally {
  await browser.close();
}

const foreign = requests.filter(foreignUrl);
check(`the page made requests only to the registry (${requests.length} requests, ${foreign.length} elsewhere)`,
  foreign.length === 0, [...new Set(foreign)]);
check('every request the page made answered below 400', badResponses.length === 0 && failedRequests.length === 0,
  [...badResponses, ...failedRequests]);
check('the console shows no error', consoleErrors.length === 0, consoleErrors);

process.exit(failures === 0 ? 0 : 1);
