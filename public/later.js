// Reads the later part of a big file for the engine worker (worker.js),
// while that one reads the first part: the rows after a line end near the
// middle, in this same Wasm module instantiated here from the module the
// engine worker compiled ({module}, sent first). Its rows go back as one
// buffer (transferred), or {none} when the part cannot be read apart (a
// quote: a row may then span lines). Started ahead of a big file (worker.js
// keeps one spare), used for one file and ended with it.
import init, { cadranLaterOpen, cadranLaterPush, cadranLaterRows, cadranLaterFinish } from './cadran-web.js';

// Slices read by the browser, one ahead of the one whose rows are read: a
// first one of 4 MB, so that rows are read soon, then 16 MB. On the
// realistic export at 1M lines (44 MB read here), 8 MB slices took the
// drawn chart ~25 ms longer (medians of 16 runs of each in turn): each
// read costs this thread the browser's copying in many small chunks.
const FIRST = 4 << 20;
const SLICE = 16 << 20;
// The longest the engine worker's progress bar waits for news, in ms.
const PROGRESS_MS = 250;

// First the module, then the part to read.
let ready = null;
self.onmessage = async (e) => {
  if (e.data.module) {
    ready = init({ module_or_path: e.data.module });
    return;
  }
  const { blob, from, setup } = e.data;
  try {
    await ready;
    if (!cadranLaterOpen(setup, from, blob.size - from)) return self.postMessage({ none: true });
    const sliceAt = (at) => blob.slice(at, Math.min(at + (at === from ? FIRST : SLICE), blob.size)).arrayBuffer();
    let next = sliceAt(from);
    let posted = performance.now();
    for (let at = from; at < blob.size;) {
      const buf = await next;
      at += buf.byteLength;
      if (at < blob.size) next = sliceAt(at);
      if (!cadranLaterPush(new Uint8Array(buf))) return self.postMessage({ none: true });
      if (performance.now() - posted >= PROGRESS_MS) {
        posted = performance.now();
        self.postMessage({ read: at - from, rows: cadranLaterRows() });
      }
    }
    const part = cadranLaterFinish();
    if (!part) return self.postMessage({ none: true });
    self.postMessage({ part: part.buffer }, [part.buffer]);
  } catch {
    self.postMessage({ none: true });
  }
};
