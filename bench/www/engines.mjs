// The in-page side of the engine comparison: loads one engine, builds its index from a
// dataset, types the query script one key at a time and times every search.
// Driven by bench/lib/engines.mjs through `window.benchRun(options)`; one page per engine
// and size, so that heaps do not mix.
import { doctorDocs, tokens } from "./shared.mjs";

const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Field weights, the same order as our engine's: names, then specialties/conditions, then departments. */
const WEIGHTS = { name: 3, pinyin: 3, pinyinJoined: 3, pinyinInitials: 3, specialties: 2, conditions: 2, departments: 1 };

function miniSearchEngine(fuzzy) {
  return async () => {
    const { default: MiniSearch } = await import("/bench-node/minisearch/dist/es/index.js");
    return {
      parse: (text) => ({ ds: JSON.parse(text) }),
      prepare: (s) => {
        s.docs = doctorDocs(s.ds);
      },
      index: (s) => {
        const ms = new MiniSearch({
          fields: Object.keys(WEIGHTS),
          idField: "id",
          extractField: (doc, f) => (f === "id" ? doc.id : doc[f].join("\n")),
          // Our tokens: folded words, each Chinese character a token; already folded.
          tokenize: (text) => tokens(text),
          processTerm: (t) => t,
          searchOptions: { prefix: true, fuzzy, combineWith: "AND", boost: WEIGHTS },
        });
        ms.addAll(s.docs);
        s.index = ms;
      },
      unindex: (s) => {
        s.index = null;
      },
      search: (s, q) => s.index.search(q).map((r) => r.id),
    };
  };
}

function oursEngine(dir) {
  return async () => {
    const mod = await import(`${dir}/hospital_bench_wasm.js`);
    const wasm = await mod.default();
    return {
      wasmMemory: () => wasm.memory.buffer.byteLength,
      rustLive: () => mod.heap_live_bytes(),
      rustPeak: () => mod.heap_peak_bytes(),
      resetPeak: () => mod.reset_heap_peak(),
      parse: (text) => ({ engine: mod.Engine.parse(text) }),
      prepare: () => {},
      index: (s) => s.engine.index_doctors(),
      indexNews: (s) => s.engine.index_news(),
      unindex: (s) => s.engine.drop_doctor_index(),
      free: (s) => s.engine.free(),
      search: (s, q) => s.engine.query(q),
    };
  };
}

/**
 * Pagefind 1.6 through its own browser JS and wasm, over an index bench/lib/engines.mjs built
 * beforehand with its Node API (`addCustomRecord`, the same fields as the others, url =
 * `/d/<index>`). Nothing to parse or index in the page: `init` fetches its wasm and metadata.
 * A search fetches the index chunks of its terms (cached after); the ids of the top results
 * need each one's fragment (`data()`), fetched only for the quality figures, outside the timing.
 */
function pagefindEngine() {
  return async (options) => {
    const base = options.pagefindBase;
    const pf = await import(`${base}pagefind.js`);
    return {
      noText: true,
      parse: () => ({}),
      prepare: () => {},
      index: () => {},
      init: async () => {
        await pf.options({ basePath: base });
        await pf.init();
      },
      unindex: () => {},
      search: async (s, q) => (await pf.search(q))?.results ?? [],
      topIds: async (results, n) => (await Promise.all(results.slice(0, n).map((r) => r.data()))).map((d) => Number(d.url.replace(/^.*\/d\//, "").replace(/\/$/, ""))),
    };
  };
}

const ENGINES = {
  pagefind: pagefindEngine(),
  // As the app ships it: opt-level "z", wasm-opt -Oz.
  ours: oursEngine("/bench-pkg"),
  // An experiment: the same code at opt-level 3 and wasm-opt -O3.
  "ours-o3": oursEngine("/bench-pkg/o3"),
  // `fuzzy: true` is MiniSearch's own default fuzziness (0.2 of the word length).
  minisearch: miniSearchEngine(true),
  // The same typo tolerance as ours: one edit, for words of five letters or more.
  "minisearch-1typo": miniSearchEngine((term) => ([...term].length >= 5 ? 1 : 0)),
  fuse: async () => {
    const { default: Fuse } = await import("/bench-node/fuse.js/dist/fuse.mjs");
    return {
      parse: (text) => ({ ds: JSON.parse(text) }),
      prepare: (s) => {
        s.docs = doctorDocs(s.ds);
      },
      index: (s) => {
        s.index = new Fuse(s.docs, {
          keys: Object.entries(WEIGHTS).map(([name, weight]) => ({ name, weight })),
          // Every query word must match somewhere in the doctor (AND), as with the others.
          useTokenSearch: true,
          tokenMatch: "all",
          tokenize: (text) => tokens(text),
          ignoreDiacritics: true,
          ignoreLocation: true,
          threshold: 0.3,
          shouldSort: true,
        });
      },
      unindex: (s) => {
        s.index = null;
      },
      search: (s, q) => s.index.search(q).map((r) => r.refIndex),
    };
  },
};

/**
 * Bytes the engine fetched so far (Resource Timing, the body as sent; the test server does
 * not compress): its code, wasm and data, not the benchmark page's own modules.
 */
function fetchedBytes() {
  return performance
    .getEntriesByType("resource")
    .filter((e) => !new URL(e.name).pathname.startsWith("/bench/"))
    .reduce((sum, e) => sum + (e.encodedBodySize || e.transferSize || 0), 0);
}

async function jsHeap() {
  if (typeof gc === "function") {
    gc();
    gc();
  }
  await sleep(0);
  return performance.memory ? performance.memory.usedJSHeapSize : null;
}

async function uaMemory() {
  if (!self.crossOriginIsolated || !performance.measureUserAgentSpecificMemory) return null;
  try {
    const r = await Promise.race([performance.measureUserAgentSpecificMemory(), sleep(60000).then(() => null)]);
    return r ? r.bytes : null;
  } catch {
    return null;
  }
}

/**
 * options: { engine, dataUrl, steps: [{text, query, last}], builds, budgetMs, maxPasses, uaMemory }
 */
window.benchRun = async (options) => {
  const { engine: name, dataUrl, steps, builds = 3, budgetMs = 60000, maxPasses = 5 } = options;
  performance.setResourceTimingBufferSize(100000);
  const E = await ENGINES[name](options);
  const text = E.noText ? "" : await (await fetch(dataUrl)).text();
  const out = { engine: name, crossOriginIsolated: self.crossOriginIsolated, builds: [], memory: {} };

  // Builds, each from the JSON text. The first is measured (heap before and after, with
  // nothing else alive) and kept for the queries; the others only add timings.
  let state = null;
  for (let b = 0; b < builds; b++) {
    const first = b === 0;
    const m = out.memory;
    if (first) {
      m.jsBefore = await jsHeap();
      if (options.uaMemory) m.uaBefore = await uaMemory();
      if (E.rustLive) {
        m.rustBefore = E.rustLive();
        m.wasmMemoryBefore = E.wasmMemory();
        E.resetPeak();
      }
    }
    const t0 = now();
    let s = E.parse(text);
    const t1 = now();
    E.prepare(s);
    const t2 = now();
    if (first) {
      m.jsAfterParse = await jsHeap();
      if (E.rustLive) m.rustAfterParse = E.rustLive();
    }
    const t3 = now();
    E.index(s);
    if (E.init) await E.init();
    const t4 = now();
    const timing = { parse: t1 - t0, prepare: t2 - t1, index: t4 - t3 };
    if (first) {
      m.jsAfterIndex = await jsHeap();
      if (options.uaMemory) m.uaAfter = await uaMemory();
      if (E.rustLive) {
        m.rustAfterIndex = E.rustLive();
        m.rustPeak = E.rustPeak();
        m.wasmMemory = E.wasmMemory();
      }
    }
    if (E.indexNews) {
      const t5 = now();
      E.indexNews(s);
      timing.newsIndex = now() - t5;
      if (first) m.rustAfterNews = E.rustLive();
    }
    out.builds.push(timing);
    if (first) {
      state = s;
    } else {
      if (E.free) E.free(s);
      s = null;
    }
  }
  if (E.wasmMemory) out.memory.wasmMemoryEnd = E.wasmMemory();

  // Queries: the whole script per pass. The first pass warms up and is thrown away, unless
  // it alone took more than half the budget (then it is the only, recorded, pass). When
  // searches are so slow that one pass would not fit the budget, the pass times every
  // `stride`-th keystroke (and every query's last keystroke, for the quality figures).
  const passes = [];
  let recorded = 0;
  let stride = 1;
  const started = now();
  const finalTop = {};
  const finalCount = {};
  for (let p = 0; ; p++) {
    const times = [];
    const passStart = now();
    for (let i = 0; i < steps.length; i++) {
      if (i % stride !== 0 && !steps[i].last) continue;
      const t0 = now();
      let ids = E.search(state, steps[i].text);
      if (typeof ids.then === "function") ids = await ids;
      const t = now() - t0;
      times.push([i, t]);
      if (p === 0 && i === 0) out.bytesToFirstResults = fetchedBytes();
      if (steps[i].last && p === 0) {
        finalTop[steps[i].query] = E.topIds ? await E.topIds(ids, 20) : Array.from(ids.slice(0, 20));
        finalCount[steps[i].query] = ids.length;
      }
      const spent = now() - passStart;
      if (p === 0 && stride === 1 && spent > budgetMs / 4 && i < steps.length - 1) {
        const perStep = spent / (i + 1);
        stride = Math.max(1, Math.ceil((perStep * (steps.length - i - 1)) / (budgetMs * 0.75)));
        if (stride > 1) out.stride = stride;
      }
    }
    const passMs = now() - passStart;
    if (p === 0 && passMs > budgetMs / 2) {
      passes.push(times);
      recorded = 1;
      out.warmup = false;
      break;
    }
    if (p > 0) {
      passes.push(times);
      recorded++;
    } else {
      out.warmup = true;
    }
    if (recorded >= maxPasses || (recorded >= 1 && now() - started > budgetMs)) break;
  }
  out.bytesAll = fetchedBytes();
  out.passes = passes;
  out.finalTop = finalTop;
  out.finalCount = finalCount;
  out.datasetChars = text.length;
  return out;
};
window.benchReady = true;
