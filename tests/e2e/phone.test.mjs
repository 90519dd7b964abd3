// On a phone (390 × 844): no page is wider than the screen, and every tab
// and the language switch stay within reach (issue #24, "Phone").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, openDemo, openWithFiles, kpiValue, DATA } from './harness.mjs';

const SUPERSTORE = join(DATA, 'superstore', 'Superstore.csv');
const PHONE = { width: 390, height: 844 };
const PAGES = ['dashboard', 'reps', 'objectives', 'data'];

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

/** How wide the page is, in CSS pixels: more than the viewport means sideways scrolling. */
const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Every tab and the language switch are on screen, and each tab opens its page. */
async function assertNavReachable(page) {
  await assert.doesNotReject(page.getByTestId('lang-select').waitFor({ state: 'visible' }));
  const lang = await page.getByTestId('lang-select').boundingBox();
  assert.ok(lang.x >= 0 && lang.x + lang.width <= PHONE.width, `language switch off-screen: ${JSON.stringify(lang)}`);
  for (const p of PAGES) {
    const tab = page.getByTestId(`nav-${p}`);
    const box = await tab.boundingBox();
    assert.ok(box, `tab ${p} has no box`);
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `tab ${p} off-screen: ${JSON.stringify(box)}`);
  }
}

/** Visits the four pages through their tabs, checking the width of each. */
async function assertEveryPageFits(page, what) {
  await assertNavReachable(page);
  for (const p of PAGES) {
    await page.getByTestId(`nav-${p}`).click();
    assert.equal(await page.getByTestId(`nav-${p}`).getAttribute('aria-current'), 'page');
    await page.waitForTimeout(400); // let charts and tables lay out
    const width = await pageWidth(page);
    assert.ok(width <= PHONE.width, `${what}, ${p}: the page is ${width} px wide on a ${PHONE.width} px screen`);
    await assertNavReachable(page);
  }
}

test('demo data at 390 px: no page scrolls sideways, every tab reachable', async () => {
  const b = await openDemo(server.url);
  try {
    await b.page.setViewportSize(PHONE);
    await kpiValue(b.page, 'revenue');
    await b.page.locator('canvas').first().waitFor();
    await assertEveryPageFits(b.page, 'demo');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('Superstore at 390 px: no page scrolls sideways, nor the import preview', async () => {
  const b = await openWithFiles(server.url, SUPERSTORE, { locale: 'en-US' });
  try {
    await b.page.setViewportSize(PHONE);
    await kpiValue(b.page, 'revenue');
    await assertEveryPageFits(b.page, 'Superstore');
    // The import preview: a file chosen, its mapping shown, not yet confirmed.
    await b.page.getByTestId('nav-data').click();
    await b.page.getByTestId('file-input').setInputFiles(SUPERSTORE);
    await b.page.getByTestId('confirm-import').waitFor({ timeout: 30_000 });
    const width = await pageWidth(b.page);
    assert.ok(width <= PHONE.width, `import preview: the page is ${width} px wide on a ${PHONE.width} px screen`);
    await assertNavReachable(b.page);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
