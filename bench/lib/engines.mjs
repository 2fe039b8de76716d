// Part 1 and 2 of the benchmark: our engine (wasm) against MiniSearch and Fuse.js in one
// Chromium page each, on the same documents and the same typed queries; quality against
// the exact oracle of bench/www/shared.mjs.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { benchDir, dataDir, outDir, launch, log, median, p95, max } from "./common.mjs";
import { QUERIES, keystrokes, doctorDocs, DOC_FIELDS, fold, Oracle } from "../www/shared.mjs";

export const ENGINE_LABELS = {
  ours: "ours (Rust → wasm)",
  "ours-o3": "ours at opt-level 3 (experiment)",
  minisearch: "MiniSearch 7.2 (fuzzy 0.2)",
  "minisearch-1typo": "MiniSearch 7.2 (1 typo ≥5 letters)",
  fuse: "Fuse.js 7.5 (threshold 0.3)",
  pagefind: "Pagefind 1.6 (prebuilt index)",
};

/**
 * Pagefind's index of one size's doctors (the documents the other peers get), built with its
 * Node API into bench/out/pagefind/engines-<size>/; returns the URL the page loads it from.
 */
async function buildPagefindIndex(size) {
  const ds = JSON.parse(fs.readFileSync(path.join(dataDir, String(size), "hospital.json"), "utf8"));
  const docs = doctorDocs(ds);
  const pagefind = await import(pathToFileURL(path.join(benchDir, "node_modules/pagefind/lib/index.js")).href);
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "zh" });
  if (!index) throw new Error(`pagefind createIndex: ${errors.join("; ")}`);
  for (const d of docs) {
    const content = DOC_FIELDS.map((f) => d[f].map(fold).join(" ")).filter(Boolean).join("\n");
    const r = await index.addCustomRecord({ url: `/d/${d.id}`, content, language: "zh", meta: { title: d.name.join(" / ") } });
    if (r.errors?.length) throw new Error(`pagefind addCustomRecord ${d.id}: ${r.errors.join("; ")}`);
  }
  const dir = path.join(outDir, "pagefind", `engines-${size}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const w = await index.writeFiles({ outputPath: dir });
  if (w.errors?.length) throw new Error(`pagefind writeFiles: ${w.errors.join("; ")}`);
  await pagefind.close();
  return `/bench-out/pagefind/engines-${size}/`;
}

/** The doctors each final query should find, by both oracles (see shared.mjs), per dataset size. */
export function oracleAnswers(size) {
  const ds = JSON.parse(fs.readFileSync(path.join(dataDir, String(size), "hospital.json"), "utf8"));
  const oracle = new Oracle(doctorDocs(ds));
  const intent = (q) => q.intent ?? q.typed;
  return { runs: QUERIES.map((q) => oracle.expected(intent(q), "runs")), chars: QUERIES.map((q) => oracle.expected(intent(q), "chars")) };
}

function quality(expected, top) {
  const set = new Set(expected);
  const hit = top.filter((id) => set.has(id)).length;
  return {
    expected: expected.length,
    recall: expected.length ? hit / Math.min(20, expected.length) : null,
    precision: top.length ? hit / top.length : null,
  };
}

/**
 * Recall and precision of one engine's top 20 per query against both oracles: `quality`
 * (Chinese runs as written, the main figure) and `qualityPerChar` (Chinese per character).
 */
export function addQuality(r, answers) {
  const per = (expected) =>
    r.perQuery.map((q, i) => ({ typed: q.typed, intent: q.intent, kind: q.kind, found: q.found, top: q.top, ...quality(expected[i], q.top || []) }));
  const summary = (perQuery) => ({ recall: mean(perQuery.map((q) => q.recall)), precision: mean(perQuery.map((q) => q.precision)), perQuery });
  r.quality = summary(per(answers.runs));
  r.qualityPerChar = summary(per(answers.chars));
  delete r.perQuery;
  return r;
}

const mean = (v) => {
  const x = v.filter((n) => n != null);
  return x.length ? x.reduce((a, b) => a + b, 0) / x.length : null;
};

async function runOne(serverUrl, engine, size, opts) {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    // Cross-origin isolation for the benchmark page only: performance.now() then has 5 µs
    // resolution instead of 100 µs, and measureUserAgentSpecificMemory exists.
    await page.route((u) => u.pathname === "/bench/engines.html", async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: { ...response.headers(), "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" },
      });
    });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`${serverUrl}/bench/engines.html`);
    await page.waitForFunction(() => window.benchReady === true);
    try {
      return await page.evaluate((o) => window.benchRun(o), {
        engine,
        dataUrl: `/bench-data/${size}/hospital.json`,
        steps: keystrokes(),
        ...opts,
      });
    } catch (e) {
      return { engine, failed: String(e.message || e).split("\n")[0], errors };
    }
  } finally {
    await browser.close();
  }
}

export async function runEngines({ serverUrl, sizes, engines, budgetMs, quality: withQuality = true }) {
  const steps = keystrokes();
  const results = [];
  for (const size of sizes) {
    if (withQuality) log(`engines: oracle for ${size} doctors`);
    const expected = withQuality ? oracleAnswers(size) : null;
    for (const engine of engines) {
      log(`engines: ${engine} at ${size} doctors`);
      let builds = size >= 100000 ? 3 : 5;
      const extra = {};
      if (engine === "pagefind") {
        const t0 = Date.now();
        extra.pagefindBase = await buildPagefindIndex(size);
        extra.pagefindBuildMs = Date.now() - t0;
        log(`  Pagefind index written in ${(extra.pagefindBuildMs / 1000).toFixed(1)} s (Node API, not timed in the page)`);
        builds = 1;
      }
      const raw = await runOne(serverUrl, engine, size, { builds, budgetMs, maxPasses: 5, uaMemory: size <= 10000, ...extra });
      if (raw.failed) {
        log(`engines: ${engine} at ${size} failed: ${raw.failed}`);
        results.push({ engine, size, failed: raw.failed });
        continue;
      }
      const all = raw.passes.flatMap((times) => times.map(([, t]) => t));
      const byKind = {};
      raw.passes.forEach((times) =>
        times.forEach(([i, t]) => {
          const kind = QUERIES[steps[i].query].kind;
          (byKind[kind] ||= []).push(t);
        }),
      );
      const perQuery = QUERIES.map((q, qi) => ({ typed: q.typed, intent: q.intent ?? null, kind: q.kind, found: raw.finalCount[qi], top: raw.finalTop[qi] }));
      const m = raw.memory;
      const r = {
        engine,
        size,
        crossOriginIsolated: raw.crossOriginIsolated,
        measuredAt: new Date().toISOString(),
        bytesToFirstResults: raw.bytesToFirstResults,
        bytesAll: raw.bytesAll,
        pagefindBuildMs: extra.pagefindBuildMs ?? null,
        datasetChars: raw.datasetChars,
        build: {
          runs: raw.builds.length,
          parseMs: median(raw.builds.map((b) => b.parse)),
          prepareMs: median(raw.builds.map((b) => b.prepare)),
          indexMs: median(raw.builds.map((b) => b.index)),
          totalMs: median(raw.builds.map((b) => b.parse + b.prepare + b.index)),
          newsIndexMs: raw.builds[0].newsIndex != null ? median(raw.builds.map((b) => b.newsIndex)) : null,
          all: raw.builds,
        },
        memory: {
          ...m,
          // Dataset as the engine holds it (JS objects and documents, or Rust structs).
          datasetBytes: engine.startsWith("ours") ? m.rustAfterParse - m.rustBefore : m.jsAfterParse - m.jsBefore,
          // The index alone.
          indexBytes: engine.startsWith("ours") ? m.rustAfterIndex - m.rustAfterParse : m.jsAfterIndex - m.jsAfterParse,
          jsDeltaBytes: m.jsAfterIndex - m.jsBefore,
        },
        query: {
          passes: raw.passes.length,
          warmup: raw.warmup,
          stride: raw.stride ?? 1,
          samples: all.length,
          p50: median(all),
          p95: p95(all),
          max: max(all),
          byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { p50: median(v), p95: p95(v), max: max(v) }])),
        },
        perQuery,
      };
      if (withQuality) addQuality(r, expected);
      else delete r.perQuery;
      log(`  build ${r.build.totalMs.toFixed(1)} ms (index ${r.build.indexMs.toFixed(1)}), query p50 ${r.query.p50.toFixed(3)} p95 ${r.query.p95.toFixed(3)} ms, recall ${r.quality?.recall?.toFixed(3)}`);
      results.push(r);
    }
  }
  return results;
}
