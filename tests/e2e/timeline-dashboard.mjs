// When each step of one file's way to the dashboard happens, untraced (the
// tracing of profile-dashboard.mjs slows everything about 2×): from the file
// input's change event, the import step ready (the confirmation is clicked
// at once), each reply of the engine worker as it reaches the page (loaded,
// computed, filter_options), the revenue card at its value, the revenue
// chart drawn. Not a test. Several builds compare with CADRAN_DIST, run in
// turn. Usage (after trunk build --release and bench-dashboard.mjs --realistic):
//   node tests/e2e/timeline-dashboard.mjs [FILE] [RUNS]
import { join } from 'node:path';
import { serve, open, recordReplies, timeToDashboard, ROOT, DIST } from './harness.mjs';

const file = process.argv[2] || join(ROOT, 'target', 'bench-dashboard', 'realistic-1000000', 'realistic-1000000.csv');
const runs = Number(process.argv[3] || 3);
const server = await serve(DIST, '/');
try {
  for (let run = 0; run < runs; run++) {
    const b = await open();
    try {
      await recordReplies(b.page);
      await timeToDashboard(b.page, server.url);
      await b.page.getByTestId('file-input').setInputFiles([file]);
      const tEnd = await b.page.evaluate(() => window.__done);
      const m = await b.page.evaluate(() => ({ t0: window.__t0, tRead: window.__tRead, tCard: window.__tCard, replies: window.__replies }));
      const at = (t) => Math.round(t - m.t0);
      const replies = m.replies.filter((r) => r.t >= m.t0).map((r) => `${r.kind} ${at(r.t)} (${(r.chars / 1e3).toFixed(0)} k)`);
      console.log(`run ${run}: import step ${at(m.tRead)} ms · ${replies.join(' · ')} · card ${at(m.tCard)} · drawn ${at(tEnd)}`);
    } finally {
      await b.close();
    }
  }
} finally {
  await server.close();
}
