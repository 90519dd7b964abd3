// Big files in the engine worker (progress, cancel), files kept in IndexedDB
// across reloads, "forget everything", private mode, offline reopen, damaged
// stored state, and two tabs at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { serve, open, ready, kpiValue, importFiles, waitForKpi, DATA, openDemo } from './harness.mjs';

let server;
let tmp;
let big;
let bigRevenue = 0;
const BIG_ROWS = 1_200_000;

before(async () => {
  server = await serve();
  tmp = await mkdtemp(join(tmpdir(), 'cadran-device-'));
  // A sales file large enough to take a while in the worker (about 45 MB).
  const lines = ['Order Date,Customer,Sales'];
  let cents = 0;
  for (let i = 0; i < BIG_ROWS; i++) {
    const c = 100 + ((i * 7919) % 900_000);
    cents += c;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    lines.push(`2024-${month}-${day},Client ${i % 5000},${(c / 100).toFixed(2)}`);
  }
  bigRevenue = cents / 100;
  big = join(tmp, 'big.csv');
  await writeFile(big, lines.join('\n') + '\n');
});

after(async () => {
  await server.close();
  await rm(tmp, { recursive: true, force: true });
});

const SUPERSTORE = () => join(DATA, 'superstore', 'Superstore.csv');

/** Records every phase the progress bar shows, from now on. */
async function watchPhases(page) {
  await page.evaluate(() => {
    window.__phases = [];
    new MutationObserver(() => {
      const p = document.querySelector('[data-testid="progress"]');
      if (p) window.__phases.push(p.getAttribute('data-phase'));
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

/** How many files the app keeps in IndexedDB. */
function storedFiles(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('cadran');
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const db = r.result;
      if (!db.objectStoreNames.contains('files')) { db.close(); resolve(0); return; }
      const c = db.transaction('files').objectStore('files').count();
      c.onsuccess = () => { db.close(); resolve(c.result); };
    };
  }));
}

const cadranKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cadran.')).sort());

test('a big file is read in the worker with progress; cancel keeps the dashboard', async () => {
  const b = await openDemo(server.url);
  try {
    const demoRevenue = await kpiValue(b.page, 'revenue');
    await b.page.getByTestId('nav-data').click();
    await watchPhases(b.page);
    await b.page.getByTestId('file-input').setInputFiles(big);
    await b.page.getByTestId('progress').waitFor({ timeout: 15_000 });
    // Readable, not clipped: the file's name, the phase and the bar show.
    const box = await b.page.getByTestId('progress').boundingBox();
    assert.ok(box && box.height > 30, `progress box ${JSON.stringify(box)}`);
    assert.match(await b.page.getByTestId('progress').textContent(), /big\.csv/);
    // Clicked at once: the bar moves and re-renders with each progress
    // message, so waiting for the button to be stable can outlast a
    // reading this fast.
    await b.page.getByTestId('cancel-import').dispatchEvent('click');
    await b.page.getByTestId('progress').waitFor({ state: 'detached', timeout: 15_000 });
    await b.page.getByTestId('notice').first().waitFor();
    assert.equal(await b.page.getByTestId('mapping-editor').count(), 0, 'the cancelled file waits for nothing');
    // The new worker read the demo again: same dashboard.
    await b.page.getByTestId('nav-dashboard').click();
    await waitForKpi(b.page, 'revenue', (v) => v === demoRevenue);
    await b.page.getByTestId('nav-data').click();

    // Again, to the end: the phases go by, the summary counts every row.
    await b.page.getByTestId('file-input').setInputFiles(big);
    await b.page.getByTestId('confirm-import').waitFor({ timeout: 120_000 });
    const phases = await b.page.evaluate(() => window.__phases);
    // Reading (rows are split as the bytes come), then typing. A file read
    // in two parts, as this one, has every row split once its later part is
    // in: no "parsing" of rows left at the end, and never back to it.
    const first = (phase) => phases.findIndex((p) => p && p.includes(phase));
    const seen = `phases ${[...new Set(phases)]}`;
    assert.ok(first('reading') >= 0 && first('typing') > first('reading'), seen);
    assert.ok(first('parsing') < 0 || first('parsing') < first('typing'), seen);
    assert.ok(!phases.slice(first('typing')).some((p) => p && !p.includes('typing')), seen);
    const summary = await b.page.getByTestId('import-summary').textContent();
    assert.match(summary.replace(/\s/g, ''), /1200000/);
    await b.page.getByTestId('confirm-import').click();
    await b.page.getByTestId('nav-dashboard').click();
    // The demo makes way for the user's own file.
    const revenue = await waitForKpi(b.page, 'revenue', (v) => Math.abs(v - bigRevenue) < 0.01, 60_000);
    assert.ok(Math.abs(revenue - bigRevenue) < 0.01);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('imported files come back after a reload; forget everything erases them', async () => {
  const b = await open();
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await importFiles(b.page, [SUPERSTORE()]);
    const revenue = await kpiValue(b.page, 'revenue');
    assert.ok(revenue > 2_000_000);
    // Kept in the background: wait for it.
    for (let i = 0; i < 100 && (await storedFiles(b.page)) !== 1; i++) await b.page.waitForTimeout(100);
    assert.equal(await storedFiles(b.page), 1);

    await b.page.reload();
    await ready(b.page);
    await waitForKpi(b.page, 'revenue', (v) => v === revenue);
    await b.page.getByTestId('nav-data').click();
    const kept = b.page.getByTestId('stored-files');
    await kept.waitFor();
    assert.match(await kept.textContent(), /Superstore\.csv/);
    assert.ok((await cadranKeys(b.page)).includes('cadran.v1.mappings'));

    await b.page.getByTestId('forget-everything').click();
    await b.page.getByTestId('notice').first().waitFor({ timeout: 15_000 });
    await ready(b.page);
    assert.equal(await b.page.getByTestId('tables-in-use').count(), 0);
    assert.equal(await storedFiles(b.page), 0);
    assert.deepEqual(await cadranKeys(b.page), []);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('private mode keeps nothing on the device', async () => {
  const b = await open();
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('nav-data').click();
    await b.page.getByTestId('private-mode').check();
    await b.page.getByTestId('private-notice').waitFor();
    await importFiles(b.page, [SUPERSTORE()]);
    await b.page.getByTestId('nav-dashboard').click();
    assert.ok((await kpiValue(b.page, 'revenue')) > 0);
    await b.page.waitForTimeout(500);
    assert.equal(await storedFiles(b.page), 0);
    assert.deepEqual(await cadranKeys(b.page), ['cadran.v1.private']);
    await b.page.reload();
    await ready(b.page);
    await b.page.getByTestId('private-notice').waitFor();
    await b.page.waitForTimeout(1000);
    assert.equal(await b.page.getByTestId('kpi-revenue').count(), 0, 'nothing came back');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('the first visit leaves ECharts out; the app works offline once a chart was drawn', async () => {
  // A server of its own, to switch the network off: nothing answers any more.
  const own = await serve();
  const b = await open();
  try {
    const asked = [];
    b.context.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await b.page.goto(own.url);
    await ready(b.page);
    // The service worker has cached the shell and controls the page.
    await b.page.waitForFunction(async () => {
      const keys = (await caches.keys()).filter((k) => k.startsWith('cadran-'));
      if (!keys.length) return false;
      const entries = await (await caches.open(keys[0])).keys();
      const reg = await navigator.serviceWorker.getRegistration();
      return entries.length >= 9 && !!navigator.serviceWorker.controller && reg?.active?.state === 'activated';
    }, null, { timeout: 20_000 });
    // Past the start-up rehearsal of the dashboard too, whose charts are built, not drawn.
    await b.page.waitForFunction(() => window.cadranRehearsed === true, null, { timeout: 20_000 });
    assert.ok(!asked.some((p) => p.endsWith('echarts.min.js')), `the first visit asked for ECharts: ${asked.join(' ')}`);
    // The first chart brings ECharts, and the offline cache keeps it.
    await b.page.getByTestId('load-demo').click();
    assert.ok((await kpiValue(b.page, 'revenue')) > 0);
    await b.page.locator('[data-testid="chart-revenue-by-month"] canvas').first().waitFor({ timeout: 30_000 });
    assert.ok(asked.some((p) => p.endsWith('echarts.min.js')));
    await b.page.waitForFunction(async () => !!(await caches.match('echarts.min.js', { ignoreSearch: true })), null, { timeout: 20_000 });
    // And the browser routes this page's loads through it (it records the
    // registration asynchronously): a load it served has a workerStart.
    for (let i = 0; i < 40; i++) {
      await b.page.reload();
      await ready(b.page);
      const viaWorker = await b.page.evaluate(() => performance.getEntriesByType('navigation')[0].workerStart > 0);
      if (viaWorker) break;
      await b.page.waitForTimeout(250);
    }
    await own.close();
    await b.page.reload();
    await ready(b.page);
    if (!(await b.page.getByTestId('kpi-revenue').count())) {
      await b.page.getByTestId('load-demo').click();
    }
    assert.ok((await kpiValue(b.page, 'revenue')) > 0);
    await b.page.locator('[data-testid="chart-revenue-by-month"] canvas').first().waitFor({ timeout: 30_000 });
    b.assertClean(own.origin);
  } finally {
    await b.close();
  }
});

test('damaged stored values are set aside with a notice, and the app still starts', async () => {
  const b = await open();
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.waitForTimeout(500);
    await b.page.evaluate(() => new Promise((resolve, reject) => {
      localStorage.setItem('cadran.v1.settings', '{"currency": 12');
      localStorage.setItem('cadran.v1.setup', '[1, 2');
      localStorage.setItem('cadran.v1.layout', '{"pinned": "not a list"}');
      // An entry that is not a file Cadran kept.
      const r = indexedDB.open('cadran');
      r.onerror = () => reject(r.error);
      r.onsuccess = () => {
        const db = r.result;
        const tx = db.transaction('files', 'readwrite');
        tx.objectStore('files').put({ name: 42 }, 'damaged.csv');
        tx.oncomplete = () => { db.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }));
    await b.page.reload();
    await ready(b.page);
    const notices = b.page.getByTestId('notice');
    await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="notice"]').length >= 4, null, { timeout: 15_000 });
    const text = (await notices.allTextContents()).join('\n');
    assert.match(text, /cadran\.v1\.settings/);
    assert.match(text, /cadran\.v1\.setup/);
    assert.match(text, /cadran\.v1\.layout/);
    const aside = await b.page.evaluate(() => localStorage.getItem('cadran.broken.v1.settings'));
    assert.equal(aside, '{"currency": 12');
    assert.equal(await storedFiles(b.page), 0, 'the damaged entry was removed');
    await b.page.getByTestId('load-demo').click();
    assert.ok((await kpiValue(b.page, 'revenue')) > 0);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('two tabs share the language and objectives without overwriting each other', async () => {
  const b = await open();
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    const other = await b.context.newPage();
    await other.goto(server.url);
    await ready(other);
    await b.page.getByTestId('lang-select').selectOption('en');
    await other.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 10_000 });
    // The other tab changes nothing: the first tab's choice stays kept.
    await other.waitForTimeout(300);
    assert.equal(await b.page.evaluate(() => localStorage.getItem('cadran.v1.lang')), '"en"');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('a full storage is explained, and the file still works for the visit', async () => {
  const b = await open();
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    // Chromium's own switch for a tiny quota on this origin.
    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: 50_000 });
    await importFiles(b.page, [SUPERSTORE()]);
    const notice = b.page.getByTestId('notice').first();
    await notice.waitFor({ timeout: 15_000 });
    assert.match(await notice.textContent(), /Plus de place/);
    assert.equal(await storedFiles(b.page), 0);
    assert.ok((await kpiValue(b.page, 'revenue')) > 2_000_000, 'the file is on the dashboard all the same');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
