// Where the time goes between "report ready in the worker" and "dashboard
// drawn", on one file (default: the realistic export at 1M lines, made by
// bench-dashboard.mjs): a Chromium trace of the page and its workers, with
// JS/Wasm samples, summarised by thread, task kind and code (ECharts, the
// app's Wasm, its JS glue, the browser's own work). Not a test.
// Usage (after trunk build --release and bench-dashboard.mjs --realistic):
//   node tests/e2e/profile-dashboard.mjs [FILE] [--trace OUT.json]
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, open, recordReplies, timeToDashboard, ROOT, DIST } from './harness.mjs';

const args = process.argv.slice(2);
const traceAt = args.indexOf('--trace');
const traceOut = traceAt >= 0 ? args[traceAt + 1] : null;
const file = args.find((a, i) => !a.startsWith('--') && i !== traceAt + 1)
  || join(ROOT, 'target', 'bench-dashboard', 'realistic-1000000', 'realistic-1000000.csv');

const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel',
  'blink.user_timing', 'disabled-by-default-v8.cpu_profiler', 'v8', 'disabled-by-default-devtools.timeline.frame',
];

const server = await serve(DIST, '/');
const b = await open();
try {
  // The engine's replies as they reach the page: when the report came, and its size.
  await recordReplies(b.page);
  await timeToDashboard(b.page, server.url);
  const cdp = await b.context.newCDPSession(b.page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  // The trace's clock against the page's: a mark at a known performance.now().
  const anchor = await b.page.evaluate(() => performance.mark('cadran-anchor').startTime);
  await b.page.getByTestId('file-input').setInputFiles([file]);
  const tEnd = await b.page.evaluate(() => window.__done);
  // Everything drawn: the rest of the charts too.
  await b.page.waitForTimeout(1500);
  const m = await b.page.evaluate(() => ({ t0: window.__t0, tRead: window.__tRead, replies: window.__replies, origin: performance.timeOrigin }));
  await cdp.send('Tracing.end');
  await complete;
  if (traceOut) await writeFile(traceOut, JSON.stringify({ traceEvents: events }));
  summarise(events, m, tEnd, anchor);
} finally {
  await b.close();
  await server.close();
}

function summarise(events, m, tEnd, anchor) {
  const reply = m.replies.filter((r) => r.kind === 'computed').pop();
  console.log(`file input → read: ${(m.tRead - m.t0).toFixed(0)} ms; → report on the page: ${(reply.t - m.t0).toFixed(0)} ms (${(reply.chars / 1e3).toFixed(0)} k chars of JSON); → revenue card and chart: ${(tEnd - m.t0).toFixed(0)} ms`);
  // Trace clocks are in µs of a monotonic clock; the page's performance.now()
  // is anchored by a mark made at a known time.
  const threads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const mark = events.find((e) => e.name === 'cadran-anchor');
  const toPage = (ts) => (ts - mark.ts) / 1e3 + anchor;
  // From the confirmation on: the worker's first report, then the page's work.
  const window0 = m.tRead;
  const inWindow = (e, from, to) => e.ph === 'X' && toPage(e.ts) >= from && toPage(e.ts) < to;
  const tops = (key, from, to) => events.filter((e) => `${e.pid}:${e.tid}` === key && inWindow(e, from, to) && e.name === 'ThreadControllerImpl::RunTask');
  for (const [key, name] of threads) {
    if (!/DedicatedWorker|CrRendererMain/.test(name)) continue;
    const tasks = tops(key, window0, tEnd);
    const busy = tasks.reduce((s, e) => s + e.dur / 1e3, 0);
    if (busy < 5) continue;
    console.log(`\n${name}: from confirm (${window0.toFixed(0)}) to drawn (${tEnd.toFixed(0)}), report on the page at ${reply.t.toFixed(0)}: ${busy.toFixed(0)} ms busy in ${tasks.length} tasks`);
    const big = tasks.filter((e) => e.dur > 2000);
    for (const e of big) {
      const inner = events.filter((x) => `${x.pid}:${x.tid}` === key && x.ph === 'X' && x.ts >= e.ts && x.ts + (x.dur || 0) <= e.ts + e.dur && x !== e);
      const kinds = new Map();
      for (const x of inner) {
        if (['FunctionCall', 'EventDispatch', 'TimerFire', 'v8.callFunction', 'HandlePostMessage', 'MessagePort::postMessage', 'ParseAuthorStyleSheet', 'V8.GC_MC_BACKGROUND_MARKING', 'ScheduleStyleRecalculation', 'UpdateLayerTree', 'Layout', 'UpdateLayoutTree', 'Paint', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'ParseHTML', 'RunMicrotasks', 'PrePaint', 'Layerize', 'v8.compile', 'V8.GCFinalizeMC', 'FireAnimationFrame', 'HitTest', 'IntersectionObserverController::computeIntersections'].includes(x.name)) {
          kinds.set(x.name, (kinds.get(x.name) || 0) + x.dur / 1e3);
        }
      }
      const what = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
      console.log(`  at ${toPage(e.ts).toFixed(0)} ms: ${(e.dur / 1e3).toFixed(0)} ms — ${what}`);
    }
  }
  // Samples: which code ran on each thread between the reply and the end.
  const profiles = new Map();
  for (const e of events) {
    if (e.name === 'Profile') profiles.set(e.id, { key: `${e.pid}:${e.tid}`, start: e.args.data.startTime, nodes: new Map(), samples: [], deltas: [] });
    if (e.name === 'ProfileChunk') {
      const p = profiles.get(e.id);
      if (!p) continue;
      const d = e.args.data;
      for (const n of d.cpuProfile?.nodes || []) p.nodes.set(n.id, n);
      p.samples.push(...(d.cpuProfile?.samples || []));
      p.deltas.push(...(d.timeDeltas || []));
    }
  }
  for (const p of profiles.values()) {
    const name = threads.get(p.key) || p.key;
    const byCode = new Map();
    const byFn = new Map();
    let t = p.start;
    for (let i = 0; i < p.samples.length; i++) {
      t += p.deltas[i] || 0;
      const at = toPage(t);
      if (at < reply.t - 400 || at > tEnd + 1500) continue;
      const n = p.nodes.get(p.samples[i]);
      const f = n?.callFrame || {};
      const url = f.url || '';
      const code = url.endsWith('.wasm') || f.functionName?.startsWith('$') || /wasm-function/.test(f.functionName || '') ? 'app Wasm'
        : /echarts/.test(url) ? 'ECharts' : /cadran-web\.js/.test(url) ? 'app JS glue' : url ? url.split('/').pop() : (f.functionName || '?');
      const phase = at < reply.t ? 'before reply' : at <= tEnd ? 'reply → drawn' : 'after';
      const k = `${phase} | ${code}`;
      byCode.set(k, (byCode.get(k) || 0) + (p.deltas[i] || 0) / 1e3);
      const fk = `${phase} | ${code} | ${f.functionName || '?'}`;
      byFn.set(fk, (byFn.get(fk) || 0) + (p.deltas[i] || 0) / 1e3);
    }
    const rows = [...byCode].filter(([k]) => !k.endsWith('(idle)')).sort((a, b) => b[1] - a[1]);
    if (!rows.length || rows.reduce((s, r) => s + r[1], 0) < 10) continue;
    console.log(`\nsamples on ${name}, ms:`);
    for (const [k, v] of rows.slice(0, 14)) if (v >= 1) console.log(`  ${k}: ${v.toFixed(0)}`);
    console.log('  top functions:');
    for (const [k, v] of [...byFn].filter(([k]) => !k.includes('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${k}: ${v.toFixed(0)}`);
  }
}
