// The French interface speaks French, with French typography: on the demo's
// pages, the import preview of real exports and the dashboard they make,
// none of the interface's own words is English, and `:`, `;`, `?`, `!` and
// `%` follow a no-break space.
//
// What is the data's and not the interface's is left out two ways: elements
// showing a file's values carry `data-from-file` (file and column names,
// preview cells, rep names, a chart's table rows keyed by the data), and a
// word or a mark inside a value of the data — a filter list's values, the
// cells and headers of the imported CSV files — is the data's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { serve, open, ready, kpiValue, DATA, openDemo } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server.close(); });

// English words and phrases no French sentence of the interface contains
// ("date", "type", "source", "segment", "manager", "stage" are French too).
const ENGLISH = [
  'none', 'team', 'sales', 'opportunities', 'integer', 'empty', 'number', 'text', 'amount',
  'customer', 'customers', 'rep', 'reps', 'region', 'revenue', 'pipeline', 'won', 'lost',
  'promoters', 'passives', 'detractors', 'not due', 'days', 'loading', 'error', 'leads',
  'spend', 'invoices', 'feedback', 'products', 'activities', 'carts', 'unknown', 'quantity',
  'unit price', 'order id', 'close date', 'created date', 'hire date', 'due date', 'issue date',
  'first contact', 'win rate', 'deals', 'margin', 'cost', 'weighted', 'median', 'rows', 'file',
  'warnings', 'period', 'last year', 'objective', 'target', 'threshold', 'settings', 'currency',
  'delete', 'cancel', 'confirm', 'show', 'hide', 'data', 'present', 'keys', 'read from', 'matched',
  'unmatched', 'probability', 'campaign', 'channel', 'sector', 'product', 'outcome', 'previous',
].map((w) => ({ w, re: new RegExp(`(?<![\\p{L}\\p{N}_])${w.replace(' ', '[ _]')}(?![\\p{L}\\p{N}_])`, 'giu') }));

// English ways of writing: "1-3 d", "0.8 %", "48.1%".
const ENGLISH_MARKS = [
  { w: 'a day count in d', re: /\d\s?d(?![\p{L}\p{N}'’])/gu },
  { w: 'a decimal point', re: /\d\.\d/g },
];

/** The data's values, indexed by the lower-case words and marks they contain. */
function dataIndex(values) {
  const byToken = new Map();
  for (const v of new Set(values)) {
    const s = String(v).trim().toLowerCase();
    if (!s) continue;
    for (const tok of new Set(s.match(/[\p{L}\p{N}_]+|[:;?!%.]/gu) || [])) {
      if (!byToken.has(tok)) byToken.set(tok, []);
      byToken.get(tok).push(s);
    }
  }
  return byToken;
}

/** Whether the text at `at` (`length` long) lies inside a value of the data. */
function inData(index, text, at, length) {
  const lower = text.toLowerCase();
  // The whole words the hit touches: "0d" of "30d", "d" of "6-15/16d".
  let from = at;
  let to = at + length;
  while (from > 0 && /[\p{L}\p{N}_]/u.test(lower[from - 1])) from--;
  while (to < lower.length && /[\p{L}\p{N}_]/u.test(lower[to])) to++;
  const tokens = lower.slice(from, to).match(/[\p{L}\p{N}_]+|[:;?!%.]/gu) || [];
  for (const tok of tokens) {
    for (const v of index.get(tok) || []) {
      // Every place the value occurs around the hit.
      for (let i = lower.indexOf(v, Math.max(0, to - v.length)); i !== -1 && i <= from; i = lower.indexOf(v, i + 1)) {
        if (i + v.length >= to) return true;
      }
    }
  }
  return false;
}

/** The line of `text` around `at`, for a failure message. */
function around(text, at) {
  const from = Math.max(text.lastIndexOf('\n', at - 1) + 1, at - 60);
  const to = text.indexOf('\n', at);
  return text.slice(from, to === -1 ? at + 40 : Math.min(to, at + 40));
}

/** English words and marks in `text`, except inside the data's values. */
function englishIn(text, index) {
  const found = [];
  for (const { w, re } of [...ENGLISH, ...ENGLISH_MARKS]) {
    for (const m of text.matchAll(re)) {
      if (!inData(index, text, m.index, m[0].length)) found.push(`"${m[0]}" (${w}) in «${around(text, m.index)}»`);
    }
  }
  return found;
}

/** `:`, `;`, `?`, `!`, `%` after a plain space or no space. */
function typographyFaults(text, index) {
  const found = [];
  for (const m of text.matchAll(/[:;?!%]/g)) {
    const i = m.index;
    const before = text[i - 1];
    if (before === '\u202f' || before === '\u00a0') continue;
    if (i === 0 || before === '\n') continue; // a mark opening a line belongs to nothing before it
    if (m[0] === '%' && !/\d ?$/.test(text.slice(Math.max(0, i - 2), i))) continue; // "(% actifs)": no figure before
    if (m[0] === ':' && /\d/.test(before) && /\d/.test(text[i + 1] || '')) continue; // a time, 14:05
    if (inData(index, text, i, 1)) continue;
    found.push(`"${m[0]}" after ${JSON.stringify(before)} in «${around(text, i)}»`);
  }
  return found;
}

/**
 * The interface's own text on the page: text nodes in document order (with
 * the options of every select), and the `title`, `aria-label` and
 * `placeholder` a user reads or hears; `data-from-file` elements and the
 * filters' values left out (a gap stands for them). Also the values of the
 * filter lists, which are the data's.
 */
async function pageText(page) {
  return page.evaluate(() => {
    const fromFile = (el) => el.closest('[data-from-file]');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let text = '';
    let gap = false;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, noscript')) continue;
      if (fromFile(el)) {
        gap = true;
        continue;
      }
      if (gap) text += '\u2063'; // the data's place: neither a space nor a letter
      gap = false;
      const block = getComputedStyle(el).display;
      text += (block === 'block' || el.tagName === 'OPTION' || el.tagName === 'TD' || el.tagName === 'TH' || el.tagName === 'LI' ? '\n' : '') + n.data;
    }
    const attrs = [];
    for (const el of document.body.querySelectorAll('[title], [aria-label], [placeholder]')) {
      if (fromFile(el)) continue;
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) attrs.push(v);
      }
    }
    const data = [...document.querySelectorAll('input[data-testid^="filter-option-"]')].map((o) => o.dataset.value).filter(Boolean);
    const marked = [...document.querySelectorAll('[data-from-file]')].map((e) => e.textContent);
    return { text, attrs, data: [...data, ...marked] };
  });
}

/** What each chart drawn on the page says: series, legend, category axes, gauge figures. */
async function chartWords(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('[_echarts_instance_]')) {
      const chart = window.echarts.getInstanceByDom(el);
      if (!chart) continue;
      const o = chart.getOption();
      const words = [];
      for (const s of o.series || []) {
        if (s.name) words.push(s.name);
        if (s.detail && typeof s.detail.formatter === 'string') words.push(s.detail.formatter);
      }
      for (const axis of [...(o.xAxis || []), ...(o.yAxis || [])]) {
        if (axis.type === 'category') words.push(...(axis.data || []).map(String));
      }
      out.push({ id: el.id || el.parentElement.dataset.testid, words });
    }
    return out;
  });
}

/** Checks the page's interface text; `where` names it in failures. */
async function checkPage(page, where, fileValues = []) {
  const { text, attrs, data } = await pageText(page);
  const index = dataIndex([...data, ...fileValues]);
  const faults = [];
  for (const t of [text, ...attrs]) {
    faults.push(...englishIn(t, index).map((f) => `${where}: English ${f}`));
    faults.push(...typographyFaults(t, index).map((f) => `${where}: typography ${f}`));
  }
  for (const c of await chartWords(page)) {
    for (const w of c.words) {
      faults.push(...englishIn(w, index).map((f) => `${where}, chart ${c.id}: English ${f}`));
      faults.push(...typographyFaults(w, index).map((f) => `${where}, chart ${c.id}: typography ${f}`));
    }
  }
  return [...new Set(faults)];
}

/** Every chart panel of the dashboard mounted, drawn or said empty. */
async function chartsSettled(page) {
  await page.locator('.chart-panel').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => [...document.querySelectorAll('.chart-panel')].every((p) => p.querySelector('canvas, .no-data, table')), null, { timeout: 30_000 });
  await page.waitForTimeout(500);
}

/** Turns every chart into its table view (the rows a chart draws, as text). */
async function showTables(page) {
  const toTable = page.locator('.chart-panel figcaption button[aria-expanded="false"]');
  while (await toTable.count()) await toTable.first().click();
  await page.waitForFunction(() => [...document.querySelectorAll('.chart-panel')].every((p) => !p.querySelector('canvas')), null, { timeout: 30_000 });
}

/** A CSV file's header and cells (quoted cells with commas and quotes read whole). */
async function csvValues(path, encoding = 'utf8') {
  const text = (await readFile(path)).toString(encoding);
  const values = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n' || c === '\r') { if (cell) values.push(cell); cell = ''; } else cell += c;
  }
  if (cell) values.push(cell);
  return values;
}

test('the demo in French: dashboard, charts, reps, objectives and data pages', async () => {
  const b = await openDemo(server.url, { locale: 'fr-FR' });
  try {
    const revenue = await kpiValue(b.page, 'revenue');
    // A team objective behind its target (a gauge, an alert) and a rule on the whole team.
    await b.page.getByTestId('nav-objectives').click();
    await b.page.getByTestId('objective-kpi').selectOption('revenue');
    await b.page.getByTestId('objective-period').fill('2024-01-01..2025-12-31');
    await b.page.getByTestId('objective-target').fill(String(Math.round(revenue / 0.6543)));
    await b.page.getByTestId('add-objective').click();
    await b.page.locator('[data-testid^="gauge-"] canvas').first().waitFor({ timeout: 30_000 });
    await b.page.getByTestId('rule-kpi').selectOption('revenue');
    await b.page.getByTestId('rule-when').selectOption('above');
    await b.page.getByTestId('rule-threshold').fill('1');
    await b.page.getByTestId('add-rule').click();
    await b.page.waitForTimeout(500);
    const faults = await checkPage(b.page, 'objectives');

    await b.page.getByTestId('nav-dashboard').click();
    await b.page.getByTestId('alerts-strip').waitFor();
    await chartsSettled(b.page);
    faults.push(...(await checkPage(b.page, 'dashboard')));
    // The engine's words a chart draws, in French.
    const charts = Object.fromEntries((await chartWords(b.page)).map((c) => [c.id, c.words]));
    if (!charts.nps?.includes('Promoteurs') || !charts.nps.includes('Détracteurs')) faults.push(`nps chart: ${charts.nps}`);
    if (!charts['receivables-aging']?.includes('Non échu')) faults.push(`aging chart: ${charts['receivables-aging']}`);
    await showTables(b.page);
    faults.push(...(await checkPage(b.page, 'dashboard tables')));

    await b.page.getByTestId('nav-reps').click();
    await b.page.getByTestId('rep-table').waitFor();
    faults.push(...(await checkPage(b.page, 'reps')));

    await b.page.getByTestId('nav-data').click();
    await b.page.getByTestId('tables-in-use').waitFor();
    await b.page.waitForTimeout(500);
    faults.push(...(await checkPage(b.page, 'data')));
    assert.deepEqual(faults, [], faults.join('\n'));
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('real exports in French: the import preview, the dashboard and the data page', async () => {
  const superstore = join(DATA, 'superstore', 'Superstore.csv');
  const crm = ['accounts.csv', 'products.csv', 'sales_pipeline.csv', 'sales_teams.csv'].map((f) => join(DATA, 'crm_sales_opportunities', f));
  const b = await open({ locale: 'fr-FR' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    const faults = [];
    // The files stay on the dashboard: their values add up.
    const values = [];
    for (const [name, files, encoding, kpi] of [['Superstore', [superstore], 'latin1', 'revenue'], ['CRM', crm, 'utf8', 'won_revenue']]) {
      for (const f of files) for (const v of await csvValues(f, encoding)) values.push(v);
      await b.page.getByTestId('nav-data').click();
      await b.page.getByTestId('file-input').setInputFiles(files);
      const confirm = b.page.getByTestId('confirm-import');
      await confirm.waitFor({ timeout: 60_000 });
      await b.page.waitForFunction((n) => document.querySelectorAll('[data-testid="mapping-editor"]').length === n, files.length, { timeout: 60_000 });
      await b.page.waitForFunction(() => !document.querySelector('[data-testid="progress"]'), null, { timeout: 60_000 });
      faults.push(...(await checkPage(b.page, `${name} import preview`, values)));
      await confirm.click();
      await confirm.waitFor({ state: 'detached', timeout: 30_000 });
      await b.page.getByTestId('nav-dashboard').click();
      await kpiValue(b.page, kpi);
      await chartsSettled(b.page);
      faults.push(...(await checkPage(b.page, `${name} dashboard`, values)));
      await showTables(b.page);
      faults.push(...(await checkPage(b.page, `${name} dashboard tables`, values)));
      await b.page.getByTestId('nav-data').click();
      await b.page.getByTestId('tables-in-use').waitFor();
      faults.push(...(await checkPage(b.page, `${name} data page`, values)));
    }
    assert.deepEqual(faults, [], faults.join('\n'));
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
