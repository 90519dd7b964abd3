// An aggregated extract in the browser (DATA.md §4b): the import step says
// what a row stands for, the dashboard gives the same revenue and orders as
// the lines it sums, and the one figure it cannot give folds into the
// unlock panel with its reason. tests/data/formats/ventes-jour.csv is
// ventes.csv summed per day × customer × rep × region (make_extract.py).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, open, ready, openWithFiles, kpiValue, DATA } from './harness.mjs';

const file = (name) => join(DATA, 'formats', name);

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

test('an aggregated extract reads as its order lines, and says what it cannot give', async () => {
  const lines = await openWithFiles(server.url, [file('ventes.csv')]);
  let expected;
  try {
    expected = {
      revenue: await kpiValue(lines.page, 'revenue'),
      orders: await kpiValue(lines.page, 'order_count'),
      customers: await kpiValue(lines.page, 'active_customers'),
    };
  } finally {
    await lines.close();
  }
  assert.ok(expected.revenue > 0 && expected.orders > 0, JSON.stringify(expected));

  const b = await open();
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('file-input').setInputFiles(file('ventes-jour.csv'));
    const confirm = b.page.getByTestId('confirm-import');
    await confirm.waitFor({ timeout: 30_000 });
    const grain = b.page.getByTestId('import-grain');
    assert.match(await grain.textContent(), /^Extrait agrégé\u202f: une ligne par date × client × commercial × région, avec son nombre de commandes\./);
    await confirm.click();
    await confirm.waitFor({ state: 'detached', timeout: 30_000 });

    assert.equal(await kpiValue(b.page, 'revenue'), expected.revenue);
    assert.equal(await kpiValue(b.page, 'order_count'), expected.orders);
    assert.equal(await kpiValue(b.page, 'active_customers'), expected.customers);
    // The first purchase value is folded, under the extract's reason.
    const unlock = b.page.getByTestId('unlock-panel');
    const group = unlock.locator('.unlock-group', { has: b.page.getByTestId('kpi-unavailable-first_purchase_value') });
    assert.match(await group.locator('.unlock-why').textContent(), /ventes-jour\.csv est un extrait agrégé/);
    assert.equal(await b.page.getByTestId('kpi-first_purchase_value').count(), 0);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
