// bench/results.md from bench/results.json: the tables, the targets, and how each figure
// was measured. bench/notes.md (written by hand: profiles, explanations) is appended.
import fs from "node:fs";
import path from "node:path";
import { benchDir } from "./common.mjs";
import { ENGINE_LABELS } from "./engines.mjs";
import { PEER_LABELS } from "./relevance.mjs";
import { QUERIES } from "../www/shared.mjs";

const ms = (x) => {
  if (x == null || !Number.isFinite(x)) return "–";
  if (x < 0.1) return x.toFixed(3);
  if (x < 10) return x.toFixed(2);
  if (x < 100) return x.toFixed(1);
  return Math.round(x).toLocaleString("en-US");
};
const kB = (b) => (b == null || !Number.isFinite(b) ? "–" : (b / 1000).toLocaleString("en-US", { maximumFractionDigits: b < 10000 ? 1 : 0 }));
const MB = (b) => (b == null || !Number.isFinite(b) ? "–" : (b / 1e6).toLocaleString("en-US", { maximumFractionDigits: b < 1e7 ? 2 : 1 }));
const pct = (x) => (x == null ? "–" : `${(x * 100).toFixed(1)} %`);
const n = (x) => (x == null ? "–" : x.toLocaleString("en-US"));
const table = (head, rows) => [`| ${head.join(" | ")} |`, `|${head.map((h, i) => (i === 0 ? "---" : "---:")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
const yes = (ok) => (ok == null ? "n/a" : ok ? "**met**" : "**not met**");

function engineRows(results, size) {
  return results
    .filter((r) => r.size === size)
    .map((r) => {
      if (r.failed) return [ENGINE_LABELS[r.engine], `failed: ${r.failed}`, "", "", "", "", "", "", "", "", "", ""];
      const mem = r.memory;
      const idx = r.engine.startsWith("ours") ? `${MB(mem.indexBytes)} (wasm memory ${MB(mem.wasmMemory)})` : MB(mem.indexBytes);
      const q = r.query;
      const sampled = `${n(q.samples)} (${q.passes} pass${q.passes > 1 ? "es" : ""}${q.warmup ? " after a warm-up" : ", no warm-up"}${q.stride > 1 ? `, 1 key in ${q.stride}` : ""})`;
      return [
        ENGINE_LABELS[r.engine],
        ms(r.build.parseMs + r.build.prepareMs),
        ms(r.build.indexMs),
        ms(q.p50),
        ms(q.p95),
        ms(q.max),
        MB(mem.datasetBytes),
        idx,
        pct(r.quality?.recall),
        pct(r.quality?.precision),
        `${pct(r.qualityPerChar?.recall)} / ${pct(r.qualityPerChar?.precision)}`,
        sampled,
      ];
    });
}

function find(results, engine, size) {
  return (results || []).find((r) => r.engine === engine && r.size === size && !r.failed);
}

function targets(res) {
  const out = [];
  const size = res.sizes.includes(10000) ? 10000 : res.sizes[0];
  const ours = find(res.engines, "ours", size);
  const mini = find(res.engines, "minisearch", size);
  const mini1 = find(res.engines, "minisearch-1typo", size);
  const fuse = find(res.engines, "fuse", size);
  if (ours && mini) {
    const ratio = ours.query.p95 / mini.query.p95;
    out.push([
      `Query p95 at ${n(size)} doctors at most half of MiniSearch's, recall at least as high`,
      `ours ${ms(ours.query.p95)} ms vs MiniSearch ${ms(mini.query.p95)} ms (×${ratio.toFixed(3)}; vs the 1-typo configuration ${mini1 ? ms(mini1.query.p95) : "–"} ms); recall@20 ours ${pct(ours.quality.recall)} vs ${pct(mini.quality.recall)}${mini1 ? ` / ${pct(mini1.quality.recall)}` : ""} (with the per-character oracle: ${pct(ours.qualityPerChar?.recall)} vs ${pct(mini.qualityPerChar?.recall)}${mini1 ? ` / ${pct(mini1.qualityPerChar?.recall)}` : ""})`,
      `speed ${yes(ratio <= 0.5)}, recall ${yes(ours.quality.recall >= mini.quality.recall - 1e-9 && (!mini1 || ours.quality.recall >= mini1.quality.recall - 1e-9))}`,
    ]);
  }
  if (ours && fuse) {
    const ratio = ours.query.p95 / fuse.query.p95;
    out.push([`Query p95 at ${n(size)} doctors far below Fuse.js (taken as ≤ 1/10)`, `ours ${ms(ours.query.p95)} ms vs Fuse.js ${ms(fuse.query.p95)} ms (×${ratio.toFixed(4)})`, yes(ratio <= 0.1)]);
  }
  const typed = (res.app || []).filter((a) => a.typing);
  if (typed.length) {
    const floor = res.typingFloor ? ` Floor of this measurement (a page that writes one text node per key): p95 ${ms(res.typingFloor.p95)} ms.` : "";
    out.push([
      "Keystroke → results painted p95 ≤ 16.7 ms",
      `${typed.map((a) => `${a.label}: p95 ${ms(a.typing.p95)} (p50 ${ms(a.typing.p50)}, main-thread work p95 ${ms(a.typing.workP95)})`).join("; ")}.${floor}`,
      typed.map((a) => `${a.label} ${yes(a.typing.p95 <= 16.7)}`).join(", "),
    ]);
  }
  const b = res.bytes?.app;
  if (b) {
    const code = b.wasm.gzip + b.js.gzip + b.css.gzip;
    out.push(["The app's own code (wasm + JS + CSS) ≤ 250 kB gzip", `${kB(code)} kB gzip (wasm ${kB(b.wasm.gzip)}, JS ${kB(b.js.gzip)}, CSS ${kB(b.css.gzip)}); brotli ${kB(b.wasm.brotli + b.js.brotli + b.css.brotli)} kB`, yes(code <= 250000)]);
  }
  const sample = (res.app || []).find((a) => a.label === "sample");
  if (sample) {
    out.push(["Feed visible ≤ 500 ms after navigation, sample data", `first news card painted p50 ${ms(sample.home.paintedP50)} ms, p95 ${ms(sample.home.paintedP95)} ms (${sample.home.runs} cold loads; LCP p50 ${ms(sample.home.lcpP50)} ms)`, `${yes(sample.home.paintedP50 <= 500)} at the median, ${yes(sample.home.paintedP95 <= 500)} at p95`]);
  }
  return out;
}

export function writeReport(res, file) {
  const L = [];
  const env = res.environment;
  L.push("# Benchmark results");
  L.push("");
  L.push(
    `Generated by \`make bench\` (scripts/bench.sh → bench/run.mjs) on ${env.date.slice(0, 16).replace("T", " ")} UTC, built from commit ${env.commit}${env.dirty ? " plus uncommitted changes (src/, crates/ or data)" : ""}${env.builtAt ? ` at ${env.builtAt.slice(11, 16)}` : ""}; ${env.chromium}, Node ${env.node}, ${env.cpus}, ${env.memoryGB} GB. Load average ${env.loadavgStart.map((x) => x.toFixed(1)).join(" / ")} at the start and ${env.loadavgEnd.map((x) => x.toFixed(1)).join(" / ")} at the end: the machine has 2 cores and was shared with other builds, so treat single figures as ±20 %. Raw data: [results.json](results.json). Milliseconds unless stated; kB = 1,000 bytes, MB = 10⁶ bytes.`,
  );
  const kept = Object.entries(res.partRuns || {}).filter(([, r]) => r && r.date !== env.date);
  if (kept.length) {
    L.push("");
    L.push(`Parts kept from earlier runs: ${kept.map(([p, r]) => `${p} (${r.date.slice(0, 16).replace("T", " ")} UTC, commit ${r.commit})`).join("; ")}.`);
  }
  const older = (res.engines || []).filter((r) => !r.measuredAt);
  if (older.length && (res.engines || []).some((r) => r.measuredAt)) {
    L.push("");
    L.push(`Engine rows from an earlier run of the engine part (run with \`--engines\` / \`BENCH_ENGINES\` on a subset): ${[...new Set(older.map((r) => `${ENGINE_LABELS[r.engine]} at ${n(r.size)}`))].join(", ")}.`);
  }
  L.push("");
  L.push("## Targets");
  L.push("");
  L.push(table(["target", "measured", "verdict"], targets(res)));
  L.push("");

  if (res.engines) {
    L.push("## 1. Doctor search engines in one Chromium page");
    L.push("");
    L.push(
      `Same page, same dataset file, same ${QUERIES.length} queries typed one key at a time (${res.engines.find((r) => r.query)?.query.samples / (res.engines.find((r) => r.query)?.query.passes || 1)} searches per pass). Build = parse the JSON (ours: \`validate::load\`, the app's own loader; JS: \`JSON.parse\` plus extracting the documents) and build the doctor index. Memory: dataset and index as held after the build (ours: bytes live on the Rust heap, counted by the module's allocator; JS: \`performance.memory.usedJSHeapSize\` deltas after \`gc()\`). Recall and precision: top 20 against the oracle (see below), averaged over the queries; the main oracle takes a run of Chinese characters as written (as our engine does), the second one character by character (as the tokens given to MiniSearch and Fuse.js do).`,
    );
    for (const size of res.sizes) {
      L.push("");
      L.push(`### ${n(size)} doctors, 5,000 articles`);
      L.push("");
      L.push(table(["engine", "parse", "index build", "query p50", "query p95", "query max", "dataset MB", "index MB", "recall@20", "precision@20", "recall / precision, Chinese per character", "searches timed"], engineRows(res.engines, size)));
    }
    peerRatios(res, L);
    const size = res.sizes.includes(10000) ? 10000 : res.sizes[0];
    const engines = ["ours", "ours-o3", "minisearch", "minisearch-1typo", "fuse", "pagefind"].map((e) => find(res.engines, e, size)).filter(Boolean);
    if (engines.length) {
      L.push("");
      L.push(`### Query p95 by kind of query, ${n(size)} doctors`);
      L.push("");
      const kinds = [...new Set(QUERIES.map((q) => q.kind))];
      L.push(table(["kind", ...engines.map((e) => ENGINE_LABELS[e.engine])], kinds.map((k) => [k, ...engines.map((e) => ms(e.query.byKind[k]?.p95))])));
      L.push("");
      L.push(`### Quality per query, ${n(size)} doctors (recall@20 / precision@20; found = all results)`);
      L.push("");
      L.push(
        table(
          ["query", "kind", "oracle (per character)", ...engines.map((e) => ENGINE_LABELS[e.engine])],
          QUERIES.map((q, i) => [
            `\`${q.typed}\`${q.intent ? ` (meant \`${q.intent}\`)` : ""}`,
            q.kind,
            engines[0].qualityPerChar && engines[0].qualityPerChar.perQuery[i].expected !== engines[0].quality.perQuery[i].expected
              ? `${n(engines[0].quality.perQuery[i].expected)} (${n(engines[0].qualityPerChar.perQuery[i].expected)})`
              : n(engines[0].quality.perQuery[i].expected),
            ...engines.map((e) => {
              const p = e.quality.perQuery[i];
              return `${pct(p.recall)} / ${pct(p.precision)} (found ${n(p.found)})`;
            }),
          ]),
        ),
      );
    }
  }

  if (res.app) {
    L.push("");
    L.push("## 2. The app end to end (release build, tests/e2e/server.mjs, headless Chromium 1280×900, no throttling)");
    L.push("");
    const b = res.bytes;
    L.push("### Bytes");
    L.push("");
    L.push(
      table(
        ["file", "raw kB", "gzip -9 kB", "brotli -q 11 kB"],
        [
          ...Object.entries(b.app).map(([k, s]) => [k, kB(s.raw), kB(s.gzip), kB(s.brotli)]),
          ["**app code (wasm + JS + CSS)**", kB(b.app.wasm.raw + b.app.js.raw + b.app.css.raw), kB(b.app.wasm.gzip + b.app.js.gzip + b.app.css.gzip), kB(b.app.wasm.brotli + b.app.js.brotli + b.app.css.brotli)],
          ...Object.entries(b.data).map(([k, s]) => [`dataset: ${k}`, kB(s.raw), kB(s.gzip), `${kB(s.brotli)}${s.brotliQuality && s.brotliQuality !== 11 ? ` (quality ${s.brotliQuality})` : ""}`]),
          ["bench module (hospital-bench-wasm: validate, search, news index)", kB(b.benchWasm.raw), kB(b.benchWasm.gzip), kB(b.benchWasm.brotli)],
          ...(b.benchWasmO3 ? [["the same at opt-level 3 / wasm-opt -O3", kB(b.benchWasmO3.raw), kB(b.benchWasmO3.gzip), kB(b.benchWasmO3.brotli)]] : []),
        ],
      ),
    );
    const home = res.app.find((a) => a.label === "sample")?.home.bytes;
    if (home) {
      L.push("");
      L.push("What the home page transferred with the sample data (the test server does not compress; gzip and brotli as a host that does would send):");
      L.push("");
      L.push(table(["kind", "files", "raw kB", "gzip kB", "brotli kB"], Object.entries(home).map(([k, v]) => [k, v.files.length, kB(v.raw), kB(v.gzip), kB(v.brotli)])));
    }
    L.push("");
    L.push("### Loading and typing");
    L.push("");
    L.push(
      table(
        ["dataset", "cold loads", "feed painted p50 / p95", "doctor list painted p50 / p95", "FCP p50", "LCP p50 (home)", "dataset fetched", "fetched → first card", "longest task p50 / max (home)", "longest task p50 (finder)", "keystroke → painted p50 / p95 / max", "main-thread work p50 / p95", "typed keys whose input event took ≥ 16 ms (Event Timing)"],
        res.app.map((a) => [
          a.label,
          a.home.runs,
          `${ms(a.home.paintedP50)} / ${ms(a.home.paintedP95)}`,
          `${ms(a.finder.paintedP50)} / ${ms(a.finder.paintedP95)}`,
          ms(a.home.fcpP50),
          ms(a.home.lcpP50),
          ms(a.home.dataFetchedP50),
          ms(a.home.afterDataP50),
          `${ms(a.home.longestTaskP50)} / ${ms(a.home.longestTaskMax)}`,
          ms(a.finder.longestTaskP50),
          a.typing ? `${ms(a.typing.p50)} / ${ms(a.typing.p95)} / ${ms(a.typing.max)}` : "–",
          a.typing ? `${ms(a.typing.workP50)} / ${ms(a.typing.workP95)}` : "–",
          a.typing ? `${a.typing.eventTiming.inputOver16} of ${a.typing.keystrokes}` : "–",
        ]),
      ),
    );
    if (res.typingFloor) {
      const f = res.typingFloor;
      L.push("");
      L.push(
        `Floor of the keystroke measurement (bench/www/calibrate.html: same probe and typing, an input handler that only writes one text node): p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, max ${ms(f.max)} ms; work p50 ${ms(f.workP50)} ms. Most of a keystroke's latency here is waiting for the next frame (60 Hz) and painting it, not the app's own work.`,
      );
    }
    const errs = res.app.flatMap((a) => [...a.home.errors, ...a.finder.errors].map((e) => `${a.label}: ${e}`));
    if (errs.length) {
      L.push("");
      L.push(`Page errors seen: ${errs.slice(0, 5).join("; ")}`);
    }
    const wasm = [...(res.enginesSample || []), ...(res.engines || []).filter((r) => r.engine === "ours" && !r.failed)];
    if (wasm.length) {
      L.push("");
      L.push("### Dataset parse and index in wasm (the app's code: `validate::load`, `DoctorIndex::build`, `NewsIndex::build`; medians of repeated builds in the bench module)");
      L.push("");
      L.push(
        table(
          ["dataset", "JSON chars", "parse + validate", "doctor index", "news index", "total", "Rust heap after (dataset + both indexes)", "peak Rust heap during the build", "wasm memory after"],
          wasm.map((r) => [
            r.size === "sample" ? "sample" : `${n(r.size)} doctors`,
            n(r.datasetChars ?? null),
            ms(r.build.parseMs),
            ms(r.build.indexMs),
            ms(r.build.newsIndexMs),
            ms(r.build.parseMs + r.build.indexMs + (r.build.newsIndexMs || 0)),
            MB(r.memory.rustAfterNews),
            MB(r.memory.rustPeak),
            MB(r.memory.wasmMemory),
          ]),
        ),
      );
    }
  }

  if (res.lighthouse) {
    for (const [label, rows] of Object.entries(res.lighthouse)) {
      L.push("");
      L.push(
        label === "plain"
          ? "## 3. Lighthouse 12.2.3, mobile (default emulation and simulated throttling), as tests/e2e/server.mjs serves it (uncompressed)"
          : "### Lighthouse behind a gzip proxy (as GitHub Pages would serve it: compressed)",
      );
      L.push("");
      L.push(
        table(
          ["page", "URL", "performance", "accessibility", "best practices", "SEO", "LCP", "TBT", "CLS", "runs"],
          rows.map((r) => [r.page, `\`${r.url}\``, r.scores.performance, r.scores.accessibility, r.scores["best-practices"], r.scores.seo, ms(r.lcpMs), ms(r.tbtMs), r.cls == null ? "–" : r.cls.toFixed(3), r.runs]),
        ),
      );
      const failed = [...new Set(rows.flatMap((r) => r.failed))];
      if (failed.length) L.push("", `Failed audits: ${failed.map((f) => `\`${f}\``).join(", ")}.`);
    }
  }

  if (res.relevance) relevanceSection(res.relevance, L);

  L.push("");
  L.push(METHOD);
  const notes = path.join(benchDir, "notes.md");
  if (fs.existsSync(notes)) {
    L.push("");
    L.push(fs.readFileSync(notes, "utf8").trim());
  }
  fs.writeFileSync(file, L.join("\n") + "\n");
}

const METHOD = `## How each figure is measured

- **Datasets**: \`hospital-data generate --doctors N --articles 5000 --seed 1 --split-bodies\` into \`bench/data/N/\`
  (article bodies in separate files, as a large deployment would serve them; the covers' images copied beside).
  The first 1,000 doctors are the same at every size, so the query script's names exist everywhere.
- **Engines** (bench/www/engines.mjs, one fresh browser per engine and size): the page fetches the dataset text, then
  builds 5 times (3 at 100,000) from the text; the first build is the one measured for memory and kept for the queries.
  *Ours* is \`crates/hospital-bench-wasm\`: \`hospital-core\` compiled exactly as the app compiles it (release profile,
  opt-level "z", wasm-opt -Oz), exporting \`Engine.parse\` (\`validate::load\`), \`index_doctors\` (\`DoctorIndex::build\`),
  \`query\` (\`DoctorIndex::search\`, relevance order, which also computes every facet count as the app needs, and
  returns all hits as a \`Uint32Array\`). *MiniSearch* and *Fuse.js* index one document per doctor with the fields
  names (every language), pinyin syllables, pinyin joined, pinyin initials (ü also as v), specialties, conditions and
  department names (every language); weights 3 for names and pinyin, 2 for specialties and conditions, 1 for departments.
  Tokens for both: our folding (NFKD, marks dropped, lower case) and every Chinese character a token of its own.
  MiniSearch: \`prefix: true\`, \`combineWith: "AND"\`, \`fuzzy: true\` (its default, 0.2 × word length) and, as a second
  row, \`fuzzy: 1\` for words of five letters or more (our tolerance). Fuse.js: \`useTokenSearch: true\`,
  \`tokenMatch: "all"\` (every word must match somewhere: AND, like the others), \`ignoreLocation: true\`,
  \`ignoreDiacritics: true\`, \`threshold: 0.3\` (its default 0.6 lets a two-letter word match nearly everything).
  Our engine searches more than the peers (biography, education, department keywords, a symptom synonym table).
- **Query latency**: \`performance.now()\` around each search call, for every keystroke of the script; the page is
  made cross-origin isolated (COOP/COEP added by Playwright to the benchmark page only), so the clock has 5 µs
  resolution instead of 100 µs. One warm-up pass is discarded, then up to 5 passes or 60 s. When a single pass
  would not fit the budget (Fuse.js at large sizes), the pass times every k-th keystroke plus every query's last key.
  p50/p95 are over all timed searches (linear interpolation between ranks).
- **Memory**: Chromium started with \`--enable-precise-memory-info --js-flags=--expose-gc\`; JS engines: the
  difference of \`performance.memory.usedJSHeapSize\` after \`gc()\` before the parse, after the parse and document
  extraction ("dataset") and after the index build ("index"); the JSON text itself is held throughout and not counted.
  Ours: a counting global allocator in the bench module gives the exact bytes live on the Rust heap (dataset, then
  index), and \`WebAssembly.Memory.buffer.byteLength\` shows what the browser committed (it never shrinks, so it reflects
  the peak of the parse). \`performance.measureUserAgentSpecificMemory()\` works in the isolated page and agreed with
  the JS heap deltas, but it does not count wasm linear memory, so it is not used for ours.
- **Oracle** (bench/www/shared.mjs, \`Oracle\`): a doctor is *expected* for a query when every word of the query
  (of what the user meant, for the typo queries) matches the doctor's names, pinyin (syllables, joined, initials,
  ü as u and v), specialties, conditions or department names, in every language: a Latin word must be a prefix of one
  of those folded words; a run of Chinese characters must occur as written in one of those texts (main oracle: \`王娜\`
  finds 王娜, not 王梓娜; \`心内科\` the department 心内科), or, in the per-character oracle, each of its characters
  must occur somewhere in them (how per-character tokens see it). No typo tolerance, no synonyms, no biography.
  **recall@20** = |top 20 ∩ expected| / min(20, |expected|); **precision@20** = |top 20 ∩ expected| / |top 20|; both
  averaged over the queries where they are defined (a query the oracle answers with nobody has no recall).
- **App loads** (bench/lib/app.mjs): a new browser context per load (empty cache), \`page.goto\` then polling; an init
  script (bench/www/probe.js) records with a MutationObserver when the first \`.news-card\` (home) or \`.doctor-card\`
  (\`/doctors/\`) enters the DOM, and "painted" = the end of the next frame (requestAnimationFrame, then a message
  posted from it, which runs after that frame's paint), in ms since navigation start. FCP and LCP are Chromium's own
  (they are presentation times, a little later than the end of the frame). Long tasks: PerformanceObserver
  \`longtask\` until 0.5 s after the card was painted. For the generated sizes a copy of the release build has
  \`data-src="/bench-data/N/hospital.json"\` on \`#app\` in every page; "fetched → first card" is the first card's DOM
  time minus the dataset's Resource Timing \`responseEnd\`: parse, both indexes and the first render in the app.
- **Keystrokes** (bench/lib/app.mjs + probe.js): on \`/doctors/\`, every query of the script is typed into \`#doctor-q\`
  with \`page.keyboard.type\`, one key at a time (Chinese characters inserted as an input method commits them), the
  box cleared between queries (not counted). Latency = from the key's \`keydown\` event time to the end of the first
  frame painted after the last DOM change the key caused inside the finder (six frames are watched). "Main-thread
  work" = from the key to that last DOM change (or the end of the input handlers when nothing changed). Chromium's
  Event Timing API reports only events of 16 ms or more: the count of such \`input\` events is shown as a cross-check.
- **Bytes**: the files each page actually requested, sized with Node's zlib (gzip level 9, brotli quality 11).
- **Lighthouse**: \`bench/node_modules/.bin/lighthouse <url> --only-categories=performance,accessibility,best-practices,seo\`
  with \`CHROME_PATH=/usr/bin/chromium\` and the brief's Chrome flags; mobile form factor and simulated throttling
  (Lighthouse's defaults); medians of the runs. The test server sends every file uncompressed, which Lighthouse's
  simulated slow 4G charges in full; the second table puts a gzip proxy (bench/lib/lighthouse.mjs) in front of it.`;

const CLASS_ORDER = ["department", "condition", "symptom", "name", "pinyin", "initials", "typo", "title", "campus", "traditional", "english", "all"];
const ENGINE_ORDER = ["ours", "minisearch", "minisearch-or", "fuse", "pagefind"];

/** Section 4: the graded relevance test, ours and the peers per class (bench/lib/relevance.mjs). */
function relevanceSection(rel, L) {
  const engines = ENGINE_ORDER.filter((e) => rel.summary[e]);
  const f3 = (x) => (x == null ? "–" : x.toFixed(3));
  L.push("");
  L.push("## 4. Relevance: ours and the peers on the graded judgments (`BENCH_PARTS=relevance make bench`)");
  L.push("");
  const env = rel.environment;
  L.push(
    `Run ${rel.date.slice(0, 16).replace("T", " ")} UTC${env ? ` (commit ${env.commit}; ${env.chromium}, Node ${env.node}, ${env.cpus})` : ""}. ${rel.queries} queries of data/relevance/judgments.json over both of its datasets (data/relevance/hospital.json, "written", 157 doctors; \`hospital-data generate --doctors 1000 --articles 0 --seed 1\`, "generated"), graded 0-3. nDCG@10 (gain 2^g − 1, log2 discount, ideal = every judged doctor), P@10 (share of the first ten graded ≥ 1; 0 if nothing is found), MRR (first result graded ≥ 2): the formulas of crates/hospital-core/examples/relevance.rs, in bench/lib/metrics.mjs for the peers. Ours = that example's own per-query figures (the app's engine, natively). Every peer indexes the same fields as ours (names en/zh, pinyin syllables/joined/initials, rank titles, specialties, conditions, departments' names and keywords, campus and hospital names; no biographies); how each is configured is under the table. Each cell: nDCG@10 / P@10 / MRR.`,
  );
  L.push("");
  const classes = CLASS_ORDER.filter((c) => rel.summary[engines[0]].all[c]);
  const cell = (s) => (s ? `${f3(s.ndcg10)} / ${f3(s.p10)} / ${f3(s.mrr)}` : "–");
  L.push(
    table(
      ["class", "queries", ...engines.map((e) => PEER_LABELS[e])],
      classes.map((c) => [c === "all" ? "**all**" : c, rel.summary[engines[0]].all[c].n, ...engines.map((e) => cell(rel.summary[e].all[c]))]),
    ),
  );
  L.push("");
  L.push("nDCG@10 per dataset:");
  L.push("");
  L.push(
    table(
      ["class", ...engines.flatMap((e) => [`${PEER_LABELS[e]} written`, "generated"])],
      classes.map((c) => [c, ...engines.flatMap((e) => [f3(rel.summary[e].written[c]?.ndcg10), f3(rel.summary[e].generated[c]?.ndcg10)])]),
    ),
  );
  L.push("");
  L.push(RELEVANCE_METHOD);
}

const RELEVANCE_METHOD = `How each peer was configured (bench/www/relevance.mjs, bench/lib/relevance.mjs), each in its best fair configuration:
- **Chinese text.** MiniSearch and Fuse.js have no Chinese tokenizer of their own (MiniSearch splits on spaces and
  punctuation, so a Chinese phrase would be one token): both get ours' folding (case, accents, tone marks, full width)
  and a tokenizer that indexes each Chinese character and each pair of adjacent characters (bigrams); a query's
  Chinese run is searched as its pairs (a single character as itself), so its characters must be adjacent in pairs.
  No segmentation dictionary. None of the peers folds Traditional to Simplified: what they find for a Traditional
  query comes from the characters both scripts share (\`神經外科\` matches on 外科). Pagefind segments Chinese itself
  (its indexer and its wasm word-splitting for \`zh\`; the index is built with \`forceLanguage: "zh"\`) and has no
  typo tolerance, hence its typo row.
- **MiniSearch 7.2**: fields with boosts name / pinyin ×3, specialties / conditions ×2, departments ×1.5, department
  keywords / rank titles / campuses ×1; \`prefix: true\`, \`fuzzy: 0.2\`; \`combineWith: "AND"\` (as in the engine
  comparison above) and, as a second row, MiniSearch's default \`"OR"\`, which ranks partial matches instead of none.
- **Fuse.js 7.5**: the same fields as weighted keys (the same weights), \`threshold: 0.3\`, \`ignoreLocation\`,
  \`ignoreDiacritics\`, token search with every query token required (\`useTokenSearch\`, \`tokenMatch: "all"\`),
  the same tokenizer; sorted by Fuse's score.
- **Pagefind 1.6** (npm \`pagefind\`, bench/package.json): \`createIndex({ forceLanguage: "zh" })\`, one
  \`addCustomRecord\` per doctor with \`content\` = the same fields as lines of text (folded), \`meta.title\` = the names,
  \`filters\` department / campus / rank (not used by a free-text query); \`writeFiles\` into bench/out/pagefind/<set>/,
  then searched in headless Chromium through its own \`pagefind.js\` and wasm (\`pagefind.search(q)\`, each result's
  \`data()\` for its URL). Custom records carry no per-field weights: Pagefind ranks by its own BM25-like score.
- Ranked lists of the peers are cut at 100 results; ours is scored on its whole list (MRR beyond rank 100 is < 0.01).`;

/** Issue 15's comparison: bytes to the first results, latency and recall@20 of each peer as ratios to ours. */
function peerRatios(res, L) {
  const sizes = [...new Set(res.engines.filter((r) => r.engine === "pagefind").map((r) => r.size))];
  if (!sizes.length) return;
  L.push("");
  L.push("### Pagefind beside MiniSearch and Fuse.js: bytes, latency and recall@20 as ratios to ours");
  L.push("");
  L.push(
    "Bytes = what the engine fetched (Resource Timing, bodies as sent, uncompressed: the test server does not compress) from loading it to the first keystroke's results: ours, MiniSearch and Fuse.js their code and the whole dataset JSON; Pagefind its JS, wasm, entry and metadata files and the index chunk(s) of the first query. \"Whole script\" adds what every keystroke of the script fetched (Pagefind's chunks; the others fetch nothing more). Pagefind's index is built beforehand with its Node API (time in the last column, not part of the page); its latency is `pagefind.search(q)` to the result list, warm chunk cache after the first pass, without the fragments (`data()`) a page would load to show results. Ratios are peer / ours: above 1 means more bytes or slower. Rows of different runs are marked by their date.",
  );
  for (const size of sizes) {
    const ours = find(res.engines, "ours", size);
    if (!ours) continue;
    const rows = ["ours", "minisearch", "minisearch-1typo", "fuse", "pagefind"]
      .map((e) => find(res.engines, e, size))
      .filter(Boolean)
      .map((r) => {
        const ratio = (a, b) => (a == null || b == null || !b ? "–" : `×${(a / b).toFixed(a / b < 10 ? 2 : 0)}`);
        return [
          ENGINE_LABELS[r.engine],
          kB(r.bytesToFirstResults),
          ratio(r.bytesToFirstResults, ours.bytesToFirstResults),
          kB(r.bytesAll),
          ms(r.query.p50),
          ratio(r.query.p50, ours.query.p50),
          ms(r.query.p95),
          ratio(r.query.p95, ours.query.p95),
          pct(r.quality?.recall),
          r.quality?.recall != null && ours.quality?.recall ? (r.quality.recall / ours.quality.recall).toFixed(3) : "–",
          r.measuredAt ? r.measuredAt.slice(0, 16).replace("T", " ") : "–",
          r.pagefindBuildMs != null ? `${(r.pagefindBuildMs / 1000).toFixed(1)} s` : "–",
        ];
      });
    L.push("");
    L.push(`#### ${n(size)} doctors`);
    L.push("");
    L.push(table(["engine", "kB to first results", "× ours", "kB, whole script", "query p50", "× ours", "query p95", "× ours", "recall@20", "× ours", "run (UTC)", "index built (Node)"], rows));
  }
}
