// The dashboard by keyboard: a skip link to the indicators, each KPI card one
// Tab stop with its actions in a menu (WAI-ARIA menu button), and each chart's
// table view reached and announced. Tab presses are counted and printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, ready, openDemo, kpiValue } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

/** The demo's dashboard, reloaded so that no click has moved Tab's starting point, every chart mounted. */
async function demoFromTheTop(locale = 'fr-FR') {
  const b = await openDemo(server.url, { locale });
  try {
    await kpiValue(b.page, 'revenue');
    await b.page.reload();
    await ready(b.page);
    await kpiValue(b.page, 'revenue');
    await b.page.locator('[data-testid^="chart-"] canvas').first().waitFor({ timeout: 30_000 });
    return b;
  } catch (e) {
    await b.close();
    throw e;
  }
}

/** Where the focus is: its chart panel, its card, whether it left the page's elements. */
function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    return {
      none: !a || a === document.body || a === document.documentElement,
      chart: a?.closest('[data-testid^="chart-"]')?.dataset.testid ?? null,
      card: a?.closest('[data-testid^="card-"]')?.dataset.testid ?? null,
      testid: a?.dataset?.testid ?? null,
      tag: a?.tagName ?? null,
      text: (a?.textContent ?? '').trim().slice(0, 40),
    };
  });
}

test('Tab from the top reaches the first chart in under 40 presses; each card one stop, by arrows in its grid', async () => {
  const b = await demoFromTheTop();
  try {
    let presses = 0;
    let toChart = null;
    const cards = new Map();
    // Round the page once: until the focus leaves the page's elements (or comes back to the first stop).
    let first = null;
    for (; presses < 800; ) {
      await b.page.keyboard.press('Tab');
      presses++;
      const f = await focused(b.page);
      if (f.none) { presses--; break; }
      const key = JSON.stringify(f);
      if (first === null) first = key;
      else if (key === first) { presses--; break; }
      if (toChart === null && f.chart) toChart = presses;
      if (f.card) cards.set(f.card, (cards.get(f.card) ?? 0) + 1);
    }
    console.log(`Tab presses to the first chart: ${toChart}; across the dashboard: ${presses}; cards stopped on by Tab: ${cards.size}`);
    assert.ok(toChart !== null, 'no chart reached by Tab');
    assert.ok(toChart < 40, `${toChart} Tab presses to the first chart`);
    // A grid of cards is one Tab stop (its first card's button): no card twice.
    const grids = await b.page.locator('.kpi-grid').count();
    assert.equal(cards.size, grids);
    assert.deepEqual([...cards].filter(([, n]) => n !== 1), []);
    // In a grid, the right arrow stops once on each card, in order; Home and End go to the ends.
    const family = b.page.getByTestId('family-revenue').locator('.kpi-grid');
    const ids = await family.locator('[data-testid^="card-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
    assert.ok(ids.length >= 4, ids.join());
    await family.locator('.card-menu-button').first().focus();
    const visited = [(await focused(b.page)).card];
    for (let i = 1; i < ids.length + 1; i++) {
      await b.page.keyboard.press('ArrowRight');
      visited.push((await focused(b.page)).card);
    }
    assert.deepEqual(visited, [...ids, ids.at(-1)]);
    await b.page.keyboard.press('Home');
    assert.equal((await focused(b.page)).card, ids[0]);
    // The grid's stop is now the card last focused: Tab leaves the grid, Shift+Tab comes back to it.
    await b.page.keyboard.press('End');
    await b.page.keyboard.press('Tab');
    assert.notEqual((await focused(b.page)).card, ids.at(-1));
    await b.page.keyboard.press('Shift+Tab');
    assert.equal((await focused(b.page)).card, ids.at(-1));
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('the skip link is the first Tab stop, shown when focused, and Enter moves the focus to the indicators', async () => {
  const b = await demoFromTheTop();
  try {
    const skip = b.page.getByTestId('skip-to-indicators');
    // Out of sight until focused.
    assert.ok((await skip.boundingBox()).y + (await skip.boundingBox()).height <= 0 || (await skip.boundingBox()).width <= 1);
    await b.page.keyboard.press('Tab');
    assert.equal((await focused(b.page)).testid, 'skip-to-indicators');
    assert.equal((await skip.textContent()).trim(), 'Aller aux indicateurs');
    const box = await skip.boundingBox();
    assert.ok(box.y >= 0 && box.width > 20 && box.height > 10, JSON.stringify(box));
    const url = b.page.url();
    await b.page.keyboard.press('Enter');
    // On the indicators' first heading (the key indicators), the URL's view kept as it was.
    const where = await b.page.evaluate(() => {
      const a = document.activeElement;
      return { tag: a.tagName, text: a.textContent.trim(), inside: !!a.closest('#indicators'), tabIndex: a.tabIndex };
    });
    assert.deepEqual(where, { tag: 'H2', text: 'Indicateurs clés', inside: true, tabIndex: -1 });
    assert.equal(b.page.url(), url);
    // The next Tab goes to the first card's actions.
    await b.page.keyboard.press('Tab');
    assert.equal((await focused(b.page)).card, await b.page.getByTestId('pinned-row').locator('[data-testid^="card-"]').first().getAttribute('data-testid'));
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test("a card's actions menu: Enter opens it, arrows move, Escape closes it and gives the focus back", async () => {
  const b = await demoFromTheTop('en-US');
  try {
    const card = b.page.getByTestId('card-revenue');
    const button = b.page.getByTestId('actions-revenue');
    assert.equal(await button.getAttribute('aria-haspopup'), 'menu');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await button.getAttribute('aria-label'), 'Actions for Revenue');
    await button.focus();
    await b.page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const menu = b.page.locator(`#${await button.getAttribute('aria-controls')}`);
    assert.equal(await menu.getAttribute('role'), 'menu');
    // The focus on the first item; down and up move through the items, wrapping.
    const items = menu.locator('[role^="menuitem"]');
    const n = await items.count();
    assert.equal(n, 5);
    assert.equal((await focused(b.page)).testid, 'pin-revenue');
    await b.page.keyboard.press('ArrowDown');
    assert.equal((await focused(b.page)).testid, 'move-up-revenue');
    await b.page.keyboard.press('ArrowUp');
    await b.page.keyboard.press('ArrowUp');
    assert.equal((await focused(b.page)).testid, 'explain-revenue');
    // Escape: closed, the focus back on the button.
    await b.page.keyboard.press('Escape');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await menu.count(), 0);
    assert.equal((await focused(b.page)).testid, 'actions-revenue');
    // "How is it computed?" by keyboard: the explanation opens under the card, focused (read out).
    await b.page.keyboard.press('ArrowDown');
    await b.page.keyboard.press('End');
    assert.equal((await focused(b.page)).testid, 'explain-revenue');
    await b.page.keyboard.press('Enter');
    const explanation = card.getByTestId('explanation-revenue');
    await explanation.waitFor();
    assert.match(await explanation.textContent(), /Sum of net amounts/);
    assert.equal(await explanation.evaluate((e) => e.contains(document.activeElement)), true);
    // The card's one stop says why there is no comparison (its accessible description).
    const described = await button.evaluate((e) => e.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id)?.textContent.trim()).join(' | '));
    assert.match(described, /^\S.* \| no comparison vs previous period \| demo-ventes\.csv .*previous period/);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('pinning by keyboard through the menu moves the card to the pinned row, the focus with it', async () => {
  const b = await demoFromTheTop('en-US');
  try {
    const pinned = b.page.getByTestId('pinned-row');
    const id = 'avg_order_value';
    assert.equal(await pinned.getByTestId(`card-${id}`).count(), 0);
    await b.page.getByTestId(`actions-${id}`).focus();
    await b.page.keyboard.press('Enter');
    assert.equal((await focused(b.page)).testid, `pin-${id}`);
    assert.equal(await b.page.getByTestId(`pin-${id}`).getAttribute('aria-checked'), 'false');
    await b.page.keyboard.press('Enter');
    await pinned.getByTestId(`card-${id}`).waitFor();
    assert.equal(await b.page.getByTestId('family-revenue').getByTestId(`card-${id}`).count(), 0);
    await b.page.waitForFunction((id) => document.activeElement?.dataset.testid === `actions-${id}`, id);
    assert.equal(await b.page.getByTestId(`actions-${id}`).getAttribute('aria-expanded'), 'false');
    // Opened again: the item now says the card is pinned.
    await b.page.keyboard.press('Space');
    assert.equal(await b.page.getByTestId(`pin-${id}`).getAttribute('aria-checked'), 'true');
    await b.page.keyboard.press('Escape');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test("a chart's table view by keyboard: expanded, controlled, captioned with the chart's title, focused", async () => {
  const b = await demoFromTheTop('en-US');
  try {
    const chart = b.page.getByTestId('chart-revenue-by-month');
    // The panel is named by the chart's title; the drawing is not a Tab stop.
    const name = await chart.evaluate((e) => document.getElementById(e.getAttribute('aria-labelledby'))?.textContent.trim());
    assert.equal(name, 'Revenue by month');
    assert.equal(await chart.locator('canvas[tabindex="0"], [id="revenue-by-month"][tabindex="0"]').count(), 0);
    // (Its words change with what it shows: found by its place, the first of the caption's buttons.)
    const toggle = chart.locator('figcaption button').first();
    assert.equal(await toggle.textContent(), 'Show table');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.focus();
    await b.page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const table = b.page.locator(`#${await toggle.getAttribute('aria-controls')}`);
    await table.waitFor();
    assert.equal((await table.locator('caption').textContent()).trim(), 'Revenue by month (table)');
    assert.equal(await table.evaluate((e) => e.contains(document.activeElement) || e === document.activeElement), true);
    assert.ok((await table.locator('tbody tr').count()) >= 12);
    // Back to the chart.
    assert.equal(await toggle.textContent(), 'Show chart');
    await toggle.focus();
    await b.page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await chart.locator('canvas').waitFor();
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
