// A dashboard that fits the data: objectives first, only the charts the
// data can draw, one folded panel of what more data would unlock, and a
// file added from the dashboard itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, kpiValue, DATA, openDemo, openWithFiles } from './harness.mjs';

const SUPERSTORE = join(DATA, 'superstore', 'Superstore.csv');
const CRM = ['sales_pipeline', 'sales_teams', 'accounts', 'products'].map((f) => join(DATA, 'crm_sales_opportunities', `${f}.csv`));

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

/** The chart panels once the page has mounted them (the charts come a task after the cards). */
async function chartPanels(page) {
  await page.getByTestId('unlock-panel').or(page.locator('.charts .chart-panel').first()).first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => [...document.querySelectorAll('.chart-panel')].every((p) => p.querySelector('canvas, .no-data, table')), null, { timeout: 30_000 });
  return page.locator('.chart-panel').evaluateAll((els) => els.map((e) => ({
    id: e.dataset.testid,
    drawn: !!e.querySelector('canvas'),
    empty: !!e.querySelector('.no-data'),
  })));
}

/** Whether element `a` comes before element `b` in the page. */
const before_ = (page, a, b) => page.evaluate(([a, b]) => {
  const x = document.querySelector(`[data-testid="${a}"]`);
  const y = document.querySelector(`[data-testid="${b}"]`);
  return !!(x && y && (x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING));
}, [a, b]);

test('Superstore alone: one unlock panel, and no chart card without its data', async () => {
  const b = await openWithFiles(server.url, SUPERSTORE, { locale: 'fr-FR' });
  try {
    await kpiValue(b.page, 'revenue');
    const panels = await chartPanels(b.page);
    assert.ok(panels.length >= 6, JSON.stringify(panels));
    for (const p of panels) assert.ok(p.drawn && !p.empty, `${p.id} shown without a chart`);
    assert.ok(panels.some((p) => p.id === 'chart-revenue-by-region'));
    assert.ok(!panels.some((p) => p.id === 'chart-funnel' || p.id === 'chart-revenue-by-rep'));
    const unlock = b.page.getByTestId('unlock-panel');
    assert.equal(await unlock.count(), 1);
    assert.match(await unlock.locator('summary').textContent(), /^À débloquer/);
    // It says which file or column unlocks what.
    await unlock.locator('summary').click();
    const why = (id) => unlock.locator('.unlock-group', { has: b.page.getByTestId(id) }).locator('.unlock-why').textContent();
    assert.match(await why('unlock-chart-funnel'), /table d'opportunités/);
    assert.match(await why('unlock-chart-revenue-by-rep'), /colonne commercial/);
    assert.match(await why('unlock-chart-revenue-by-channel'), /colonne « Canal »/);
    // No family section without a card (pipeline, prospecting… have none here).
    assert.equal(await b.page.getByTestId('family-pipeline').count(), 0);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('the four CRM files: the pipeline charts come before any folded panel', async () => {
  const b = await openWithFiles(server.url, CRM, { locale: 'en-US' });
  try {
    await kpiValue(b.page, 'win_rate');
    const panels = await chartPanels(b.page);
    for (const id of ['chart-funnel', 'chart-win-rate-by-rep', 'chart-sales-cycle']) {
      assert.ok(panels.some((p) => p.id === id), `${id} missing from ${JSON.stringify(panels)}`);
      assert.ok(await before_(b.page, id, 'unlock-panel'), `${id} after the unlock panel`);
    }
    for (const p of panels) assert.ok(p.drawn && !p.empty, `${p.id} shown without a chart`);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('the demo opens on its objectives and levels, kept out of the user\'s set-up until kept', async () => {
  const b = await openDemo(server.url, { locale: 'fr-FR' });
  try {
    await kpiValue(b.page, 'revenue');
    const strip = b.page.getByTestId('objectives-strip');
    await strip.locator('[data-testid^="objective-tile-"]').nth(2).waitFor();
    const levels = await strip.locator('[data-testid^="objective-tile-"]').evaluateAll((els) => els.map((e) => e.dataset.level));
    assert.deepEqual([...levels].sort(), ['ahead', 'alert', 'balance']);
    // The objectives come first: before the alerts' explanations and every card.
    assert.ok(await before_(b.page, 'objectives-strip', 'card-revenue'));
    // The team revenue objective, as a tile: actual / target · attainment · level.
    const revenue = await kpiValue(b.page, 'revenue');
    assert.match(await b.page.getByTestId('objective-tile-demo-team-revenue').textContent(), /10,5\sM€.*anticipation/);
    assert.ok(revenue > 10.5e6);
    // Not written into the user's set-up…
    const stored = async () => JSON.parse(await b.page.evaluate(() => localStorage.getItem('cadran.v1.setup')) || '{"objectives":[]}');
    assert.equal((await stored()).objectives.length, 0);
    // …until the user keeps one, on the objectives page.
    await b.page.getByTestId('manage-objectives').click();
    await b.page.getByTestId('keep-demo-win-rate').click();
    await b.page.waitForFunction(() => (JSON.parse(localStorage.getItem('cadran.v1.setup') || '{}').objectives || []).length === 1);
    const kept = (await stored()).objectives[0];
    assert.equal(kept.kpi, 'win_rate');
    assert.ok(!kept.id.startsWith('demo-'), kept.id);
    // Kept, it is the user's own: no longer listed as an example.
    assert.equal(await b.page.getByTestId('keep-demo-win-rate').count(), 0);
    assert.equal(await b.page.getByTestId('demo-objective-demo-team-revenue').count(), 1);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('a file added from the dashboard goes through the import step onto the dashboard', async () => {
  const b = await openWithFiles(server.url, CRM[0], { locale: 'en-US' });
  try {
    await kpiValue(b.page, 'win_rate');
    assert.equal(await b.page.getByTestId('kpi-revenue').count(), 0);
    // The sales pipeline alone has no team: adding the teams file from the
    // dashboard gives the deals their manager.
    await b.page.getByTestId('add-file').setInputFiles(CRM[1]);
    const confirm = b.page.getByTestId('confirm-import');
    await confirm.waitFor({ timeout: 30_000 });
    await confirm.click();
    await confirm.waitFor({ state: 'detached', timeout: 30_000 });
    await b.page.getByTestId('filter-manager').waitFor({ timeout: 30_000 });
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
