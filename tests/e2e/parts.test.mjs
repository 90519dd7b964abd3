// A big file read in two parts at once (public/worker.js reads the rows up
// to a line end past the middle, public/later.js those after it, and joins
// them): the dashboard gives the `cadran` command line's figures on the
// same file, whether the later part could be read apart or had to come to
// the engine worker after all (a quoted cell in it), and when its only
// Windows-1252 byte lies in the later part. The engine worker reads in parts
// only on 2 cores or more: these tests serve it with that bound at 1, so
// that they take the path on any machine; the last one, as shipped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { serve, open, ready, kpiValue, cliReport } from './harness.mjs';

let server;
let dir;
before(async () => {
  server = await serve();
  dir = await mkdtemp(join(tmpdir(), 'cadran-parts-'));
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const ROWS = 220_000;

/**
 * A French export of about 12 MB (above the 8 MB from which a file is read
 * in two parts): one order number per line, amounts to the cent, and
 * `later` (a Buffer) written as a row three quarters of the way down.
 */
async function bigExport(name, later) {
  // ASCII above the later part: its bytes alone decide the encoding.
  const parts = [Buffer.from('Date;N commande;Client;Commercial;Region;Montant HT\r\n', 'latin1')];
  const regions = ['Nord', 'Sud', 'Est', 'Ouest', 'Centre'];
  let rows = [];
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    const cents = (i * 7919) % 100_000;
    rows.push(`${day}/${month}/2024;${500_000 + i};Client ${i % 4_000};Commercial ${i % 40};${regions[i % 5]};${Math.floor(cents / 100) + 1},${String(cents % 100).padStart(2, '0')}\r\n`);
    if (i === Math.floor(ROWS * 0.75)) {
      parts.push(Buffer.from(rows.join(''), 'latin1'), later);
      rows = [];
    }
  }
  parts.push(Buffer.from(rows.join(''), 'latin1'));
  const path = join(dir, name);
  await writeFile(path, Buffer.concat(parts));
  return path;
}

/**
 * The dashboard's figures for `path`, what the import step says of the
 * file, whether a later.js worker was given its later part and the cores
 * the browser sees; `anyCores`: read in parts whatever the cores. One
 * later.js worker is started ahead and idles until a big file comes; it
 * ends with the file it read (or refused): that end tells it was given one.
 */
async function dashboard(path, { anyCores = true } = {}) {
  const b = await open();
  try {
    if (anyCores) {
      await b.context.route('**/worker.js', async (route) => {
        const response = await route.fetch();
        const text = await response.text();
        const body = text.replace('const PARTS_FROM_CORES = 2;', 'const PARTS_FROM_CORES = 1;');
        assert.notEqual(body, text, 'worker.js bounds the cores it reads in parts on');
        await route.fulfill({ response, body });
      });
    }
    let laterEnded = false;
    b.page.on('worker', (w) => {
      if (new URL(w.url()).pathname === '/later.js') w.on('close', () => { laterEnded = true; });
    });
    await b.page.goto(server.url);
    await ready(b.page);
    // The progress bar's phases, as shown.
    await b.page.evaluate(() => {
      window.__phases = [];
      new MutationObserver(() => {
        const p = document.querySelector('[data-testid="progress"]');
        if (p) window.__phases.push(p.getAttribute('data-phase'));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await b.page.getByTestId('file-input').setInputFiles([path]);
    const confirm = b.page.getByTestId('confirm-import');
    await confirm.waitFor({ timeout: 60_000 });
    const phases = await b.page.evaluate(() => window.__phases);
    const summary = await b.page.getByTestId('import-summary').textContent();
    await confirm.click();
    await confirm.waitFor({ state: 'detached', timeout: 30_000 });
    const figures = {
      revenue: await kpiValue(b.page, 'revenue'),
      orders: await kpiValue(b.page, 'order_count'),
      customers: await kpiValue(b.page, 'active_customers'),
    };
    b.assertClean(server.origin);
    const cores = await b.page.evaluate(() => navigator.hardwareConcurrency);
    // Ended as the rows were joined, before the import step: its close
    // event may still be on its way.
    for (let i = 0; i < 20 && !laterEnded; i++) await b.page.waitForTimeout(100);
    return { figures, summary, later: laterEnded, cores, phases };
  } finally {
    await b.close();
  }
}

async function cli(path) {
  const kpis = (await cliReport([path])).kpis;
  return { revenue: kpis.revenue.value, orders: kpis.order_count.value, customers: kpis.active_customers.value };
}

for (const [what, later, encoding] of [
  ['a plain later part', Buffer.from('15/06/2024;999999;Client 7;Commercial 3;Nord;12,50\r\n', 'latin1'), 'utf-8'],
  ['a quoted cell in the later part', Buffer.from('15/06/2024;999999;"Client ""7"", Lyon";Commercial 3;Nord;12,50\r\n', 'latin1'), 'utf-8'],
  ['a Windows-1252 byte in the later part only', Buffer.from('15/06/2024;999999;Société Générale;Commercial 3;Nord;12,50\r\n', 'latin1'), 'windows-1252'],
]) {
  test(`a 12 MB export with ${what} gives the command line's figures`, async () => {
    const path = await bigExport(`${what.replace(/\W+/g, '-')}.csv`, later);
    const [expected, seen] = await Promise.all([cli(path), dashboard(path)]);
    assert.ok(expected.revenue > 0 && expected.orders === ROWS + 1, JSON.stringify(expected));
    assert.deepEqual(seen.figures, expected);
    // Every row, in the encoding of the whole file.
    assert.ok(seen.summary.replace(/\s/g, '').startsWith(String(ROWS + 1)), seen.summary);
    assert.ok(seen.summary.includes(encoding), seen.summary);
    assert.ok(seen.later, 'the later part was given to later.js');
    // Typing once every row is split, joined or not, and never back.
    const typing = seen.phases.findIndex((p) => p && p.includes('typing'));
    assert.ok(typing >= 0, `phases ${[...new Set(seen.phases)]}`);
    assert.ok(seen.phases.slice(typing).every((p) => p && p.includes('typing')), `phases ${seen.phases}`);
  });
}

test('as shipped, a 12 MB export is read in parts on 2 cores or more only', async () => {
  const path = await bigExport('as-shipped.csv', Buffer.from('15/06/2024;999999;Client 7;Commercial 3;Nord;12,50\r\n', 'latin1'));
  const [expected, seen] = await Promise.all([cli(path), dashboard(path, { anyCores: false })]);
  assert.deepEqual(seen.figures, expected);
  assert.equal(seen.later, seen.cores >= 2, `${seen.cores} cores`);
});
