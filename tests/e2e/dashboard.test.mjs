// The dashboard on real exports: values, filters, the URL, reload, exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { serve, open, ready, kpiValue, importFiles, cliReport, waitForKpi, DATA } from './harness.mjs';

const SUPERSTORE = join(DATA, 'superstore', 'Superstore.csv');
const CRM = ['sales_pipeline', 'sales_teams', 'accounts', 'products'].map((f) => join(DATA, 'crm_sales_opportunities', `${f}.csv`));

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

const cents = (x) => Math.round(x * 100) / 100;

test('Superstore: revenue, orders, basket, margin rate and top customer', async () => {
  const b = await open({ locale: 'en-US' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await importFiles(b.page, SUPERSTORE);
    assert.equal(cents(await kpiValue(b.page, 'revenue')), 2297200.86);
    assert.equal(await kpiValue(b.page, 'order_count'), 5009);
    assert.equal(cents(await kpiValue(b.page, 'avg_order_value')), 458.61);
    assert.equal(Math.round((await kpiValue(b.page, 'margin_rate')) * 10000) / 100, 12.47);
    assert.match(await b.page.getByTestId('kpi-margin_rate').textContent(), /12\.5%/);
    // The top customers chart, read through its table view (the text alternative).
    const top = b.page.getByTestId('chart-top-customers');
    await top.getByRole('button', { name: 'Show table' }).click();
    assert.equal((await top.locator('tbody th').first().textContent()).trim(), 'Sean Miller');
    // Nothing unavailable is shown as 0: pipeline KPIs say what unlocks them, and so do their charts.
    assert.match(await b.page.getByTestId('kpi-unavailable-win_rate').textContent(), /opportunities/);
    assert.match(await b.page.getByTestId('no-data-funnel').textContent(), /No data for this chart — needs an opportunities table/);
    // All the data compares with nothing: said, not shown as a change.
    const changes = b.page.getByTestId('card-revenue').locator('.kpi-changes');
    assert.equal((await changes.textContent()).match(/no comparison/g)?.length, 2);
    // 2015 compares with the whole of 2014: revenue in percent, a rate in points.
    await b.page.getByTestId('period-select').selectOption('custom');
    await b.page.getByTestId('period-from').fill('2015-01-01');
    await b.page.getByTestId('period-to').fill('2015-12-31');
    await waitForKpi(b.page, 'revenue', (v) => cents(v) === 470532.51);
    assert.match(await changes.textContent(), /▼ -2\.8% vs previous period/);
    const margin = b.page.getByTestId('card-margin_rate').locator('.kpi-changes');
    assert.match(await margin.textContent(), /▲ \+2\.9\u00a0pts vs previous period/);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('CRM tables together: win rate, won revenue, sales cycle, joins', async () => {
  const b = await open({ locale: 'fr-FR' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('file-input').setInputFiles(CRM);
    await b.page.getByTestId('confirm-import').waitFor();
    // One mapping editor per file, each with its detected kind.
    const kinds = await b.page.getByTestId('kind-select').evaluateAll((els) => els.map((e) => e.value).sort());
    assert.deepEqual(kinds, ['customers', 'opportunities', 'products', 'team']);
    await b.page.getByTestId('confirm-import').click();
    assert.equal(Math.round((await kpiValue(b.page, 'win_rate')) * 10000) / 100, 63.15);
    assert.equal(await kpiValue(b.page, 'won_revenue'), 10005534);
    assert.equal(Math.round((await kpiValue(b.page, 'avg_sales_cycle_days')) * 10) / 10, 51.8);
    assert.match(await b.page.getByTestId('kpi-win_rate').textContent(), /63,2\s%/);
    // The relations between the tables are shown on the data page.
    await b.page.getByTestId('nav-data').click();
    await b.page.getByText(/sales_pipeline\.csv → sales_teams\.csv \(commercial\)\u202f: 8\u202f800 lignes reliées, 0 sans correspondance/).waitFor();
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('period and rep filters match the engine, live in the URL and survive a reload', async () => {
  const b = await open({ locale: 'en-US' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await importFiles(b.page, CRM);
    const all = await kpiValue(b.page, 'won_revenue');
    await b.page.getByTestId('period-select').selectOption('custom');
    await b.page.getByTestId('period-from').fill('2017-04-01');
    await b.page.getByTestId('period-to').fill('2017-06-30');
    await b.page.getByTestId('filter-rep').selectOption('Darcel Schlecht');
    const cli = await cliReport(['--from', '2017-04-01', '--to', '2017-06-30', '--where', 'rep=Darcel Schlecht', ...CRM]);
    const want = cli.kpis.won_revenue.value;
    assert.ok(want > 0 && want < all);
    assert.equal(await waitForKpi(b.page, 'won_revenue', (v) => v === want), want);
    assert.equal(await kpiValue(b.page, 'win_rate'), cli.kpis.win_rate.value);
    const url = new URL(b.page.url());
    assert.match(url.hash, /from=2017-04-01&to=2017-06-30/);
    assert.match(url.hash, /rep=Darcel%20Schlecht/);
    // A reload keeps the view (the data itself is kept by a later feature: re-import it).
    await b.page.reload();
    await ready(b.page);
    await importFiles(b.page, CRM);
    assert.equal(await waitForKpi(b.page, 'won_revenue', (v) => v === want), want);
    assert.equal(await b.page.getByTestId('filter-rep').inputValue(), 'Darcel Schlecht');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('the exported JSON is the engine report', async () => {
  const b = await open({ locale: 'en-US' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await importFiles(b.page, SUPERSTORE);
    await kpiValue(b.page, 'revenue');
    const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.getByTestId('export-json').click()]);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.deepEqual(exported, await cliReport([SUPERSTORE]));
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('the demo reopens after a reload on the same view, the rep table sorts, CSV is safe', async () => {
  const b = await open({ locale: 'fr-FR' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('load-demo').click();
    await kpiValue(b.page, 'revenue');
    await b.page.getByTestId('period-select').selectOption('this_year');
    await b.page.getByTestId('nav-reps').click();
    const table = b.page.getByTestId('rep-table');
    await table.waitFor();
    await b.page.reload();
    await ready(b.page);
    await table.waitFor();
    assert.match(b.page.url(), /page=reps&period=this_year/);
    // Sort by revenue, largest first, then smallest first.
    const revenues = async () => table.locator('tbody tr td:nth-child(2)').evaluateAll((tds) => tds.map((td) => Number(td.dataset.value)));
    await b.page.getByTestId('sort-0').click();
    const desc = await revenues();
    assert.deepEqual(desc, [...desc].sort((x, y) => y - x));
    await b.page.getByTestId('sort-0').click();
    const asc = await revenues();
    assert.deepEqual(asc, [...asc].sort((x, y) => x - y));
    const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.getByTestId('export-reps-csv').click()]);
    const csv = await readFile(await download.path(), 'utf8');
    assert.match(csv, /^\uFEFFCommercial;CA;/);
    assert.equal(csv.trim().split('\n').length, 1 + asc.length);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('only the KPIs that matter: pin a main objective, hide, reorder, explain; remembered', async () => {
  const b = await open({ locale: 'en-US' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('load-demo').click();
    await kpiValue(b.page, 'revenue');
    const pinned = b.page.getByTestId('pinned-row');
    await b.page.getByTestId('pin-gross_margin').click();
    await b.page.getByTestId('pin-win_rate').click();
    assert.deepEqual(await pinned.locator('.kpi-value').evaluateAll((els) => els.map((e) => e.dataset.testid)), ['kpi-gross_margin', 'kpi-win_rate']);
    // The pinned card left its family; moving it up makes it the main objective.
    assert.equal(await b.page.getByTestId('family-revenue').getByTestId('kpi-gross_margin').count(), 0);
    await pinned.getByTestId('move-up-win_rate').click();
    assert.deepEqual(await pinned.locator('.kpi-value').evaluateAll((els) => els.map((e) => e.dataset.testid)), ['kpi-win_rate', 'kpi-gross_margin']);
    // Hide units sold; move the average order value before the order count.
    const revenueFamily = b.page.getByTestId('family-revenue');
    await b.page.getByTestId('hide-units_sold').click();
    assert.equal(await b.page.getByTestId('kpi-units_sold').count(), 0);
    const order = async () => revenueFamily.locator('.kpi-grid .kpi-value').evaluateAll((els) => els.map((e) => e.dataset.testid));
    const before = await order();
    await b.page.getByTestId('move-up-avg_order_value').click();
    const after = await order();
    assert.equal(after.indexOf('kpi-avg_order_value'), before.indexOf('kpi-avg_order_value') - 1);
    // Every card explains its formula and the rows it read.
    await b.page.getByTestId('explain-revenue').click();
    const explanation = b.page.getByTestId('explanation-revenue');
    assert.match(await explanation.textContent(), /Sum of net amounts.*Read from demo-ventes\.csv: 6,000 rows of the period/);
    await b.page.reload();
    await ready(b.page);
    await kpiValue(b.page, 'revenue');
    assert.deepEqual(await pinned.locator('.kpi-value').evaluateAll((els) => els.map((e) => e.dataset.testid)), ['kpi-win_rate', 'kpi-gross_margin']);
    assert.equal(await b.page.getByTestId('kpi-units_sold').count(), 0);
    assert.deepEqual(await order(), after);
    // A hidden KPI comes back from the family's hidden list.
    await revenueFamily.locator('details.locked summary').first().click();
    await b.page.getByTestId('unhide-units_sold').click();
    await b.page.getByTestId('kpi-units_sold').waitFor();
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
