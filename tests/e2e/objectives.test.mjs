// Objectives, alert rules and sharing a set-up without data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, open, ready, kpiValue, openDemo } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

const level = async (page, id) => page.getByTestId(`objective-${id}`).getAttribute('data-level');

test('team and per-rep objectives get levels, survive a reload, show in other tabs; rules fill the strip', async () => {
  const b = await openDemo(server.url, { locale: 'en-US' });
  try {
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
    await a.page.getByTestId('objective-target').fill('50');
    await a.page.getByTestId('add-objective').click();
    await a.page.getByTestId('objective-o1').waitFor();
    await a.page.getByTestId('rule-kpi').selectOption('churn_rate');
    await a.page.getByTestId('rule-threshold').fill('5 %');
    await a.page.getByTestId('add-rule').click();
    const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByTestId('export-setup').click()]);
    file = await download.path();
    const text = await (await import('node:fs/promises')).readFile(file, 'utf8');
    const setup = JSON.parse(text);
    // Version 2: each number as the user typed it, with its unit.
    assert.equal(setup.version, 2);
    assert.equal(setup.objectives[0].kpi, 'win_rate');
    assert.deepEqual(setup.objectives[0].target, { value: 50, unit: 'percent' });
    assert.deepEqual(setup.alert_rules[0].threshold, { value: 5, unit: 'percent' });
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
    // The link's confirmation comes first: focused and within the viewport.
    const confirm = c.page.getByTestId('confirm-setup');
    await confirm.waitFor();
    await c.page.waitForFunction(() => document.activeElement?.dataset?.testid === 'confirm-setup');
    const box = await confirm.boundingBox();
    const viewport = c.page.viewportSize();
    assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, JSON.stringify(box));
    const dialog = await c.page.getByTestId('setup-preview-box').boundingBox();
    assert.ok(dialog.y >= 0 && dialog.y + dialog.height <= viewport.height, JSON.stringify(dialog));
    const preview = c.page.getByTestId('setup-preview-objectives');
    assert.match(await preview.textContent(), /Taux de signature · T4 2025 · 50\s%/);
    await c.page.getByTestId('confirm-setup').click();
    await c.page.getByTestId('objective-o1').waitFor();
    // A damaged link is refused with a reason, opened in place or afresh.
    await c.page.goto(server.url + '#setup=AAAA');
    await c.page.getByTestId('setup-error').waitFor();
    assert.match(await c.page.getByTestId('setup-error').textContent(), /Configuration refusée\s: le lien est abîmé/);
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

// The objective row's text: the actual rate as French writes it ("40,1 %").
async function actualPercent(page, id) {
  const facts = await page.getByTestId(`objective-${id}`).locator('.objective-facts').textContent();
  const m = facts.match(/Réalisé[^:]*:\s*(-?[\d\s\u202f]+,\d)\s%/);
  assert.ok(m, facts);
  return Number(m[1].replace(/[\s\u202f]/g, '').replace(',', '.'));
}

const meter = async (page, id) => Number(await page.getByTestId(`objective-${id}`).locator('.progress').getAttribute('aria-valuenow'));

test('targets are typed in the unit the user sees: 50 is 50 %, 0,45 is refused, 12 M€ and T4 2025 are read', async () => {
  const b = await openDemo(server.url, { locale: 'fr-FR' });
  try {
    await kpiValue(b.page, 'revenue');
    await b.page.getByTestId('nav-objectives').click();
    const add = async (kpi, period, target) => {
      await b.page.getByTestId('objective-kpi').selectOption(kpi);
      await b.page.getByTestId('objective-period').fill(period);
      await b.page.getByTestId('objective-target').fill(target);
      await b.page.getByTestId('add-objective').click();
    };
    // A win rate typed 50: a 50 % target, shown back as typed.
    await add('win_rate', 'T4 2025', '50');
    await b.page.getByTestId('objective-o1').waitFor();
    assert.match(await b.page.getByTestId('target-input-o1').inputValue(), /^50\u202f%$/);
    assert.match(await b.page.getByTestId('objective-o1').locator('.objective-head').textContent(), /Taux de signature · Toute l'équipe · T4 2025/);
    const actual = await actualPercent(b.page, 'o1');
    assert.ok(actual > 5 && actual < 95, String(actual));
    // Its attainment is the actual over 50 % (a rate projects as it stands), and the level follows it.
    assert.ok(Math.abs((await meter(b.page, 'o1')) - (actual / 50) * 100) <= 1, `${await meter(b.page, 'o1')} vs ${actual}`);
    const want = (target) => (actual / target >= 1 ? 'ahead' : actual / target >= 0.9 ? 'balance' : 'alert');
    assert.equal(await level(b.page, 'o1'), want(50));
    // "45 %" is 45 %.
    await add('win_rate', 'Q4 2025', '45 %');
    await b.page.getByTestId('objective-o2').waitFor();
    assert.match(await b.page.getByTestId('target-input-o2').inputValue(), /^45\u202f%$/);
    assert.ok(Math.abs((await meter(b.page, 'o2')) - (actual / 45) * 100) <= 1);
    assert.equal(await level(b.page, 'o2'), want(45));
    // "0,45" for a rate is refused with what to type, and adds nothing.
    await add('win_rate', '2025-Q4', '0,45');
    assert.match(await b.page.getByTestId('objective-error').textContent(), /pour 45\s%, tapez 45/);
    assert.equal(await b.page.locator('[data-testid^="objective-o"]').count(), 2);
    // The row's target reads the same way: 0,45 refused, 40 % taken.
    await b.page.getByTestId('target-input-o2').fill('0,45');
    await b.page.getByTestId('target-input-o2').blur();
    assert.match(await b.page.getByTestId('row-error-o2').textContent(), /pour 45\s%, tapez 45/);
    await b.page.getByTestId('target-input-o2').fill('40 %');
    await b.page.getByTestId('target-input-o2').blur();
    await b.page.waitForFunction(() => document.querySelector('[data-testid="target-input-o2"]').value === '40\u202f%');
    // Revenue: "12 000 000" for T4 2025, then "12 M€" typed over it.
    await add('revenue', 'T4 2025', '12 000 000');
    await b.page.getByTestId('objective-o3').waitFor();
    assert.equal(await b.page.getByTestId('objective-error').count(), 0);
    assert.match(await b.page.getByTestId('target-input-o3').inputValue(), /^12\u202f000\u202f000\u202f€$/);
    await b.page.getByTestId('target-input-o3').fill('5 M€');
    await b.page.getByTestId('target-input-o3').blur();
    await b.page.waitForFunction(() => document.querySelector('[data-testid="target-input-o3"]').value === '5\u202f000\u202f000\u202f€');
    await b.page.getByTestId('target-input-o3').fill('12 M€');
    await b.page.getByTestId('target-input-o3').blur();
    await b.page.waitForFunction(() => document.querySelector('[data-testid="target-input-o3"]').value === '12\u202f000\u202f000\u202f€');
    // A range from the date pickers is written in the period field as it would be typed.
    await b.page.getByTestId('objective-kpi').selectOption('order_count');
    await b.page.getByTestId('objective-from').fill('2025-10-01');
    await b.page.getByTestId('objective-to').fill('2025-12-31');
    assert.equal(await b.page.getByTestId('objective-period').inputValue(), '01/10/2025 - 31/12/2025');
    await b.page.getByTestId('objective-target').fill('2 000');
    await b.page.getByTestId('add-objective').click();
    await b.page.getByTestId('objective-o4').waitFor();
    assert.match(await b.page.getByTestId('objective-o4').locator('.objective-head').textContent(), /du 1er oct\. 2025 au 31 déc\. 2025/);
    // A rule's threshold reads the same way.
    await b.page.getByTestId('rule-kpi').selectOption('churn_rate');
    await b.page.getByTestId('rule-threshold').fill('0,05');
    await b.page.getByTestId('add-rule').click();
    assert.match(await b.page.getByTestId('rule-error').textContent(), /pour 5\s%, tapez 5/);
    await b.page.getByTestId('rule-threshold').fill('5');
    await b.page.getByTestId('add-rule').click();
    assert.match(await b.page.getByTestId('rule-r5').textContent(), /au-dessus de 5,0\s%/);
    // The card says what the objective is: actual / target · attainment · level.
    await b.page.getByTestId('nav-dashboard').click();
    const line = b.page.getByTestId('kpi-objective-text-revenue');
    await line.waitFor();
    const text = await line.textContent();
    const m = text.match(/^([\d,]+)\s(k|M)€ \/ 12\sM€ · ([\d\s,]+)\s% · (anticipation|équilibre|alerte)$/);
    assert.ok(m, text);
    const card = b.page.getByTestId('kpi-objective-revenue');
    const attainment = Number(await card.getAttribute('data-attainment'));
    const shownActual = Number(m[1].replace(',', '.')) * (m[2] === 'M' ? 1e6 : 1e3);
    // The shown attainment is the shown actual over 12 M€, to the rounding of each.
    assert.ok(Math.abs(attainment * 12e6 - shownActual) <= 0.05 * (m[2] === 'M' ? 1e6 : 1e3) + 1, `${attainment} ${text}`);
    assert.equal(Number(m[3].replace(/\s/g, '').replace(',', '.')), Math.round(attainment * 1000) / 10);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('a version-1 set-up keeps its meaning; a malformed one is refused in French', async () => {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const os = await import('node:os');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cadran-setup-'));
  const v1 = path.join(dir, 'v1.json');
  await fs.writeFile(v1, JSON.stringify({
    version: 1,
    objectives: [
      { id: 'typed-50', kpi: 'win_rate', period: { quarter: '2025-Q4' }, target: 50 },
      { id: 'ratio-045', kpi: 'win_rate', period: { quarter: '2025-Q4' }, target: 0.45 },
      { id: 'revenue', kpi: 'revenue', period: { year: 2025 }, target: 12000000 },
    ],
    alert_rules: [{ id: 'churn', kpi: 'churn_rate', when: 'above', threshold: 0.05 }],
  }));
  const bad = path.join(dir, 'bad.json');
  await fs.writeFile(bad, '{"version": 2,\n "objectives": [{"kpi": "revenue"}]}');
  const b = await open({ locale: 'fr-FR' });
  try {
    await b.page.goto(server.url + '#page=objectives');
    await ready(b.page);
    await b.page.getByTestId('import-setup').setInputFiles(v1);
    const lines = await b.page.getByTestId('setup-preview-objectives').locator('li').allTextContents();
    assert.deepEqual(lines.map((l) => l.replace(/\u202f/g, ' ')), [
      'Taux de signature · T4 2025 · 50 %',
      'Taux de signature · T4 2025 · 45 %',
      "Chiffre d'affaires · 2025 · 12 000 000 €",
    ]);
    await b.page.getByTestId('confirm-setup').click();
    assert.match(await b.page.getByTestId('target-input-typed-50').inputValue(), /^50\u202f%$/);
    assert.match(await b.page.getByTestId('target-input-ratio-045').inputValue(), /^45\u202f%$/);
    assert.match(await b.page.getByTestId('rule-churn').textContent(), /au-dessus de 5,0\s%/);
    // A file with an objective without its id: said in French, with the line.
    await b.page.getByTestId('import-setup').setInputFiles(bad);
    const error = await b.page.getByTestId('setup-error').textContent();
    assert.match(error, /Configuration refusée\s: il manque l'identifiant \(id\) ligne 2\./);
    assert.doesNotMatch(error, /missing|field|not a|set-up/i);
    // The refusal is focused, at the top of the page.
    await b.page.waitForFunction(() => document.activeElement?.querySelector?.('[data-testid="setup-error"]'));
    b.assertClean(server.origin);
  } finally {
    await b.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});
