// Objectives, alert rules and sharing a set-up without data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, open, ready, kpiValue } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

const level = async (page, id) => page.getByTestId(`objective-${id}`).getAttribute('data-level');

test('team and per-rep objectives get levels, survive a reload, show in other tabs; rules fill the strip', async () => {
  const b = await open({ locale: 'en-US' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('load-demo').click();
    const revenue = await kpiValue(b.page, 'revenue');
    await b.page.getByTestId('nav-objectives').click();
    // A team revenue objective for the whole demo span, well under what was sold: ahead.
    await b.page.getByTestId('objective-kpi').selectOption('revenue');
    await b.page.getByTestId('objective-period').fill('2024-01-01..2025-12-31');
    await b.page.getByTestId('objective-target').fill(String(Math.round(revenue / 2)));
    await b.page.getByTestId('add-objective').click();
    assert.equal(await level(b.page, 'o1'), 'ahead');
    // Its cumulative progress against the target's pace, month by month.
    await b.page.getByTestId('curve-o1').click();
    await b.page.locator('#objective-chart-o1 canvas').first().waitFor();
    // Team objectives also get a gauge with the three levels.
    await b.page.locator('[data-testid="gauge-o1"] canvas').first().waitFor();
    // Raising the target far above the result turns it into an alert.
    await b.page.getByTestId('target-input-o1').fill(String(Math.round(revenue * 3)));
    await b.page.getByTestId('target-input-o1').press('Enter');
    await b.page.getByTestId('target-input-o1').blur();
    await b.page.locator('[data-testid="objective-o1"][data-level="alert"]').waitFor();
    // With the alert threshold lowered to 30 %, the same projection is on balance.
    await b.page.getByTestId('threshold-input-o1').fill('30');
    await b.page.getByTestId('threshold-input-o1').blur();
    await b.page.locator('[data-testid="objective-o1"][data-level="balance"]').waitFor();
    // One target per rep, pasted from a spreadsheet column (French writing).
    const reps = await b.page.getByTestId('rep-targets').locator('tbody th').allTextContents();
    assert.ok(reps.length >= 10);
    await b.page.getByTestId('rep-targets-period').fill('2024-01-01..2025-12-31');
    await b.page.getByTestId('paste-targets').fill(reps.map((_, i) => (i % 2 ? '100 000 000,00' : '10')).join('\n'));
    await b.page.getByTestId('create-rep-objectives').click();
    const perRep = b.page.locator('[data-testid^="objective-o"]');
    await b.page.waitForFunction((n) => document.querySelectorAll('[data-testid^="objective-o"]').length === n, 1 + reps.length);
    const levels = await perRep.evaluateAll((els) => els.map((e) => e.dataset.level));
    assert.ok(levels.includes('ahead') && levels.includes('alert'), levels.join());
    await b.page.getByTestId('rep-ranking').waitFor();
    // Another tab of the same browser sees the same objectives.
    const other = await b.context.newPage();
    await other.goto(server.url + '#page=objectives');
    await ready(other);
    await other.getByTestId('objective-o1').waitFor();
    await b.page.getByTestId('delete-o2').click();
    await other.getByTestId('objective-o2').waitFor({ state: 'detached' });
    await other.close();
    // An alert rule that fires, shown on the dashboard with the objective in alert.
    await b.page.getByTestId('rule-kpi').selectOption('revenue');
    await b.page.getByTestId('rule-when').selectOption('above');
    await b.page.getByTestId('rule-threshold').fill('1');
    await b.page.getByTestId('add-rule').click();
    await b.page.reload();
    await ready(b.page);
    await b.page.getByTestId('objective-o1').waitFor();
    await b.page.getByTestId('nav-dashboard').click();
    const strip = b.page.getByTestId('alerts-strip');
    await strip.waitFor();
    assert.match(await strip.textContent(), /Revenue \(Rep: [^)]+\): Projection .*Revenue above €1\.00: team/s);
    assert.equal(await b.page.getByTestId('kpi-objective-revenue').getAttribute('data-level'), 'balance');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('a set-up travels as a file and as a link into a fresh browser, never with data', async () => {
  const a = await open({ locale: 'fr-FR' });
  let file, link;
  try {
    await a.page.goto(server.url + '#page=objectives');
    await ready(a.page);
    await a.page.getByTestId('objective-kpi').selectOption('win_rate');
    await a.page.getByTestId('objective-period').fill('2025-Q4');
    await a.page.getByTestId('objective-target').fill('0,5');
    await a.page.getByTestId('add-objective').click();
    await a.page.getByTestId('objective-o1').waitFor();
    const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByTestId('export-setup').click()]);
    file = await download.path();
    const text = await (await import('node:fs/promises')).readFile(file, 'utf8');
    const setup = JSON.parse(text);
    assert.equal(setup.objectives[0].kpi, 'win_rate');
    assert.equal(setup.objectives[0].target, 0.5);
    link = await a.page.getByTestId('share-link').inputValue();
    assert.match(link, /#setup=[A-Za-z0-9_-]+$/);
    // Copy the file before the browser that downloaded it closes.
    const copy = (await import('node:path')).join((await import('node:os')).tmpdir(), `setup-${process.pid}.json`);
    await (await import('node:fs/promises')).writeFile(copy, text);
    file = copy;
    a.assertClean(server.origin);
  } finally {
    await a.close();
  }
  const b = await open({ locale: 'fr-FR' });
  try {
    await b.page.goto(server.url + '#page=objectives');
    await ready(b.page);
    await b.page.getByTestId('import-setup').setInputFiles(file);
    assert.match(await b.page.getByTestId('setup-preview').textContent(), /1 objectif\(s\) ajouté\(s\)/);
    await b.page.getByTestId('confirm-setup').click();
    await b.page.getByTestId('objective-o1').waitFor();
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
  const c = await open({ locale: 'fr-FR' });
  try {
    await c.page.goto(link);
    await ready(c.page);
    await c.page.getByTestId('confirm-setup').click();
    await c.page.getByTestId('objective-o1').waitFor();
    // A damaged link is refused with a reason, opened in place or afresh.
    await c.page.goto(server.url + '#setup=AAAA');
    await c.page.getByTestId('setup-error').waitFor();
    const fresh = await c.context.newPage();
    await fresh.goto(server.url + '#setup=AAAA');
    await ready(fresh);
    await fresh.getByTestId('setup-error').waitFor();
    await fresh.close();
    c.assertClean(server.origin);
  } finally {
    await c.close();
  }
});
