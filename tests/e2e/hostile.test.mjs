// Hostile content in a user's file stays text everywhere: cards, filters,
// tables, chart tooltips and legends; spreadsheet formulas are neutralised.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFile, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { serve, kpiValue, openWithFiles } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

test('markup and script in cells never run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cadran-hostile-'));
  const file = join(dir, 'hostile.csv');
  const evil = [
    '<img src=x onerror="window.__pwned=1">',
    '<script>window.__pwned=2</script>',
    'javascript:window.__pwned=3',
    '=HYPERLINK("http://evil.example","click")',
  ];
  const rows = ['Date,Client,Commercial,Région,Montant'];
  evil.forEach((e, i) => rows.push(`2024-0${i + 1}-10,"${e.replace(/"/g, '""')}","${e.replace(/"/g, '""')}","${e.replace(/"/g, '""')}",${100 * (i + 1)}`));
  await writeFile(file, rows.join('\n') + '\n');
  const b = await openWithFiles(server.url, file, { locale: 'en-US' });
  try {
    assert.equal(await kpiValue(b.page, 'revenue'), 1000);
    // Names show as text in the filters and the tables.
    await b.page.getByTestId('filter-rep').locator('summary').click();
    const options = await b.page.locator('[data-testid="filter-option-rep"] + span').allTextContents();
    assert.ok(options.includes(evil[0]), options.join('|'));
    const top = b.page.getByTestId('chart-top-customers');
    await top.getByRole('button', { name: 'Show table' }).click();
    assert.ok((await top.locator('tbody th').allTextContents()).includes(evil[1]));
    // Hover every bar chart so that tooltips render the names.
    for (const id of ['revenue-by-rep', 'revenue-by-region', 'revenue-by-month']) {
      const canvas = b.page.locator(`#${id} canvas`).first();
      await canvas.scrollIntoViewIfNeeded();
      const box = await canvas.boundingBox();
      for (let y = 10; y < box.height; y += 25) {
        await canvas.hover({ position: { x: box.width * 0.6, y } });
      }
    }
    await b.page.getByTestId('nav-reps').click();
    await b.page.getByTestId('rep-table').waitFor();
    assert.equal(await b.page.evaluate(() => window.__pwned), undefined);
    assert.equal(await b.page.locator('img[src="x"]').count(), 0);
    // The CSV export neutralises the formula.
    const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.getByTestId('export-reps-csv').click()]);
    const csv = await readFile(await download.path(), 'utf8');
    assert.match(csv, /'=HYPERLINK/);
    b.assertClean(server.origin);
  } finally {
    await b.close();
    await rm(dir, { recursive: true, force: true });
  }
});
