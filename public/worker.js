// The engine worker: the same Wasm module as the page, run off the page's
// thread so that reading a million-row file or computing a report never
// freezes the dashboard. Messages: {msg: JSON string, blob?: Blob}.
import init, {
  cadranWorkerHandle, cadranWorkerOpen, cadranWorkerPush, cadranWorkerClose, cadranWorkerFail, cadranWorkerRefuse,
  cadranWorkerWarmUp, cadranWorkerLaterSetup, cadranWorkerLaterRead, cadranWorkerJoin, cadranWorkerForgetAhead,
} from './cadran-web.js';

// The module compiled here and kept: later.js instantiates it too, sharing
// its compiled (and, once warm, optimised) code.
const wasmModule = fetch(new URL('./cadran-web_bg.wasm', import.meta.url)).then(async (r) => {
  try {
    return await WebAssembly.compileStreaming(r.clone());
  } catch {
    // Served without the Wasm content type.
    return WebAssembly.compile(await r.arrayBuffer());
  }
});

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

// Requests received so far: a preparation ahead of a confirmation
// (`prepare`) that another request follows is skipped, as the page sends a
// new one after any change of the pending tables.
let received = 0;

function run(data) {
  if (data.blob) fileCame = true;
  const number = ++received;
  const superseded = () => number !== received && data.msg.startsWith('{"prepare"');
  queue = queue.then(() => {
    if (data.blob) return load(data.msg, data.blob);
    if (!superseded()) cadranWorkerHandle(data.msg);
  }).then(() => {
    // A spare later part's worker, once no request has come for a while.
    setTimeout(() => { if (number === received) startSpareLater(); }, IDLE_MS);
  }).catch(crashed);
}

// How long the engine waits idle before starting the next big file's later
// part's worker: its start is then off the way of the file's tables'
// preparation and first report.
const IDLE_MS = 2000;

// A file's slices come from reader.js, a worker of its own: its thread
// waits on the browser's file reads while this one reads rows.
// Started with the engine and kept: a new worker per file cost ~50 ms.
let fileReader = null;
function getReader() {
  fileReader ??= new Worker(new URL('./reader.js', import.meta.url));
  return fileReader;
}

// Workbooks and Parquet files, known by their first bytes: xlsx/xlsb/ods
// (ZIP), xls (OLE compound file), Parquet.
const CONVERTED = [[0x50, 0x4B, 0x03, 0x04], [0xD0, 0xCF, 0x11, 0xE0], [0x50, 0x41, 0x52, 0x31]];

async function isConverted(blob) {
  try {
    const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
    return CONVERTED.some((magic) => magic.every((b, i) => head[i] === b));
  } catch {
    return false; // the browser cannot read it: the slices' reads say why
  }
}

// The formats module (crates/formats-web: calamine and parquet, turning a
// file into canonical CSV) is imported the first time such a file arrives,
// never before: a first visit does not download it. The service worker
// caches it once used.
let formats = null;
function getFormats() {
  formats ??= import('./cadran-formats.js').then(async (m) => {
    await m.default({ module_or_path: new URL('./cadran-formats_bg.wasm', import.meta.url) });
    return m;
  }).catch((err) => {
    formats = null; // offline before it was ever cached: try again next time
    throw err;
  });
  return formats;
}

// The last workbook converted: its sheets are then loaded one by one.
let lastBook = null;

async function loadConverted(msg, blob) {
  const load = JSON.parse(msg).load;
  let tables;
  try {
    const m = await getFormats();
    const key = `${load.name}|${blob.size}`;
    if (load.sheet != null && lastBook && lastBook.key === key) {
      tables = lastBook.tables.filter((t) => t.sheet === load.sheet);
    }
    if (!tables || tables.length === 0) {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      tables = m.cadranFormatsConvert(bytes, load.sheet ?? undefined);
      lastBook = load.sheet == null ? { key, tables } : null;
    }
  } catch (err) {
    // A refusal is the engine's Error as {kind, detail}; anything else, the
    // module's absence.
    cadranWorkerRefuse(msg, (err && err.kind) || '', (err && err.detail) || '');
    return;
  }
  // A workbook: the page loads each sheet as a table of its own.
  if (load.sheet == null && tables.length > 0 && tables[0].sheet != null) {
    const sheets = tables.map((t) => t.sheet);
    self.postMessage(JSON.stringify({ sheets: { id: load.id, name: load.name, sheets } }));
    return;
  }
  const csv = tables[0].csv;
  if (!cadranWorkerOpen(msg, csv.length)) return;
  cadranWorkerPush(csv);
  cadranWorkerClose();
}

// A file from this size on is read in two parts at once, as natively on two
// threads: this worker reads the rows up to a line end past the middle while
// later.js, a worker of its own, reads those after it; its rows are then
// joined to these. The later part comes here instead when it cannot be read
// apart (a quote in the file, UTF-16, an older browser).
const SPLIT_FROM = 8 << 20;
// Only with a core to spare for it.
const PARTS_FROM_CORES = 2;
const inParts = (navigator.hardwareConcurrency || 1) >= PARTS_FROM_CORES;
// The share of the file read here: the later part's rows also have to be
// written, sent over and joined, and its reading starts once this one has
// the header (0.55 and 0.65 were slower on the realistic export at 1M
// lines, 2 cores).
const FIRST_SHARE = 0.6;

async function load(msg, blob) {
  // Tables prepared ahead would hold memory the file may need.
  cadranWorkerForgetAhead();
  // Both reads of the browser at once: each waits on it.
  const splitAt = inParts && blob.size >= SPLIT_FROM ? lineEndAfter(blob, Math.floor(blob.size * FIRST_SHARE)) : blob.size;
  if (await isConverted(blob)) return loadConverted(msg, blob);
  if (!cadranWorkerOpen(msg, blob.size)) return;
  const split = await splitAt;
  // Taken now (or started, with no spare), so that it is ready once the
  // file's start says how to read rows.
  const later = split < blob.size ? laterReader() : null;
  let asked = false;
  let readError = await readSlices(blob, 0, split, () => {
    if (later && !asked) {
      asked = true;
      later.read(blob, split, cadranWorkerLaterSetup());
    }
  });
  if (readError === null && split < blob.size) {
    const part = await later.done;
    if (!(part && cadranWorkerJoin(new Uint8Array(part)))) {
      cadranWorkerLaterRead(0, 0);
      readError = await readSlices(blob, split, blob.size);
    }
  }
  if (later) later.stop();
  if (readError !== null) cadranWorkerFail(readError);
  else cadranWorkerClose();
}

/**
 * The offset after the first line end from `at` on: the file's size if none
 * is near, or if the browser cannot read there (the slices' reads then say why).
 */
async function lineEndAfter(blob, at) {
  try {
    const bytes = new Uint8Array(await blob.slice(at, at + (1 << 20)).arrayBuffer());
    const i = bytes.indexOf(10);
    return i < 0 ? blob.size : at + i + 1;
  } catch {
    return blob.size;
  }
}

/**
 * Pushes the bytes of blob[from..to] into the open file, slice by slice as
 * reader.js copies them (`pushed` after each); the browser's read error, or null.
 */
async function readSlices(blob, from, to, pushed = () => {}) {
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
          pushed();
        } catch (err) {
          return reject(err);
        }
        reader.postMessage({ ack: true });
      };
      reader.onerror = (e) => {
        readError = e.message || 'reader';
        resolve();
      };
      reader.postMessage({ blob, from, to });
    });
  } finally {
    reader.onmessage = null;
    if (readError !== null) {
      reader.terminate();
      fileReader = null;
    }
  }
  return readError;
}

/**
 * later.js in a worker of its own, instantiating this module; `failed` once
 * it cannot (then `fail()`, when set, is called).
 */
function laterWorker() {
  const w = { worker: new Worker(new URL('./later.js', import.meta.url), { type: 'module' }), failed: false, fail: null };
  const failed = (e) => {
    // Not passed on to the page, which would restart the engine.
    if (e && e.preventDefault) e.preventDefault();
    w.failed = true;
    if (w.fail) w.fail();
    // A spare that fails is dropped: the next big file starts its own.
    if (spareLater === w) {
      spareLater = null;
      w.worker.terminate();
    }
  };
  w.worker.onerror = failed;
  wasmModule.then((module) => w.worker.postMessage({ module }), failed);
  return w;
}

// The later part's worker for the next big file, started ahead: after the
// start-up warm-up, then once the engine has been idle for IDLE_MS after a
// request (none on one core). Started with the file, its start delayed the
// later part's first rows by ~70 ms. Each one reads one file and ends with
// it, its memory with it.
let spareLater = null;
function startSpareLater() {
  if (!inParts || spareLater) return;
  try {
    spareLater = laterWorker();
  } catch {
    spareLater = null; // no worker: big files are read in one part
  }
}

/**
 * A later.js worker (the spare one when there is one). `read(blob, from,
 * setup)` has it read the rows of blob[from..] (`setup`: how, from the open
 * file's start; nothing to read without one); `done`: their bytes for
 * cadranWorkerJoin, or null when the part could not be read apart.
 */
function laterReader() {
  let w = null;
  let resolve;
  const done = new Promise((ok) => { resolve = ok; });
  const end = (part) => {
    resolve(part);
    if (w) {
      // A progress message already queued must not reach the next file.
      w.worker.onmessage = null;
      w.fail = null;
      w.worker.terminate();
    }
  };
  try {
    w = spareLater ?? laterWorker();
    spareLater = null;
    w.worker.onmessage = (e) => {
      if (e.data.read) cadranWorkerLaterRead(e.data.read, e.data.rows);
      else end(e.data.part ?? null);
    };
    w.fail = () => end(null);
    if (w.failed) end(null);
  } catch {
    end(null);
  }
  return {
    done,
    read: (blob, from, setup) => (setup && w && !w.failed ? w.worker.postMessage({ blob, from, setup }) : end(null)),
    stop: () => end(null),
  };
}

init({ module_or_path: wasmModule }).then(() => {
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
    .then(() => {
      // A file that came first is being read: its spare waits for the idle timer.
      if (fileCame) return;
      cadranWorkerWarmUp();
      startSpareLater();
    })
    .catch(crashed);
}, crashed);
