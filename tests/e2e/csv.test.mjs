// Chart exports that open in a spreadsheet: the CSV a chart's table view
// downloads, read back as French (`;`, decimal comma, 01/03/2024) and English
// (`,`, point, ISO dates) spreadsheets read it, gives the engine's figures
// (the `cadran` command line on the same file and filters) to the cent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { serve, openWithFiles, kpiValue, waitForKpi, cliReport, DATA } from './harness.mjs';

const SUPERSTORE = join(DATA, 'superstore', 'Superstore.csv');

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

/** Superstore imported in a fresh browser of `locale`. */
async function withSuperstore(locale) {
  const b = await openWithFiles(server.url, SUPERSTORE, { locale });
  await kpiValue(b.page, 'revenue').catch(async (e) => { await b.close(); throw e; });
  return b;
}

/** RFC 4180 records of `text` (quotes doubled inside quoted cells). */
function parseCsv(text, delimiter) {
  const records = [];
  let record = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) { record.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { record.push(cell); records.push(record); record = []; cell = ''; i++; }
    else cell += c;
  }
  if (cell !== '' || record.length) { record.push(cell); records.push(record); }
  return records;
}

/** Opens chart `id`'s table view, clicks its CSV export and returns the file's records. */
async function exportCsv(page, id, showTable, delimiter) {
  const panel = page.getByTestId(`chart-${id}`);
  await panel.scrollIntoViewIfNeeded();
  await panel.getByRole('button', { name: showTable }).click();
  await panel.locator('table.data-table').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByTestId(`export-csv-${id}`).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  assert.ok(text.startsWith('\ufeff'), 'a BOM, for Excel to read the accents');
  return parseCsv(text.slice(1), delimiter);
}

/** A number cell as the language writes it: `decimals` decimals, no grouping. */
function number(cell, decimals, lang) {
  const re = lang === 'fr'
    ? new RegExp(`^-?\\d+${decimals ? `,\\d{${decimals}}` : ''}$`)
    : new RegExp(`^-?\\d+${decimals ? `\\.\\d{${decimals}}` : ''}$`);
  assert.match(cell, re);
  return Number(cell.replace(',', '.'));
}

test('French: revenue by region and cohorts, filtered, read back to the cent', async () => {
  const b = await withSuperstore('fr-FR');
  try {
    const all = await kpiValue(b.page, 'revenue');
    await b.page.goto(server.url + '#page=dashboard&region=West&region=East');
    await b.page.getByTestId('filter-chip-region').first().waitFor({ timeout: 10_000 });
    await waitForKpi(b.page, 'revenue', (v) => v < all);
    const cli = await cliReport(['--where', 'region=West', '--where', 'region=East', SUPERSTORE]);

    const csv = await exportCsv(b.page, 'revenue-by-region', 'Voir le tableau', ';');
    // The first line, one cell: the chart, the period and the filters.
    assert.equal(csv[0].length, 1, csv[0].join('|'));
    const title = csv[0][0];
    const { from, to } = cli.period;
    assert.ok(title.startsWith('CA par région'), title);
    assert.match(title, /Période\u202f: \S.* → \S/);
    assert.ok(title.includes(from.slice(0, 4)) && title.includes(to.slice(0, 4)), title);
    assert.match(title, /Région\u202f: (West, East|East, West)$/);
    assert.deepEqual(csv[1], ['Région', "Chiffre d'affaires (€)"]);
    const engine = cli.breakdowns.revenue_by_region;
    assert.equal(engine.length, 2);
    assert.deepEqual(csv.slice(2).map((r) => r[0]), engine.map((r) => r.key));
    for (const [row, e] of csv.slice(2).map((r, i) => [r, engine[i]])) {
      assert.ok(Math.abs(number(row[1], 2, 'fr') - e.value) <= 0.005 + 1e-9, `${row[1]} vs ${e.value}`);
    }

    // Cohorts: months as their first day, sizes whole, shares in percent.
    const cohorts = await exportCsv(b.page, 'cohorts', 'Voir le tableau', ';');
    assert.deepEqual(cohorts[1].slice(0, 4), ['Cohorte', 'Clients', 'M+0 (%)', 'M+1 (%)']);
    assert.equal(cohorts.length - 2, cli.cohorts.length);
    cli.cohorts.forEach((c, i) => {
      const row = cohorts[i + 2];
      const [y, m] = c.cohort.split('-');
      assert.equal(row[0], `01/${m}/${y}`);
      assert.equal(number(row[1], 0, 'fr'), c.customers);
      c.retention.forEach((share, k) => {
        assert.ok(Math.abs(number(row[k + 2], 1, 'fr') - share * 100) <= 0.05 + 1e-9, `${row[k + 2]} vs ${share}`);
      });
      // A cohort too young for the later months: empty cells.
      assert.ok(row.slice(c.retention.length + 2).every((cell) => cell === ''), row.join('|'));
    });
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('English: revenue by month with ISO dates and point decimals', async () => {
  const b = await withSuperstore('en-US');
  try {
    const cli = await cliReport([SUPERSTORE]);
    const csv = await exportCsv(b.page, 'revenue-by-month', 'Show table', ',');
    assert.equal(csv[0].length, 1, csv[0].join('|'));
    assert.match(csv[0][0], /^Revenue.* — Period: \S.* → \S/);
    assert.deepEqual(csv[1], ['Month', 'Revenue (€)']);
    const engine = cli.breakdowns.revenue_by_month;
    assert.equal(csv.length - 2, engine.length);
    engine.forEach((e, i) => {
      const row = csv[i + 2];
      assert.equal(row[0], `${e.key}-01`);
      assert.ok(Math.abs(number(row[1], 2, 'en') - e.value) <= 0.005 + 1e-9, `${row[1]} vs ${e.value}`);
    });
    // Every monthly table's first column says "Month", as the revenue's (not the chart's title again).
    const margin = await exportCsv(b.page, 'margin-by-month', 'Show table', ',');
    assert.equal(margin[1][0], 'Month');
    assert.equal(margin[2][0], `${cli.breakdowns.margin_by_month[0].key}-01`);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
