// The engine worker: the same Wasm module as the page, run off the page's
// thread so that reading a million-row file or computing a report never
// freezes the dashboard. Messages: {msg: JSON string, blob?: Blob}.
import init, {
  cadranWorkerHandle, cadranWorkerOpen, cadranWorkerPush, cadranWorkerClose, cadranWorkerFail, cadranWorkerWarmUp,
} from './cadran-web.js';

const early = [];
self.onmessage = (e) => early.push(e.data);

function crashed(err) {
  self.postMessage(JSON.stringify({ crashed: { message: String(err && err.message || err) } }));
  // A Wasm instance that trapped (out of memory) cannot be trusted again.
  self.close();
}

// Whether a file came: its own rows then warm the engine up.
let fileCame = false;
// Requests run one at a time, in order: a file is read over many turns of
// the event loop (the rows of a slice are read while the next one arrives).
let queue = Promise.resolve();

function run(data) {
  if (data.blob) fileCame = true;
  queue = queue.then(() => (data.blob ? load(data.msg, data.blob) : cadranWorkerHandle(data.msg))).catch(crashed);
}

// A file's slices come from reader.js, a worker of its own: its thread
// waits on the browser's file reads while this one reads rows.
// Started with the engine and kept: a new worker per file cost ~50 ms.
let fileReader = null;
function getReader() {
  fileReader ??= new Worker(new URL('./reader.js', import.meta.url));
  return fileReader;
}

async function load(msg, blob) {
  if (!cadranWorkerOpen(msg, blob.size)) return;
  const reader = getReader();
  // A browser read error fails this file; an engine error crashes the worker.
  let readError = null;
  try {
    await new Promise((resolve, reject) => {
      reader.onmessage = (e) => {
        if (e.data.error) {
          readError = e.data.error;
          return resolve();
        }
        if (e.data.done) return resolve();
        try {
          cadranWorkerPush(new Uint8Array(e.data.buf));
        } catch (err) {
          return reject(err);
        }
        reader.postMessage({ ack: true });
      };
      reader.onerror = (e) => {
        readError = e.message || 'reader';
        resolve();
      };
      reader.postMessage({ blob });
    });
  } finally {
    reader.onmessage = null;
    if (readError !== null) {
      reader.terminate();
      fileReader = null;
    }
  }
  if (readError !== null) cadranWorkerFail(readError);
  else cadranWorkerClose();
}

init({ module_or_path: new URL('./cadran-web_bg.wasm', import.meta.url) }).then(() => {
  self.onmessage = (e) => run(e.data);
  getReader();
  self.postMessage(JSON.stringify('ready'));
  early.splice(0).forEach(run);
  // Warm the engine up (off the page's thread) once the first requests are
  // answered — the page's first one, an empty dashboard's, used to skip it,
  // and a million rows' first report then took 220 ms instead of 95 — unless
  // a file came first.
  queue = queue
    .then(() => new Promise((next) => setTimeout(next, 0)))
    .then(() => { if (!fileCame) cadranWorkerWarmUp(); })
    .catch(crashed);
}, crashed);
