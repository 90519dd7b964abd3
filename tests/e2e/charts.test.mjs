// Charts you can read: value axes in their unit (k/M), names cut rather than
// overlapping, every funnel stage named, and table views with every series
// the chart draws (revenue beside last year, cohorts as percents).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { serve, kpiValue, DATA, openDemo, openWithFiles } from './harness.mjs';

const SUPERSTORE = join(DATA, 'superstore', 'Superstore.csv');
const CRM = ['sales_pipeline', 'sales_teams', 'accounts', 'products'].map((f) => join(DATA, 'crm_sales_opportunities', `${f}.csv`));
const NNBSP = '\u202f';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

/** What ECharts was given for chart `id`, once drawn: axes and series, and the axis formatters applied to `probe`. */
async function drawn(page, id, probe = 1_200_000) {
  await page.locator(`#${id} canvas`).first().waitFor({ timeout: 30_000 });
  return page.evaluate(([id, probe]) => {
    const o = globalThis.echarts.getInstanceByDom(document.getElementById(id)).getOption();
    const axes = (list) => list.map((a) => ({
      type: a.type,
      data: a.data,
      label: {
        interval: a.axisLabel.interval,
        width: a.axisLabel.width,
        overflow: a.axisLabel.overflow,
        hideOverlap: a.axisLabel.hideOverlap,
        probe: typeof a.axisLabel.formatter === 'function' ? a.axisLabel.formatter(probe) : null,
      },
    }));
    return {
      x: axes(o.xAxis),
      y: axes(o.yAxis),
      legendTop: o.legend && o.legend[0] ? o.legend[0].top : undefined,
      series: o.series.map((s) => ({ name: s.name, data: s.data })),
    };
  }, [id, probe]);
}

/** The table view of chart `id`: its header row and body cells as text. */
async function tableOf(page, id, showTable) {
  const panel = page.getByTestId(`chart-${id}`);
  await panel.scrollIntoViewIfNeeded();
  await panel.getByRole('button', { name: showTable }).click();
  const table = panel.locator('table.data-table');
  await table.waitFor();
  const header = (await table.locator('thead th[scope=col]').allTextContents()).map((s) => s.trim());
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  return { panel, header, rows };
}

test('the demo in French: money axes in k€/M€, revenue beside last year, cohorts in percent', async () => {
  const b = await openDemo(server.url, { locale: 'fr-FR' });
  try {
    await kpiValue(b.page, 'revenue');
    const revenue = await drawn(b.page, 'revenue-by-month');
    // The value axis says its unit, short: 1 200 000 € reads 1,2 M€.
    assert.equal(revenue.y[0].type, 'value');
    assert.equal(revenue.y[0].label.probe, `1,2${NNBSP}M€`);
    assert.equal(revenue.x[0].label.hideOverlap, true);

    // Last year chosen: the chart draws two series, the table has both columns.
    await b.page.getByTestId('compare-select').selectOption('last_year');
    await b.page.waitForFunction(() => {
      const el = document.getElementById('revenue-by-month');
      const c = el && globalThis.echarts.getInstanceByDom(el);
      return c && c.getOption().series.length === 2;
    });
    const withLastYear = await drawn(b.page, 'revenue-by-month');
    assert.equal(withLastYear.legendTop, 0);
    const { header, rows } = await tableOf(b.page, 'revenue-by-month', 'Voir le tableau');
    assert.deepEqual(header, ['Mois', "Chiffre d'affaires", 'Année précédente']);
    assert.equal(rows.length, withLastYear.series[0].data.length);
    // 2023 has no data: a gap under each 2024 month; 2025's months have 2024 beside them.
    assert.equal(rows[0][0], 'janv. 2024');
    assert.equal(rows[0][2], '');
    assert.equal(rows[12][0], 'janv. 2025');
    assert.match(rows[12][2], /^\d[\d\u202f]*(,\d\d)?\u202f€$/);
    assert.match(rows[12][1], /€$/);

    // Cohorts: the heatmap's shares as percents, each cohort with its size.
    const cohorts = await tableOf(b.page, 'cohorts', 'Voir le tableau');
    assert.deepEqual(cohorts.header.slice(0, 4), ['Cohorte', 'Clients', 'M+0', 'M+1']);
    assert.ok(cohorts.rows.length > 6, `${cohorts.rows.length} cohorts`);
    for (const row of cohorts.rows) {
      assert.match(row[1], /^\d[\d\u202f]*$/, row.join(' | '));
      assert.equal(row[2], `100,0${NNBSP}%`, row.join(' | '));
    }
    const shares = cohorts.rows.flatMap((r) => r.slice(3)).filter((c) => c !== '');
    assert.ok(shares.length > 10 && shares.every((c) => /^\d+,\d\u202f%$/.test(c)), shares.slice(0, 5).join(' | '));
    // The CSV export writes the same columns (after its title line; the unit in the header).
    const [download] = await Promise.all([
      b.page.waitForEvent('download'),
      cohorts.panel.getByTestId('export-csv-cohorts').click(),
    ]);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '').split('\r\n');
    assert.deepEqual(csv[1].split(';').slice(0, 4), ['Cohorte', 'Clients', 'M+0 (%)', 'M+1 (%)']);
    assert.equal(csv[2].split(';').length, cohorts.header.length);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('the four CRM files in English: every stage of the pipe named, deals and amounts on their own axes', async () => {
  const b = await openWithFiles(server.url, CRM, { locale: 'en-US' });
  try {
    await kpiValue(b.page, 'win_rate');
    const funnel = await drawn(b.page, 'funnel', 2_500_000);
    const stages = funnel.y[0].data;
    assert.ok(stages.length >= 4, stages.join('|'));
    assert.equal(funnel.y[0].label.interval, 0);
    assert.equal(funnel.y[0].label.overflow, 'truncate');
    // Amounts in money, deals in counts: two value axes.
    assert.deepEqual(funnel.x.map((a) => a.label.probe), ['€2.5M', '2,500,000']);
    const { header, rows } = await tableOf(b.page, 'funnel', 'Show table');
    assert.deepEqual(header, ['Stage', 'Amount', 'Weighted', 'Deals']);
    assert.deepEqual(rows.map((r) => r[0]), stages);
    // The win rate by rep reads in percent.
    const rate = await drawn(b.page, 'win-rate-by-rep', 0.25);
    assert.equal(rate.x[0].label.probe, '25%');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('Superstore: long product names are cut to a width, the new-vs-lost table has both series', async () => {
  const b = await openWithFiles(server.url, SUPERSTORE, { locale: 'en-US' });
  try {
    await kpiValue(b.page, 'revenue');
    const products = await drawn(b.page, 'revenue-by-product');
    assert.equal(products.y[0].type, 'category');
    assert.equal(products.y[0].label.overflow, 'truncate');
    assert.ok(products.y[0].label.width > 0);
    assert.ok(products.y[0].data.some((name) => name.length > 40), 'long names are there to cut');
    assert.equal(products.x[0].label.probe, '€1.2M');
    const { header, rows } = await tableOf(b.page, 'new-vs-lost', 'Show table');
    assert.deepEqual(header, ['Month', 'New customers', 'Lost customers']);
    assert.ok(rows.some((r) => Number(r[2].replace(/,/g, '')) > 0), 'some customers are lost');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
