// The filter bar and the charts you can click: several values per filter,
// a searchable product list, a click on a bar filtering the dashboard, and
// the browser's Back undoing it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, open, ready, kpiValue, waitForKpi, DATA, openWithFiles } from './harness.mjs';

const SUPERSTORE = join(DATA, 'superstore', 'Superstore.csv');

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

const near = (a, b) => Math.abs(a - b) < 0.005;

/** A browser on the app with Superstore alone imported, its revenue shown. */
async function withSuperstore(locale = 'fr-FR') {
  const b = await openWithFiles(server.url, SUPERSTORE, { locale });
  try {
    await kpiValue(b.page, 'revenue');
    return b;
  } catch (e) {
    await b.close();
    throw e;
  }
}

/** Opens the control of `field` (a <details>) if it is closed. */
async function openFilter(page, field) {
  const control = page.getByTestId(`filter-${field}`);
  if (!(await control.evaluate((d) => d.open))) await control.locator('summary').click();
  return control;
}

/** The checkbox of `value` in the list of `field`. */
function option(page, field, value) {
  return page.locator(`[data-testid="filter-option-${field}"][data-value="${value.replace(/"/g, '\\"')}"]`);
}

/** The chips of `field`: the values the filter keeps. */
async function chips(page, field) {
  return page.getByTestId(`filter-chip-${field}`).evaluateAll((els) => els.map((e) => e.dataset.value));
}

/**
 * The page coordinates of the middle of the bar of `category` in the chart
 * drawn in the element `id`, found through its ECharts instance (the bars
 * may be vertical or horizontal).
 */
async function barPoint(page, id, pick) {
  await page.locator(`#${id} canvas`).first().waitFor({ timeout: 30_000 });
  await page.locator(`#${id}`).scrollIntoViewIfNeeded();
  // Wait for the drawing (queued one chart per task) to have its data.
  await page.waitForFunction((id) => {
    const c = window.echarts?.getInstanceByDom(document.getElementById(id));
    return c && (c.getOption().series || []).length > 0;
  }, id, { timeout: 30_000 });
  // Let the entry animation end: the bars are where convertToPixel says.
  await page.waitForTimeout(1200);
  const found = await page.evaluate(({ id, pick }) => {
    const el = document.getElementById(id);
    const chart = window.echarts.getInstanceByDom(el);
    const o = chart.getOption();
    const horizontal = o.yAxis?.[0]?.type === 'category';
    const cats = (horizontal ? o.yAxis : o.xAxis)[0].data.map((c) => (typeof c === 'object' ? c.value : c));
    const i = pick === 'last' ? cats.length - 1 : pick === 'first' ? 0 : cats.indexOf(pick);
    const raw = o.series[0].data[i];
    const v = typeof raw === 'object' && raw !== null ? raw.value : raw;
    const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, horizontal ? [v / 2, i] : [i, v / 2]);
    const box = el.getBoundingClientRect();
    return { category: cats[i], x: box.left + x, y: box.top + y };
  }, { id, pick });
  return found;
}

test('clicking a region bar filters the dashboard, and Back takes the filter off', async () => {
  const b = await withSuperstore();
  try {
    const all = await kpiValue(b.page, 'revenue');
    // The largest region's bar.
    const bar = await barPoint(b.page, 'revenue-by-region', 'last');
    assert.ok(['West', 'East', 'Central', 'South'].includes(bar.category), bar.category);
    await b.page.mouse.click(bar.x, bar.y);
    await b.page.getByTestId('filter-chip-region').waitFor({ timeout: 10_000 });
    assert.deepEqual(await chips(b.page, 'region'), [bar.category]);
    const one = await waitForKpi(b.page, 'revenue', (v) => v < all);
    assert.ok(one > 0);
    assert.match(decodeURIComponent(new URL(b.page.url()).hash), new RegExp(`region=${bar.category}`));
    // The control says what is chosen.
    assert.match(await b.page.getByTestId('filter-region').locator('summary').textContent(), new RegExp(bar.category));
    // The same region through the list gives the same figure: the click filtered on the raw key.
    await b.page.goBack();
    await b.page.getByTestId('filter-chip-region').waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await waitForKpi(b.page, 'revenue', (v) => v === all), all);
    assert.doesNotMatch(new URL(b.page.url()).hash, /region=/);
    await openFilter(b.page, 'region');
    await option(b.page, 'region', bar.category).check();
    assert.equal(await waitForKpi(b.page, 'revenue', (v) => v < all), one);
    // A change from the filter bar is a step too.
    await b.page.goBack();
    assert.equal(await waitForKpi(b.page, 'revenue', (v) => v === all), all);
    assert.deepEqual(await chips(b.page, 'region'), []);
    // Forward brings it back.
    await b.page.goForward();
    assert.equal(await waitForKpi(b.page, 'revenue', (v) => v < all), one);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('a second click on the same bar takes its filter off; a month sets the period', async () => {
  const b = await withSuperstore();
  try {
    const all = await kpiValue(b.page, 'revenue');
    let bar = await barPoint(b.page, 'revenue-by-region', 'first');
    await b.page.mouse.click(bar.x, bar.y);
    await b.page.getByTestId('filter-chip-region').waitFor({ timeout: 10_000 });
    await waitForKpi(b.page, 'revenue', (v) => v < all);
    // Filtered, the chart shows that region alone: click it again.
    bar = await barPoint(b.page, 'revenue-by-region', bar.category);
    await b.page.mouse.click(bar.x, bar.y);
    await b.page.getByTestId('filter-chip-region').waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await waitForKpi(b.page, 'revenue', (v) => v === all), all);
    // A month of revenue by month: the period becomes that month.
    const month = await barPoint(b.page, 'revenue-by-month', 'last');
    await b.page.mouse.click(month.x, month.y);
    await b.page.getByTestId('period-from').waitFor({ timeout: 10_000 });
    assert.equal(await b.page.getByTestId('period-select').inputValue(), 'custom');
    const from = await b.page.getByTestId('period-from').inputValue();
    const to = await b.page.getByTestId('period-to').inputValue();
    assert.match(from, /^\d{4}-\d{2}-01$/);
    assert.equal(to.slice(0, 7), from.slice(0, 7));
    assert.ok(Number(to.slice(8)) >= 28);
    await waitForKpi(b.page, 'revenue', (v) => v < all && v > 0);
    await b.page.goBack();
    assert.equal(await waitForKpi(b.page, 'revenue', (v) => v === all), all);
    assert.equal(await b.page.getByTestId('period-select').inputValue(), 'all');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('two regions at once give the sum of each alone; chips and clear all', async () => {
  const b = await withSuperstore('en-US');
  try {
    const all = await kpiValue(b.page, 'revenue');
    await openFilter(b.page, 'region');
    // Four regions: a short list, no search box.
    assert.equal(await b.page.getByTestId('filter-search-region').count(), 0);
    assert.equal(await b.page.locator('[data-testid="filter-option-region"]').count(), 4);
    await option(b.page, 'region', 'West').check();
    const west = await waitForKpi(b.page, 'revenue', (v) => v < all);
    await option(b.page, 'region', 'West').uncheck();
    await waitForKpi(b.page, 'revenue', (v) => v === all);
    await option(b.page, 'region', 'East').check();
    const east = await waitForKpi(b.page, 'revenue', (v) => v < all);
    assert.notEqual(east, west);
    await option(b.page, 'region', 'West').check();
    const both = await waitForKpi(b.page, 'revenue', (v) => v > east);
    assert.ok(near(both, west + east), `${both} != ${west} + ${east}`);
    assert.deepEqual(await chips(b.page, 'region'), ['East', 'West']);
    assert.match(await b.page.getByTestId('filter-region').locator('summary').textContent(), /^Region: East \+1$/);
    assert.match(decodeURIComponent(new URL(b.page.url()).hash), /region=East&region=West/);
    // A reload keeps both values.
    await b.page.reload();
    await ready(b.page);
    assert.ok(near(await waitForKpi(b.page, 'revenue', (v) => near(v, both)), both));
    assert.deepEqual(await chips(b.page, 'region'), ['East', 'West']);
    // A chip's cross takes its value off; "remove all" the rest.
    await b.page.getByTestId('filter-chip-remove-region').first().click();
    assert.equal(await waitForKpi(b.page, 'revenue', (v) => v === west), west);
    await b.page.getByTestId('filters-clear').click();
    assert.equal(await waitForKpi(b.page, 'revenue', (v) => v === all), all);
    assert.deepEqual(await chips(b.page, 'region'), []);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('the product filter finds "Canon imageCLASS" by typing "canon"', async () => {
  const b = await withSuperstore();
  try {
    const all = await kpiValue(b.page, 'revenue');
    const control = await openFilter(b.page, 'product');
    const options = b.page.locator('[data-testid="filter-option-product"]');
    // 1 850 products: the first ones and how many more, not a list to scroll.
    const shown = await options.count();
    assert.ok(shown > 0 && shown <= 50, `${shown} shown`);
    assert.match(await control.locator('.filter-more').textContent(), /1\u202f\d{3} autres/);
    const search = b.page.getByTestId('filter-search-product');
    // Opening the list puts the cursor in its search box, which is labelled.
    await b.page.waitForFunction(() => document.activeElement?.dataset.testid === 'filter-search-product');
    assert.ok((await search.evaluate((el) => el.labels?.[0]?.textContent || '')).includes('Produit'));
    await search.fill('canon');
    const found = await options.evaluateAll((els) => els.map((e) => e.dataset.value));
    assert.ok(found.includes('Canon imageCLASS 2200 Advanced Copier'), found.join(' | '));
    assert.ok(found.every((v) => v.toLowerCase().includes('canon')), found.join(' | '));
    // Neither case, accents, spaces nor the order of the words matter.
    await search.fill('COPIER CÂNON 2200');
    const again = await options.evaluateAll((els) => els.map((e) => e.dataset.value));
    assert.deepEqual(again, ['Canon imageCLASS 2200 Advanced Copier']);
    await search.fill('canon image class');
    const spaced = await options.evaluateAll((els) => els.map((e) => e.dataset.value));
    assert.ok(spaced.includes('Canon Image Class D660 Copier') && spaced.includes('Canon imageCLASS 2200 Advanced Copier'), spaced.join(' | '));
    await option(b.page, 'product', 'Canon imageCLASS 2200 Advanced Copier').check();
    await b.page.getByTestId('filter-chip-product').waitFor();
    const copier = await waitForKpi(b.page, 'revenue', (v) => v < all);
    assert.ok(copier > 0);
    // Escape closes the list.
    await search.focus();
    await b.page.keyboard.press('Escape');
    assert.equal(await control.evaluate((d) => d.open), false);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('an old link with one value per filter still loads', async () => {
  const b = await withSuperstore('en-US');
  try {
    const all = await kpiValue(b.page, 'revenue');
    await b.page.goto(server.url + '#page=dashboard&region=West');
    await b.page.getByTestId('filter-chip-region').waitFor({ timeout: 10_000 });
    assert.deepEqual(await chips(b.page, 'region'), ['West']);
    await waitForKpi(b.page, 'revenue', (v) => v < all);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
