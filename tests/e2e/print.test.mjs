// Printing the dashboard (issue #24, "Print"): a header names the report
// (data, period, comparison, filters), no control is printed, and each chart
// is a block of its own that fits an A4 page, so none is cut across two.
// And the dark mode that follows the system's setting, on screen only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, openDemo, kpiValue, waitForKpi, ROOT } from './harness.mjs';

const MM = 96 / 25.4; // CSS pixels per millimetre
// style/main.css: `@page { size: A4; margin: 12mm }`.
const PRINT_WIDTH = Math.round((210 - 2 * 12) * MM);
const PAGE_HEIGHT = (297 - 2 * 12) * MM;
const REGION = 'Occitanie';

let server;
// axe-core served beside the app, from the same origin (as in a11y.test.mjs).
before(async () => { server = await serve(undefined, '/', { '/axe-core/': join(ROOT, 'node_modules', 'axe-core') }); });
after(async () => { await server.close(); });

/** Each chart card: its box, its canvas's box and its computed `break-inside`. */
const chartCards = (page) => page.$$eval('.charts > [data-testid^="chart-"]', (cards) => cards.map((c) => {
  const box = c.getBoundingClientRect();
  const canvas = c.querySelector('canvas')?.getBoundingClientRect();
  return {
    id: c.dataset.testid,
    breakInside: getComputedStyle(c).breakInside,
    box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom, height: box.height },
    canvas: canvas && { left: canvas.left, right: canvas.right, top: canvas.top, bottom: canvas.bottom },
  };
}));

/** The width ECharts draws the first chart at. */
const drawnWidth = (page) => page.evaluate(() => window.echarts.getInstanceByDom(document.querySelector('.charts .chart')).getWidth());

test('the demo filtered on a region prints its header, no control, and whole charts', async () => {
  const b = await openDemo(server.url, { locale: 'fr-FR' });
  const { page } = b;
  try {
    const all = await kpiValue(page, 'revenue');
    await page.goto(server.url + `#page=dashboard&region=${encodeURIComponent(REGION)}`);
    await page.getByTestId('filter-chip-region').waitFor({ timeout: 10_000 });
    await waitForKpi(page, 'revenue', (v) => v < all);
    await page.locator('.charts canvas').first().waitFor({ timeout: 30_000 });
    // The period as the screen says it, `Période : 1er janv. 2024 → 31 déc. 2025`.
    const range = (await page.getByTestId('period').innerText()).split(/:\s*/)[1].split(' · ')[0].trim();
    assert.match(range, /\d{4} → .*\d{4}/);
    assert.equal(await page.getByTestId('print-header').isVisible(), false, 'the print header shows on screen');

    // Before printing, the charts are drawn again at the paper's width, and back after.
    const onScreen = await drawnWidth(page);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.equal(await drawnWidth(page), PRINT_WIDTH);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assert.equal(await drawnWidth(page), onScreen);

    await page.setViewportSize({ width: PRINT_WIDTH, height: 1000 });
    await page.emulateMedia({ media: 'print' });

    const header = page.getByTestId('print-header');
    assert.ok(await header.isVisible(), 'no print header on paper');
    const said = await header.innerText();
    assert.ok(said.includes(range), `the header does not give the period ${range}:\n${said}`);
    assert.match(await page.getByTestId('print-filters').innerText(), new RegExp(`Région\\u202f: ${REGION}$`));
    assert.match(await page.getByTestId('print-data').innerText(), /démo/);
    assert.match(await page.getByTestId('print-comparison').innerText(), /Période précédente/);

    // Nothing to click on paper: the filter bar, the toolbar, every button and menu.
    for (const id of ['filters', 'period-select', 'export-json', 'filter-chip-region', 'lang-select', 'nav-dashboard']) {
      assert.equal(await page.getByTestId(id).first().isVisible(), false, `${id} is printed`);
    }
    const buttons = await page.$$eval('button, select, input, summary, [role="menu"]', (els) => els
      .filter((e) => e.getClientRects().length > 0 && !e.classList.contains('alert-link') && !e.closest('.report-notes'))
      .map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(buttons, [], 'controls are printed');

    const cards = await chartCards(page);
    assert.ok(cards.length >= 5, `only ${cards.length} charts`);
    for (const c of cards) {
      assert.equal(c.breakInside, 'avoid', `${c.id} may be cut across pages`);
      assert.ok(c.box.height <= PAGE_HEIGHT, `${c.id} is ${c.box.height} px high, taller than a page (${PAGE_HEIGHT} px)`);
      assert.ok(c.box.right <= PRINT_WIDTH + 0.5, `${c.id} is wider than the page: ${JSON.stringify(c.box)}`);
      if (c.canvas) {
        assert.ok(c.canvas.left >= c.box.left && c.canvas.right <= c.box.right + 0.5
          && c.canvas.top >= c.box.top && c.canvas.bottom <= c.box.bottom + 0.5,
        `${c.id}'s canvas leaves its card: ${JSON.stringify(c)}`);
      }
    }
    // A card stays whole; a family may go on over the next page (no page left half empty before it).
    for (const kpi of await page.$$eval('.kpi-card', (els) => els.map((e) => getComputedStyle(e).breakInside))) {
      assert.equal(kpi, 'avoid');
    }
    for (const family of await page.$$eval('.family', (els) => els.map((e) => getComputedStyle(e).breakInside))) {
      assert.equal(family, 'auto');
    }
    // A chart with nothing to draw is not printed (on screen it says why).
    const empty = await page.$$eval('.chart-panel', (els) => els.filter((e) => e.querySelector(':scope > .no-data')).map((e) => e.getClientRects().length));
    assert.ok(empty.every((n) => n === 0), `${empty.length} empty chart panels printed`);
    // The objectives are measured on the whole team and year, whatever the filters: said on paper.
    for (const scope of await page.$$eval('.objective-tile .tile-scope', (els) => els.map((e) => e.innerText))) {
      assert.match(scope, /\(sans les filtres\)$/);
    }
    assert.match(await page.getByTestId('card-revenue').locator('.kpi-objective-label').innerText(), /^Objectif \d{4} \(sans les filtres\)\s:/);

    // The PDF Chromium prints: several A4 pages.
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || [];
    assert.ok(pages.length > 1, `the PDF has ${pages.length} page(s)`);
    if (process.env.PRINT_PDF) {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(process.env.PRINT_PDF, pdf);
    }

    // Back on screen: the header hides, the controls return.
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await header.isVisible(), false);
    assert.ok(await page.getByTestId('filters').isVisible());
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('in English, the header says the same in English', async () => {
  const b = await openDemo(server.url, { locale: 'en-US' });
  const { page } = b;
  try {
    await kpiValue(page, 'revenue');
    await page.goto(server.url + '#page=dashboard&period=this_year&compare=last_year');
    await page.emulateMedia({ media: 'print' });
    const header = page.getByTestId('print-header');
    await header.waitFor();
    assert.match(await page.getByTestId('print-period').innerText(), /^Period: This year \(Jan 1, (\d{4}) → \w{3} \d{1,2}, \1\)$/);
    assert.equal(await page.getByTestId('print-comparison').innerText(), 'Compared with: Same period last year');
    assert.equal(await page.getByTestId('print-filters').innerText(), 'Filters: none (all the data)');
    assert.equal(await page.getByTestId('print-data').innerText(), 'Data: demo (demonstration data)');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

/** axe-core's WCAG 2 A and AA violations on the page as it is now, said one per line. */
async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: '/axe-core/axe.min.js' });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${n.failureSummary}`));
  });
}

/** Whether every chart of the dashboard is drawn with ECharts' dark theme (`null`: no chart). */
const darkCharts = (page) => page.evaluate(() => {
  const themes = [...document.querySelectorAll('.charts .chart')]
    .map((el) => window.echarts.getInstanceByDom(el)?.getModel()?.getTheme()?.get('darkMode') === true);
  return themes.length ? themes.every(Boolean) : null;
});

/** The computed background colour of the first element matching `selector`. */
const background = (page, selector) => page.$eval(selector, (e) => getComputedStyle(e).backgroundColor);

for (const locale of ['fr-FR', 'en-US']) {
  test(`${locale}: in dark mode the dashboard is dark, readable (axe), and prints light`, async () => {
    const b = await openDemo(server.url, { locale });
    const { page } = b;
    try {
      await page.emulateMedia({ colorScheme: 'dark' });
      await kpiValue(page, 'revenue');
      await page.locator('.charts canvas').first().waitFor({ timeout: 30_000 });
      // The page follows the system's setting, the charts too (ECharts' dark theme on the page's card).
      assert.equal(await background(page, 'body'), 'rgb(15, 19, 24)');
      assert.equal(await background(page, '.family:not(.pinned-row) .kpi-card'), 'rgb(27, 33, 40)');
      assert.equal(await background(page, '.chart-panel'), 'rgb(27, 33, 40)');
      // Every chart drawn (one per task), each in the dark theme.
      await page.waitForFunction(() => [...document.querySelectorAll('.charts .chart')].every((el) => window.echarts.getInstanceByDom(el)), null, { timeout: 30_000 });
      assert.equal(await darkCharts(page), true);
      const found = await violations(page);
      assert.deepEqual(found, [], `axe-core violations in dark mode:\n${found.join('\n')}`);
      // A card's menu open, its highlighted item readable (it was light on light, 1.2:1).
      await page.getByTestId('actions-avg_order_value').focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'move-up-avg_order_value');
      // The card's actions fade in (a 0.15 s opacity transition): axe measures
      // the colours once they have settled, as a reader sees them.
      await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState === 'finished'));
      assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).backgroundColor), 'rgb(36, 56, 74)');
      const inMenu = await violations(page);
      assert.deepEqual(inMenu, [], `axe-core violations with a card menu open in dark mode:\n${inMenu.join('\n')}`);
      await page.keyboard.press('Escape');
      // On paper the charts are drawn light, and dark again after.
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      assert.equal(await darkCharts(page), false);
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      assert.equal(await darkCharts(page), true);
      // Paper stays light whatever the screen's setting.
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      assert.equal(await background(page, 'body'), 'rgb(255, 255, 255)');
      assert.equal(await background(page, '.family:not(.pinned-row) .kpi-card'), 'rgb(255, 255, 255)');
      b.assertClean(server.origin);
    } finally {
      await b.close();
    }
  });
}
