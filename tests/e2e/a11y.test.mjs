// Accessibility: axe-core (from npm, injected from node_modules, no network)
// finds no WCAG 2 A/AA violation on the five pages a user crosses: the
// dashboard, the reps, the objectives (with a kept objective and the per-rep
// grid), the data page, and the import preview before confirming.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, open, ready, openDemo, kpiValue, ROOT, DATA } from './harness.mjs';

// axe-core served beside the app, from the same origin: the app's CSP
// (script-src 'self') refuses an inline script, and should stay as it is.
let server;
before(async () => { server = await serve(undefined, '/', { '/axe-core/': join(ROOT, 'node_modules', 'axe-core') }); });
after(async () => { await server.close(); });

/** axe-core's WCAG 2 A and AA violations on the page as it is now. */
async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: '/axe-core/axe.min.js' });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
    return r.violations.map((v) => ({
      id: v.id,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
}

/** Fails listing each violation's id, target and summary. */
async function assertNoViolations(page, where) {
  const found = await violations(page);
  const said = found
    .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target}\n    ${n.summary.replace(/\n/g, '\n    ')}`))
    .join('\n');
  assert.equal(found.length, 0, `${where}: axe-core violations\n${said}`);
}

for (const locale of ['fr-FR', 'en-US']) {
  test(`${locale}: dashboard, reps, objectives and data pages of the demo have no axe violation`, async () => {
    const b = await openDemo(server.url, { locale });
    try {
      await kpiValue(b.page, 'revenue');
      await b.page.locator('[data-testid^="chart-"] canvas').first().waitFor({ timeout: 30_000 });
      await assertNoViolations(b.page, 'dashboard');

      await b.page.getByTestId('nav-reps').click();
      await b.page.getByTestId('rep-table').waitFor();
      await assertNoViolations(b.page, 'reps');

      // A demo objective kept into the user's set-up; the per-rep grid is shown for the demo's reps.
      await b.page.getByTestId('nav-objectives').click();
      await b.page.locator('[data-testid^="keep-"]').first().click();
      await b.page.getByTestId('rep-targets').waitFor();
      await b.page.locator('.objective-list .target-input').first().waitFor();
      assert.ok((await b.page.locator('[data-testid^="target-input-"]').count()) >= 1);
      assert.ok((await b.page.locator('[data-testid="rep-targets"] tbody input').count()) >= 10);
      await assertNoViolations(b.page, 'objectives');

      await b.page.getByTestId('nav-data').click();
      await b.page.getByTestId('tables-in-use').waitFor();
      await assertNoViolations(b.page, 'data');
      b.assertClean(server.origin);
    } finally {
      await b.close();
    }
  });
}

test('the import preview of Superstore, before confirming, has no axe violation', async () => {
  const b = await open({ locale: 'fr-FR' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('file-input').setInputFiles(join(DATA, 'superstore', 'Superstore.csv'));
    await b.page.getByTestId('confirm-import').waitFor({ timeout: 30_000 });
    // One "Correspond à" choice per column of the file, each named after its column.
    const selects = b.page.locator('[data-testid^="field-"]');
    assert.ok((await selects.count()) >= 20);
    assert.match(await selects.first().getAttribute('aria-label'), /^Correspond à\u202f: colonne \S/);
    await assertNoViolations(b.page, 'import preview');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('the import preview of a workbook\'s sheets, before confirming, has no axe violation', async () => {
  const b = await open({ locale: 'fr-FR' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('file-input').setInputFiles(join(DATA, 'formats', 'ventes.xlsx'));
    await b.page.waitForFunction(() => document.querySelectorAll('[data-testid=take-sheet]').length === 3, null, { timeout: 30_000 });
    // Each sheet's checkbox is named by its label, which names the sheet.
    const names = await b.page.getByTestId('take-sheet').evaluateAll((boxes) => boxes.map((x) => x.labels[0]?.textContent.trim()));
    assert.deepEqual(names, ['Importer la feuille « Ventes »', 'Importer la feuille « Opportunités »', 'Importer la feuille « Notes »']);
    await assertNoViolations(b.page, 'workbook import preview');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
