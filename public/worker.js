// The engine worker: the same Wasm module as the page, run off the page's
// thread so that reading a million-row file or computing a report never
// freezes the dashboard. Messages: {msg: JSON string, blob?: Blob}.
import init, { cadranWorkerHandle, cadranWorkerWarmUp } from './cadran-web.js';

const early = [];
self.onmessage = (e) => early.push(e.data);

function crashed(err) {
  self.postMessage(JSON.stringify({ op: 'crashed', message: String(err && err.message || err) }));
  // A Wasm instance that trapped (out of memory) cannot be trusted again.
  self.close();
}

let handled = false;

function run(data) {
  handled = true;
  try {
    cadranWorkerHandle(data.msg, data.blob ?? undefined);
  } catch (err) {
    crashed(err);
  }
}

init({ module_or_path: new URL('./cadran-web_bg.wasm', import.meta.url) }).then(() => {
  self.onmessage = (e) => run(e.data);
  self.postMessage(JSON.stringify({ op: 'ready' }));
  early.splice(0).forEach(run);
  // Idle: warm the engine up (off the page's thread), unless work came first.
  setTimeout(() => {
    if (handled) return;
    try {
      cadranWorkerWarmUp();
    } catch (err) {
      crashed(err);
    }
  }, 0);
}, crashed);
