// Browser test harness: serves dist/ on 127.0.0.1, drives Debian's Chromium
// through playwright-core, and makes every test fail on a console error, an
// uncaught exception, or a request to any origin other than the page's own.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm, mkdir, writeFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = process.env.CADRAN_DIST || join(ROOT, 'dist');
/** Where the benchmarks keep the files they generate (not committed). */
export const BENCH_DATA = join(ROOT, 'target', 'bench-dashboard');

/**
 * The directory of the benchmarks' files of `lines` lines, written by the
 * demo_files example when missing: the demo company's (`realistic` false)
 * or the realistic export, `realistic-LINES.csv`.
 */
export function benchFiles(lines, realistic) {
  const dir = join(BENCH_DATA, `${realistic ? 'realistic' : 'data'}-${lines}`);
  const [file, flag] = realistic ? [`realistic-${lines}.csv`, ['--realistic']] : ['demo-ventes.csv', []];
  if (!existsSync(join(dir, file))) {
    execFileSync('cargo', ['run', '-q', '--release', '--example', 'demo_files', '--', ...flag, dir, String(lines)], { cwd: ROOT });
  }
  return dir;
}
/** The public exports the tests read (tests/data/PROVENANCE.md). */
export const DATA = resolve(ROOT, 'tests', 'data');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

/**
 * Serves `dir` under `prefix` (e.g. '/tools/cadran/') on an ephemeral port of
 * 127.0.0.1; `mounts` serves other folders beside it ({'/bench/': dir}).
 */
// Runs `body(page)` on the app opened with `?bench` (the in-page benchmark
// hooks), on 127.0.0.1, and checks that nothing left the origin.
export async function withBenchPage(body, mounts = {}) {
  const server = await serve(DIST, '/', mounts);
  const b = await open();
  try {
    await b.page.goto(server.url + '?bench');
    await ready(b.page);
    await body(b.page);
    b.assertClean(server.origin);
  } finally {
    await b.close();
    await server.close();
  }
}

// A benchmark's figures, written to bench-results/<file> (not committed).
export async function writeResults(file, data) {
  await mkdir(join(ROOT, 'bench-results'), { recursive: true });
  await writeFile(join(ROOT, 'bench-results', file), JSON.stringify(data, null, 2) + '\n');
  console.log(`written to bench-results/${file}`);
}

export async function serve(dir = DIST, prefix = '/', mounts = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    for (const [p, d] of Object.entries(mounts)) {
      if (url.pathname.startsWith(p)) {
        try {
          const file = normalize(join(d, decodeURIComponent(url.pathname.slice(p.length))));
          if (!file.startsWith(normalize(d))) throw new Error('outside');
          const body = await readFile(file);
          res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
          res.end(body);
        } catch {
          res.writeHead(404).end('not found');
        }
        return;
      }
    }
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let path = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir))) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }) };
}

const ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Opens a fresh browser profile. `profile` reuses a user-data dir (to test
 * persistence across browser restarts); `locale` sets navigator.language.
 */
export async function open({ profile, locale = 'fr-FR' } = {}) {
  const dir = profile || (await mkdtemp(join(tmpdir(), 'cadran-e2e-')));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    locale,
    viewport: { width: 1280, height: 900 },
  });
  const problems = [];
  const requests = [];
  const watch = (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] || (await context.newPage());
  return {
    context,
    page,
    dir,
    requests,
    problems,
    /** Throws unless no problem was seen and every request stayed on `origin`. */
    assertClean(origin) {
      const away = requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
      if (away.length) throw new Error(`requests left the origin ${origin}:\n${away.join('\n')}`);
      if (problems.length) throw new Error(problems.join('\n'));
    },
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!profile && !keepProfile) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for the app to have mounted (the language switch is always there). */
export async function ready(page) {
  await page.getByTestId('lang-select').waitFor({ timeout: 30_000 });
}

/**
 * Records the engine worker's replies as they reach the page (progress
 * left out) in `window.__replies`: `{t, kind, chars}`, `kind` the reply's
 * tag (`loaded`, `computed`, `filter_options`…). Before the page loads.
 */
export async function recordReplies(page) {
  await page.addInitScript(() => {
    const W = window.Worker;
    window.__replies = [];
    window.Worker = class extends W {
      constructor(...a) {
        super(...a);
        this.addEventListener('message', (e) => {
          if (typeof e.data === 'string' && !e.data.startsWith('{"progress')) {
            window.__replies.push({ t: performance.now(), kind: e.data.slice(2, e.data.indexOf('"', 2)), chars: e.data.length });
          }
        });
      }
    };
  });
}

/**
 * Opens the app at `url` and, once it has settled, times inside the page a
 * file's way to the dashboard as the benchmarks take it: `window.__t0` at
 * the file input's change event, `__tRead` when the import step can be
 * confirmed (it is, at once), `__tCard` when the revenue card first shows,
 * and `window.__done` resolves when the card is at `revenue` (within 0.5;
 * any positive value when null) with its chart drawn.
 */
export async function timeToDashboard(page, url, revenue = null) {
  await page.goto(url);
  await ready(page);
  // Let the app settle, as it would before a user picks a file: the engine
  // worker warms up, then the page rehearses its views with the worker's
  // warm-up report (src/ui/rehearsal.rs), some 1.5 s after the page loads.
  await page.waitForFunction(() => window.cadranRehearsed === true, null, { timeout: 10_000 }).catch(() => {
    console.warn('the page never said its start-up work was over (window.cadranRehearsed): file picked anyway');
  });
  await page.waitForTimeout(300);
  await page.evaluate((expected) => {
    document.addEventListener('change', (e) => {
      if (e.target.matches('[data-testid="file-input"]')) window.__t0 = performance.now();
    }, true);
    window.__done = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        const confirm = document.querySelector('[data-testid="confirm-import"]');
        // Every file read (several files: the button shows with the first).
        if (confirm && !confirm.disabled && !window.__tRead && !document.querySelector('[data-testid="progress"]')) {
          window.__tRead = performance.now();
          confirm.click();
        }
        const card = document.querySelector('[data-testid="kpi-revenue"][data-value]');
        if (card && !window.__tCard) window.__tCard = performance.now();
        const canvas = document.querySelector('[data-testid="chart-revenue-by-month"] canvas');
        const value = card && Number(card.getAttribute('data-value'));
        if (card && canvas && (expected === null ? value > 0 : Math.abs(value - expected) < 0.5)) {
          obs.disconnect();
          resolve(performance.now());
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  }, revenue);
}

/**
 * A browser (as `open` makes it) on the app at `url`, mounted, with the demo
 * company's button clicked: how most tests start. The caller closes it.
 */
export async function openDemo(url, options = {}) {
  const b = await open(options);
  try {
    await b.page.goto(url);
    await ready(b.page);
    await b.page.getByTestId('load-demo').click();
    return b;
  } catch (e) {
    await b.close();
    throw e;
  }
}

/**
 * A browser (as `open` makes it) on the app at `url`, mounted, with `paths`
 * imported through the import step: how the tests on real exports start.
 * The caller closes it.
 */
export async function openWithFiles(url, paths, options = {}) {
  const b = await open(options);
  try {
    await b.page.goto(url);
    await ready(b.page);
    await importFiles(b.page, paths);
    return b;
  } catch (e) {
    await b.close();
    throw e;
  }
}

/** The raw number a KPI card carries. */
export async function kpiValue(page, id) {
  const el = page.getByTestId(`kpi-${id}`);
  await el.waitFor({ timeout: 30_000 });
  return Number(await el.getAttribute('data-value'));
}

/** Picks files in the import step and confirms their mapping as proposed. */
export async function importFiles(page, paths) {
  await page.getByTestId('file-input').setInputFiles(paths);
  const confirm = page.getByTestId('confirm-import');
  await confirm.waitFor({ timeout: 30_000 });
  await confirm.click();
  await confirm.waitFor({ state: 'detached', timeout: 30_000 });
}

/** The engine's report for the same files, from the `cadran` command line. */
export async function cliReport(args) {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { stdout } = await promisify(execFile)('cargo', ['run', '-q', '--locked', '--bin', 'cadran', '--', 'kpis', ...args], {
    cwd: ROOT,
    maxBuffer: 64 << 20,
  });
  return JSON.parse(stdout);
}

/** Waits until a KPI's raw value satisfies `ok` (the report is recomputed after a change). */
export async function waitForKpi(page, id, ok, timeout = 30_000) {
  const el = page.getByTestId(`kpi-${id}`);
  const start = Date.now();
  let last;
  while (Date.now() - start < timeout) {
    last = await el.getAttribute('data-value').catch(() => null);
    if (last !== null && ok(Number(last))) return Number(last);
    await page.waitForTimeout(100);
  }
  throw new Error(`kpi-${id} stayed at ${last}`);
}
