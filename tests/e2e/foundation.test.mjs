// The first vertical slice: demo data, a real upload, the language, privacy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { serve, open, ready, kpiValue, importFiles, DATA, openDemo } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

test('demo button shows a revenue card and a drawn chart', async () => {
  const b = await openDemo(server.url);
  try {
    const revenue = await kpiValue(b.page, 'revenue');
    assert.ok(revenue > 0, `revenue ${revenue}`);
    const canvas = b.page.locator('[data-testid="chart-revenue-by-month"] canvas');
    await canvas.first().waitFor({ timeout: 15_000 });
    const box = await canvas.first().boundingBox();
    assert.ok(box && box.width > 200 && box.height > 100, `canvas ${JSON.stringify(box)}`);
    // The chart has pixels: ECharts drew the bars, not an empty canvas.
    const painted = await canvas.first().evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    });
    assert.ok(painted > 1000, `painted pixels ${painted}`);
    // Hovering shows a tooltip drawn on the canvas: no inline style for the CSP to block.
    await canvas.first().hover({ position: { x: box.width / 2, y: box.height / 2 } });
    await b.page.waitForTimeout(300);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('an uploaded French CSV gives the right revenue', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cadran-csv-'));
  const file = join(dir, 'ventes.csv');
  // Windows-1252, semicolons, decimal commas, day-first dates, a title line.
  const text = 'Export des ventes;;\r\nDate;Soci\xe9t\xe9;Montant HT\r\n05/03/2024;A\xe9ro;1 234,56\r\n06/03/2024;Beta;100,44\r\n13/04/2024;Gamma;-35,00\r\n';
  await writeFile(file, Buffer.from(text, 'latin1'));
  const b = await open();
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('file-input').setInputFiles(file);
    // The import step says how the file was read before it is used.
    const summary = b.page.getByTestId('import-summary');
    await summary.waitFor();
    assert.match(await summary.textContent(), /windows-1252/);
    assert.match(await summary.textContent(), /3 lignes/);
    await b.page.getByTestId('confirm-import').click();
    const revenue = await kpiValue(b.page, 'revenue');
    assert.equal(revenue, 1300);
    b.assertClean(server.origin);
  } finally {
    await b.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the Superstore export (Windows-1252, US dates) totals its Sales column', async () => {
  const b = await open();
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await importFiles(b.page, join(DATA, 'superstore', 'Superstore.csv'));
    const revenue = await kpiValue(b.page, 'revenue');
    assert.equal(Math.round(revenue * 100) / 100, 2297200.86);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('the language choice survives a reload, French is the default for French browsers', async () => {
  const b = await open({ locale: 'fr-FR' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    const demo = b.page.getByTestId('load-demo');
    assert.match(await demo.textContent(), /démonstration/);
    assert.equal(await b.page.getAttribute('html', 'lang'), 'fr');
    await b.page.getByTestId('lang-select').selectOption('en');
    assert.match(await demo.textContent(), /Try with demo data/);
    await b.page.reload();
    await ready(b.page);
    assert.match(await b.page.getByTestId('load-demo').textContent(), /Try with demo data/);
    assert.equal(await b.page.getAttribute('html', 'lang'), 'en');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('an English browser starts in English', async () => {
  const b = await open({ locale: 'en-US' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    assert.match(await b.page.getByTestId('load-demo').textContent(), /Try with demo data/);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('a file that is not CSV gets a clear message, and the app keeps working', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cadran-bad-'));
  // A damaged workbook (the formats module refuses it) and a PDF (the engine does).
  const book = join(dir, 'classeur.xlsx');
  await writeFile(book, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]));
  const pdf = join(dir, 'rapport.pdf');
  await writeFile(pdf, Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'));
  const b = await open({ locale: 'fr-FR' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('file-input').setInputFiles([book, pdf]);
    await b.page.getByRole('alert').getByText(/classeur ne peut pas être ouvert/).waitFor();
    await b.page.getByRole('alert').getByText(/fichier PDF/).waitFor();
    await b.page.getByTestId('load-demo').click();
    assert.ok((await kpiValue(b.page, 'revenue')) > 0);
    b.assertClean(server.origin);
  } finally {
    await b.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the release build works from a sub-path, with nothing loaded from elsewhere', async () => {
  const sub = await serve(undefined, '/tools/cadran/');
  const b = await open();
  try {
    await b.page.goto(sub.url);
    await ready(b.page);
    await b.page.getByTestId('load-demo').click();
    assert.ok((await kpiValue(b.page, 'revenue')) > 0);
    const csp = await b.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
    assert.ok(b.requests.length >= 5, 'the page loaded its assets');
    b.assertClean(sub.origin);
  } finally {
    await b.close();
    await sub.close();
  }
});
