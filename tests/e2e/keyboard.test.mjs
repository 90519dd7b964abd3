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
    // Up and down too (on a phone the cards are stacked): they move, the menu stays closed.
    await b.page.keyboard.press('ArrowDown');
    assert.equal((await focused(b.page)).card, ids[1]);
    assert.equal(await b.page.locator('[role="menu"]').count(), 0);
    await b.page.keyboard.press('ArrowUp');
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
    await b.page.keyboard.press('Enter');
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

/** The cards of the key row, in order. */
const keyRow = (page) => page.getByTestId('pinned-row').locator('[data-testid^="card-"]')
  .evaluateAll((els) => els.map((e) => e.dataset.testid.slice('card-'.length)));

/** Opens card `id`'s menu by keyboard and presses Enter on its item `action` (found by Down). */
async function act(page, id, action) {
  await page.getByTestId(`actions-${id}`).focus();
  await page.keyboard.press('Enter');
  for (let i = 0; i < 5 && (await focused(page)).testid !== `${action}-${id}`; i++) await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).testid, `${action}-${id}`);
  await page.keyboard.press('Enter');
}

test('the key row by keyboard: the objectives\' cards read pinned, a pin adds, moves act, a hidden card leaves', async () => {
  const b = await demoFromTheTop('en-US');
  try {
    const { page } = b;
    // Nothing pinned: the objectives' KPIs, each read as pinned.
    const objectives = await keyRow(page);
    assert.deepEqual(objectives, ['revenue', 'win_rate', 'revenue_per_rep']);
    await page.getByTestId('actions-win_rate').focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.getByTestId('pin-win_rate').getAttribute('aria-checked'), 'true');
    assert.equal((await page.getByTestId('pin-win_rate').textContent()).trim(), '★Unpin');
    await page.keyboard.press('Escape');

    // Moving one of them moves it (the row's order becomes the user's).
    await act(page, 'revenue', 'move-down');
    await page.waitForFunction(() => document.querySelector('[data-testid="pinned-row"] [data-testid^="card-"]')?.dataset.testid === 'card-win_rate');
    assert.deepEqual(await keyRow(page), ['win_rate', 'revenue', 'revenue_per_rep']);
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'actions-revenue');

    // Pinning another card adds it at the end: the row grows, nothing leaves it.
    await act(page, 'gross_margin', 'pin');
    await page.getByTestId('pinned-row').getByTestId('card-gross_margin').waitFor();
    assert.deepEqual(await keyRow(page), ['win_rate', 'revenue', 'revenue_per_rep', 'gross_margin']);

    // Hiding a pinned card takes it off the screen: out of the row, listed as hidden, the focus on its neighbour.
    await act(page, 'gross_margin', 'hide');
    await page.getByTestId('unhide-gross_margin').waitFor({ state: 'attached' });
    assert.deepEqual(await keyRow(page), ['win_rate', 'revenue', 'revenue_per_rep']);
    assert.equal(await page.getByTestId('card-gross_margin').count(), 0);
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'actions-revenue_per_rep');

    // Hidden one by one to the last: the focus never falls to the page's body.
    for (const id of ['win_rate', 'revenue', 'revenue_per_rep']) {
      await act(page, id, 'hide');
      await page.getByTestId(`unhide-${id}`).waitFor({ state: 'attached' });
      assert.equal(await page.getByTestId(`card-${id}`).count(), 0, `${id} still shown`);
      await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
    }
    assert.equal(await page.getByTestId('pinned-row').count(), 0);
    // With no card left in the row, on the list of hidden cards of the last one's family.
    const where = await page.evaluate(() => ({ tag: document.activeElement.tagName, id: document.activeElement.id, has: !!document.activeElement.closest('section')?.querySelector('[data-testid="unhide-revenue_per_rep"]') }));
    assert.deepEqual(where, { tag: 'SUMMARY', id: where.id, has: true });
    assert.match(where.id, /^hidden-summary-/);
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
    // Each caption button says which chart it acts on (its description), and the CSV export is there with the chart.
    const buttons = chart.locator('figcaption button');
    assert.deepEqual(await buttons.evaluateAll((els) => els.map((e) => [e.textContent.trim(), document.getElementById(e.getAttribute('aria-describedby'))?.textContent.trim()])),
      [['Show table', 'Revenue by month'], ['PNG image', 'Revenue by month'], ['Export CSV', 'Revenue by month']]);
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

test('Reps, Objectives and Data: the first Tab stop skips to the page\'s content', async () => {
  const b = await demoFromTheTop('fr-FR');
  try {
    const { page } = b;
    for (const [nav, shown] of [['nav-reps', 'rep-table'], ['nav-objectives', 'alert-rules'], ['nav-data', 'tables-in-use']]) {
      await page.getByTestId(nav).click();
      // Reloaded (the page is in the URL): Tab from the top.
      await page.reload();
      await ready(page);
      await page.getByTestId(shown).first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).testid, 'skip-to-content', `${nav}: first stop`);
      assert.equal((await page.getByTestId('skip-to-content').textContent()).trim(), 'Aller au contenu');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.tagName), 'MAIN', nav);
      // The next stop is inside the page's content, past the header and its tabs.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => !!document.activeElement.closest('main') && !document.activeElement.closest('header')), true, nav);
    }
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
