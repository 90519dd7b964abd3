// The dashboard on real exports: values, filters, the URL, reload, exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { serve, open, ready, kpiValue, cliReport, waitForKpi, DATA, openDemo, openWithFiles } from './harness.mjs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const SUPERSTORE = join(DATA, 'superstore', 'Superstore.csv');
const CRM = ['sales_pipeline', 'sales_teams', 'accounts', 'products'].map((f) => join(DATA, 'crm_sales_opportunities', `${f}.csv`));

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

const cents = (x) => Math.round(x * 100) / 100;

test('Superstore: revenue, orders, basket, margin rate and top customer', async () => {
  const b = await openWithFiles(server.url, SUPERSTORE, { locale: 'en-US' });
  try {
    assert.equal(cents(await kpiValue(b.page, 'revenue')), 2297200.86);
    assert.equal(await kpiValue(b.page, 'order_count'), 5009);
    assert.equal(cents(await kpiValue(b.page, 'avg_order_value')), 458.61);
    assert.equal(Math.round((await kpiValue(b.page, 'margin_rate')) * 10000) / 100, 12.47);
    assert.match(await b.page.getByTestId('kpi-margin_rate').textContent(), /12\.5%/);
    // The top customers chart, read through its table view (the text alternative).
    const top = b.page.getByTestId('chart-top-customers');
    await top.getByRole('button', { name: 'Show table' }).click();
    assert.equal((await top.locator('tbody th').first().textContent()).trim(), 'Sean Miller');
    // Nothing unavailable is shown as 0: pipeline KPIs and charts fold into the
    // unlock panel, grouped under what would unlock them.
    const unlock = b.page.getByTestId('unlock-panel');
    const why = (id) => unlock.locator('.unlock-group', { has: b.page.getByTestId(id) }).locator('.unlock-why').textContent();
    assert.match(await why('kpi-unavailable-win_rate'), /opportunities/);
    assert.match(await why('unlock-chart-funnel'), /^needs an opportunities table/);
    assert.equal(await b.page.getByTestId('chart-funnel').count(), 0);
    // All the data compares with nothing: said, not shown as a change.
    const changes = b.page.getByTestId('card-revenue').locator('.kpi-changes');
    assert.match(await changes.textContent(), /^no comparison vs previous period/);
    assert.doesNotMatch(await changes.textContent(), /[▲▼]/);
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
  const b = await openWithFiles(server.url, CRM, { locale: 'en-US' });
  try {
    const all = await kpiValue(b.page, 'won_revenue');
    await b.page.getByTestId('period-select').selectOption('custom');
    await b.page.getByTestId('period-from').fill('2017-04-01');
    await b.page.getByTestId('period-to').fill('2017-06-30');
    await b.page.getByTestId('filter-rep').locator('summary').click();
    await b.page.getByTestId('filter-search-rep').fill('darcel');
    await b.page.locator('[data-testid="filter-option-rep"][data-value="Darcel Schlecht"]').check();
    const cli = await cliReport(['--from', '2017-04-01', '--to', '2017-06-30', '--where', 'rep=Darcel Schlecht', ...CRM]);
    const want = cli.kpis.won_revenue.value;
    assert.ok(want > 0 && want < all);
    assert.equal(await waitForKpi(b.page, 'won_revenue', (v) => v === want), want);
    assert.equal(await kpiValue(b.page, 'win_rate'), cli.kpis.win_rate.value);
    const url = new URL(b.page.url());
    assert.match(url.hash, /from=2017-04-01&to=2017-06-30/);
    assert.match(url.hash, /rep=Darcel%20Schlecht/);
    // A reload keeps the view, and the files kept on this device come back
    // (re-importing them raced with their return).
    await b.page.reload();
    await ready(b.page);
    assert.equal(await waitForKpi(b.page, 'won_revenue', (v) => v === want), want);
    assert.equal(await b.page.getByTestId('filter-chip-rep').getAttribute('data-value'), 'Darcel Schlecht');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('the exported JSON is the engine report', async () => {
  const b = await openWithFiles(server.url, SUPERSTORE, { locale: 'en-US' });
  try {
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
  const b = await openDemo(server.url, { locale: 'fr-FR' });
  try {
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
    // A French spreadsheet's CSV: a first line saying what it holds, the unit in
    // the header, amounts with a decimal comma and no grouping.
    const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
    assert.match(lines[0], /^\uFEFFCommerciaux — Période/);
    assert.match(lines[1], /^Commercial;CA \(€\);/);
    assert.equal(lines.length, 2 + asc.length);
    const first = lines[2].split(';');
    assert.match(first[1], /^\d+,\d{2}$/);
    assert.equal(Number(first[1].replace(',', '.')), Math.round(asc[0] * 100) / 100);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

// A card's action, from its actions menu (each card is one Tab stop; its actions are in a menu).
async function cardAction(page, action, id) {
  await page.getByTestId(`actions-${id}`).click();
  await page.getByTestId(`${action}-${id}`).click();
}

test('only the KPIs that matter: pin, unpin, hide, reorder, explain; remembered', async () => {
  const b = await openDemo(server.url, { locale: 'en-US' });
  try {
    await kpiValue(b.page, 'revenue');
    const pinned = b.page.getByTestId('pinned-row');
    const row = () => pinned.locator('.kpi-value').evaluateAll((els) => els.map((e) => e.dataset.testid));
    // The key row starts as the objectives' KPIs; a pin adds to it, an unpin takes one out.
    assert.deepEqual(await row(), ['kpi-revenue', 'kpi-win_rate', 'kpi-revenue_per_rep']);
    await cardAction(b.page, 'pin', 'gross_margin');
    assert.deepEqual(await row(), ['kpi-revenue', 'kpi-win_rate', 'kpi-revenue_per_rep', 'kpi-gross_margin']);
    await cardAction(b.page, 'pin', 'revenue_per_rep');
    assert.deepEqual(await row(), ['kpi-revenue', 'kpi-win_rate', 'kpi-gross_margin']);
    // The pinned card left its family; moving it up puts it before the win rate.
    assert.equal(await b.page.getByTestId('family-revenue').getByTestId('kpi-gross_margin').count(), 0);
    await pinned.getByTestId('actions-gross_margin').click();
    await pinned.getByTestId('move-up-gross_margin').click();
    assert.deepEqual(await row(), ['kpi-revenue', 'kpi-gross_margin', 'kpi-win_rate']);
    // Hide units sold; move the average order value before the order count.
    const revenueFamily = b.page.getByTestId('family-revenue');
    await cardAction(b.page, 'hide', 'units_sold');
    assert.equal(await b.page.getByTestId('kpi-units_sold').count(), 0);
    const order = async () => revenueFamily.locator('.kpi-grid .kpi-value').evaluateAll((els) => els.map((e) => e.dataset.testid));
    const before = await order();
    await cardAction(b.page, 'move-up', 'avg_order_value');
    const after = await order();
    assert.equal(after.indexOf('kpi-avg_order_value'), before.indexOf('kpi-avg_order_value') - 1);
    // Every card explains its formula and the rows it read.
    await cardAction(b.page, 'explain', 'revenue');
    const explanation = b.page.getByTestId('explanation-revenue');
    assert.match(await explanation.textContent(), /Sum of net amounts.*Read from demo-ventes\.csv: 6,000 rows of the period/);
    await b.page.reload();
    await ready(b.page);
    await kpiValue(b.page, 'revenue');
    assert.deepEqual(await row(), ['kpi-revenue', 'kpi-gross_margin', 'kpi-win_rate']);
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

// A chart's series as ECharts holds them, once `ok(series, categories)` holds
// (charts are drawn one per task, after the report).
async function chartSeries(page, id, ok, timeout = 30_000) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeout) {
    last = await page.evaluate((id) => {
      const el = document.getElementById(id);
      const chart = el && globalThis.echarts.getInstanceByDom(el);
      if (!chart) return null;
      const o = chart.getOption();
      return { series: o.series.map((s) => ({ name: s.name, data: s.data })), categories: o.xAxis[0].data };
    }, id);
    if (last && ok(last.series, last.categories)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`chart ${id} stayed at ${JSON.stringify(last)}`);
}

// The demo's files, written by the engine the app runs, for the command line.
async function demoFiles() {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const dir = join(tmpdir(), `cadran-demo-${process.pid}`);
  const { stdout } = await promisify(execFile)('cargo', ['run', '-q', '--locked', '--example', 'demo_files', '--', dir], { cwd: join(import.meta.dirname, '..', '..') });
  return stdout.trim().split('\n');
}

test("no arrow without a comparison; why, on hover and on the card's keyboard focus", async () => {
  const b = await openDemo(server.url, { locale: 'fr-FR' });
  try {
    await kpiValue(b.page, 'revenue');
    // "Toutes les données": nothing to compare with, no card shows an arrow.
    const changes = await b.page.locator('.kpi-changes').allTextContents();
    assert.ok(changes.length > 20, `${changes.length} cards`);
    assert.deepEqual(changes.filter((c) => /[▲▼]/.test(c)), []);
    // The reason is reached from the keyboard: the card's one stop (its actions button) is
    // described by it, and shows it while focused by keyboard.
    const why = b.page.getByTestId('card-revenue').locator('.why');
    assert.equal(await why.isVisible(), false);
    const stop = b.page.getByTestId('actions-revenue');
    await stop.focus();
    assert.equal(await stop.evaluate((e) => e === document.activeElement), true);
    assert.ok((await stop.getAttribute('aria-describedby')).split(' ').includes(await why.getAttribute('id')));
    assert.equal(await why.isVisible(), true);
    // The demo sells from 1 January 2024 to 31 December 2025: the 731 days before are not in it.
    assert.equal(
      (await why.textContent()).trim(),
      "demo-ventes.csv n'a pas de données sur la période précédente (du 31 déc. 2021 au 31 déc. 2023)\u202f: ses dates vont du 1er janv. 2024 au 31 déc. 2025.",
    );
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('the comparison chooser: last year and back, in the URL, after a reload; gaps in last year', async () => {
  const b = await openDemo(server.url, { locale: 'fr-FR' });
  try {
    await kpiValue(b.page, 'revenue');
    const compare = b.page.getByTestId('compare-select');
    // Labelled for a screen reader by its <label>.
    assert.equal(await b.page.getByLabel('Comparer avec').getAttribute('data-testid'), 'compare-select');
    assert.equal(await compare.inputValue(), 'previous');
    // By default no last-year line: the cards compare with the previous period.
    const bars = await chartSeries(b.page, 'revenue-by-month', (s) => s.length >= 1);
    assert.equal(bars.series.length, 1);
    await compare.selectOption('last_year');
    assert.match(b.page.url(), /compare=last_year/);
    const revenue = b.page.getByTestId('card-revenue').locator('.kpi-changes');
    await b.page.waitForFunction(() => /vs an dernier/.test(document.querySelector('[data-testid=card-revenue] .kpi-changes').textContent));
    assert.doesNotMatch(await revenue.textContent(), /période précédente/);
    // All the data (2024-2025) beside the year before: 2023 has no data, a
    // gap (null, not 0) under each 2024 month; 2024 itself under 2025's.
    const { series, categories } = await chartSeries(b.page, 'revenue-by-month', (s) => s.length === 2);
    assert.equal(categories.length, 24);
    assert.equal(categories[0], 'janv. 2024');
    const [sales, lastYear] = series;
    assert.equal(lastYear.name, 'Année précédente');
    assert.deepEqual(lastYear.data.slice(0, 12), Array(12).fill(null));
    assert.deepEqual(lastYear.data.slice(12), sales.data.slice(0, 12));
    // Its tooltip says so, rather than "0,00 €".
    const gap = await b.page.evaluate(() => {
      const chart = globalThis.echarts.getInstanceByDom(document.getElementById('revenue-by-month'));
      const f = chart.getOption().tooltip[0].valueFormatter;
      return [f(null), f(undefined), f(1234.5)];
    });
    assert.deepEqual(gap, ['pas de données', 'pas de données', '1\u202f235\u202f€']);
    // A reload keeps the choice (the URL and the view kept on the device).
    await b.page.reload();
    await ready(b.page);
    await kpiValue(b.page, 'revenue');
    assert.equal(await compare.inputValue(), 'last_year');
    assert.match(b.page.url(), /compare=last_year/);
    // "Aucune comparaison": no change line at all; back to the previous period.
    await compare.selectOption('none');
    await b.page.waitForFunction(() => document.querySelector('[data-testid=card-revenue] .kpi-changes').textContent === '');
    await chartSeries(b.page, 'revenue-by-month', (s) => s.length === 1);
    await compare.selectOption('previous');
    assert.doesNotMatch(b.page.url(), /compare=/);
    await b.page.waitForFunction(() => /vs période précédente/.test(document.querySelector('[data-testid=card-revenue] .kpi-changes').textContent));
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

// The figures of one screen agree: the engine's (cadran kpis on the demo's
// files), and what the cards and charts show of them.
test('rates change in points; cards and charts agree for each preset', async () => {
  const files = await demoFiles();
  const b = await openDemo(server.url, { locale: 'fr-FR' });
  try {
    await kpiValue(b.page, 'revenue');
    const text = async (id) => (await b.page.getByTestId(`card-${id}`).locator('.kpi-changes').textContent()).trim();
    // As the app writes a number: no sign on what rounds to zero, a decimal comma.
    const fr = (x, d) => {
      const s = Math.abs(x).toFixed(d);
      return (x < 0 && Number(s) !== 0 ? '-' : '') + s.replace('.', ',');
    };
    for (const preset of ['this_year', 'year_to_date', 'last_quarter', 'last_month', 'all']) {
      const cli = await cliReport(preset === 'all' ? files : ['--preset', preset, ...files]);
      await b.page.getByTestId('period-select').selectOption(preset);
      const want = cli.kpis.revenue.value;
      await waitForKpi(b.page, 'revenue', (v) => v === want);
      // A rate and a score change in points, never in percent of themselves.
      for (const [id, scale] of [['margin_rate', 100], ['win_rate', 100], ['nps', 1]]) {
        const vs = cli.kpis[id].vs_previous;
        if (vs?.absolute == null) {
          assert.match(await text(id), /^pas de comparaison/, `${preset} ${id}`);
          continue;
        }
        const n = vs.absolute * scale;
        const arrow = n > 0 ? '▲' : n < 0 ? '▼' : '■';
        const sign = n > 0 ? '+' : '';
        assert.equal(await text(id), `${arrow} ${sign}${fr(n, 1)}\u202fpt vs période précédente`, `${preset} ${id}`);
      }
      // Revenue growth is the revenue card's change against the previous period.
      const growth = cli.kpis.revenue_growth.value;
      const change = await text('revenue');
      if (growth == null) {
        assert.match(change, /^pas de comparaison/, preset);
        assert.equal(await b.page.getByTestId('kpi-revenue_growth').count(), 0, preset);
      } else {
        assert.equal(cli.kpis.revenue.vs_previous.relative, growth, preset);
        const pct = `${fr(growth * 100, 1)}\u202f%`;
        assert.equal((await b.page.getByTestId('kpi-revenue_growth').textContent()).trim(), pct, preset);
        assert.ok(change.includes(pct.replace(/^-/, '')), `${preset}: ${change} / ${pct}`);
      }
      // Lost customers: the card is the sum of the chart's months.
      const lost = cli.kpis.lost_customers.value;
      assert.equal(await kpiValue(b.page, 'lost_customers'), lost, preset);
      const months = cli.breakdowns.lost_customers_by_month.length;
      const { series } = await chartSeries(b.page, 'new-vs-lost', (_, c) => c.length === months);
      assert.equal(-series[1].data.reduce((a, x) => a + x, 0), lost, preset);
    }
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
