// The engine worker: the same Wasm module as the page, run off the page's
// thread so that reading a million-row file or computing a report never
// freezes the dashboard. Messages: {msg: JSON string, blob?: Blob}.
import init, {
  cadranWorkerHandle, cadranWorkerOpen, cadranWorkerPush, cadranWorkerClose, cadranWorkerFail, cadranWorkerRefuse,
  cadranWorkerWarmUp,
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

// Workbooks and Parquet files, known by their first bytes: xlsx/xlsb/ods
// (ZIP), xls (OLE compound file), Parquet.
const CONVERTED = [[0x50, 0x4B, 0x03, 0x04], [0xD0, 0xCF, 0x11, 0xE0], [0x50, 0x41, 0x52, 0x31]];

async function isConverted(blob) {
  const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  return CONVERTED.some((magic) => magic.every((b, i) => head[i] === b));
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

async function load(msg, blob) {
  if (await isConverted(blob)) return loadConverted(msg, blob);
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
