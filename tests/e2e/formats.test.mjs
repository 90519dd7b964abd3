// Excel workbooks and Parquet files in the browser: the same figures as the
// same data in CSV (tests/data/formats, made by its make.py), each sheet a
// table of its own, the sheets with no known header left out unless taken,
// what cannot be read said, and the formats module downloaded only once such
// a file arrives — never on a first visit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, open, ready, openWithFiles, kpiValue, DATA } from './harness.mjs';

const DIR = join(DATA, 'formats');
const file = (name) => join(DIR, name);
const MODULE = /cadran-formats(_bg\.wasm|\.js)$/;

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

/** Revenue and won deals of the CSV twins, as the dashboard shows them. */
async function twins(paths) {
  const b = await openWithFiles(server.url, paths);
  try {
    const figures = { revenue: await kpiValue(b.page, 'revenue') };
    if (paths.length > 1) figures.won = await kpiValue(b.page, 'won_deals');
    assert.ok(!b.requests.some((u) => MODULE.test(u)), 'a CSV file needs no formats module');
    b.assertClean(server.origin);
    return figures;
  } finally {
    await b.close();
  }
}

test('a workbook gives its CSV twins\' figures, one table per sheet, the module loaded only then', async () => {
  const expected = await twins([file('ventes.csv'), file('opportunites.csv')]);
  assert.ok(expected.revenue > 0 && expected.won > 0, JSON.stringify(expected));

  const b = await open();
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    // The engine worker is up and warm: still no formats module.
    await b.page.waitForTimeout(1500);
    assert.ok(!b.requests.some((u) => MODULE.test(u)), `first visit fetched the formats module:\n${b.requests.join('\n')}`);

    await b.page.getByTestId('file-input').setInputFiles(file('ventes.xlsx'));
    const confirm = b.page.getByTestId('confirm-import');
    await confirm.waitFor({ timeout: 30_000 });
    // Three sheets with values (the empty one is left out); the notes'
    // header is no known table, so it is not proposed.
    const editors = b.page.getByTestId('mapping-editor');
    await b.page.waitForFunction(() => document.querySelectorAll('[data-testid=mapping-editor]').length === 3, null, { timeout: 30_000 });
    const names = await editors.locator('.file-name').allTextContents();
    assert.deepEqual(names, ['ventes.xlsx (Ventes)', 'ventes.xlsx (Opportunités)', 'ventes.xlsx (Notes)']);
    const taken = await b.page.getByTestId('take-sheet').evaluateAll((boxes) => boxes.map((x) => x.checked));
    assert.deepEqual(taken, [true, true, false]);
    const kinds = await b.page.getByTestId('kind-select').evaluateAll((s) => s.map((x) => x.value));
    assert.deepEqual(kinds, ['sales', 'opportunities', 'unknown']);
    await confirm.click();
    await confirm.waitFor({ state: 'detached', timeout: 30_000 });

    assert.equal(await kpiValue(b.page, 'revenue'), expected.revenue);
    assert.equal(await kpiValue(b.page, 'won_deals'), expected.won);
    assert.ok(b.requests.some((u) => /cadran-formats_bg\.wasm$/.test(u)), 'the formats module was loaded for the workbook');

    // Kept on the device, each sheet comes back after a reload, read again
    // from the workbook.
    await b.page.reload();
    await ready(b.page);
    assert.equal(await kpiValue(b.page, 'revenue'), expected.revenue);
    assert.equal(await kpiValue(b.page, 'won_deals'), expected.won);
    // The reloaded page and its worker are the service worker's: the module
    // they fetched for the kept workbook is now in the offline cache.
    assert.ok(await b.page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is controlled');
    const cached = await b.page.evaluate(async () => !!(await caches.match('cadran-formats_bg.wasm', { ignoreSearch: true })));
    assert.ok(cached, 'the formats module is cached once used');
    await b.page.getByTestId('nav-data').click();
    const tables = b.page.getByTestId('tables-in-use');
    await tables.waitFor();
    // (Kept files come back in the order of their names.)
    assert.deepEqual((await tables.locator('tbody th').allTextContents()).sort(), ['ventes.xlsx (Opportunités)', 'ventes.xlsx (Ventes)']);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('Parquet files written by DuckDB (Snappy, GZIP, ZSTD) give their CSV twin\'s revenue', async () => {
  const expected = await twins([file('ventes.csv')]);
  for (const name of ['ventes.parquet', 'ventes-gzip.parquet', 'ventes-zstd.parquet']) {
    const b = await openWithFiles(server.url, file(name));
    try {
      assert.equal(await kpiValue(b.page, 'revenue'), expected.revenue, name);
      b.assertClean(server.origin);
    } finally {
      await b.close();
    }
  }
});

test('a Brotli Parquet file and a protected workbook are refused, saying why', async () => {
  const b = await open();
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('file-input').setInputFiles([file('ventes-brotli.parquet'), file('protege.xlsx')]);
    const alerts = b.page.locator('.import p.error[role=alert]');
    await b.page.waitForFunction(() => document.querySelectorAll('.import p.error[role=alert]').length === 2, null, { timeout: 30_000 });
    const said = (await alerts.allTextContents()).join('\n');
    assert.match(said, /ventes-brotli\.parquet.*compressé en Brotli/);
    assert.match(said, /protege\.xlsx.*protégé par un mot de passe/);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
