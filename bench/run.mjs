// `make bench` (through scripts/bench.sh, which builds everything first): runs every part
// of the benchmark and writes bench/results.json and bench/results.md.
//
//   node bench/run.mjs [--sizes 1000,10000,100000] [--parts engines,app,lighthouse,relevance]
//                      [--engines ours,ours-o3,minisearch,minisearch-1typo,fuse,pagefind]
//                      [--budget-ms 60000] [--lighthouse-runs 3]
//
// Parts not run keep their previous results. `--parts rescore` only scores the stored top-20
// lists again with the current oracles (bench/www/shared.mjs) and rewrites the report.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { benchDir, outDir, dataDir, repo, startServer, log } from "./lib/common.mjs";
import { runEngines, oracleAnswers, addQuality } from "./lib/engines.mjs";
import { runApp, runCalibration, siteWithData, fileSizes } from "./lib/app.mjs";
import { auditedPages, runLighthouse, startGzipProxy } from "./lib/lighthouse.mjs";
import { runRelevance } from "./lib/relevance.mjs";
import { writeReport } from "./lib/report.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg("sizes", "1000,10000,100000").split(",").map(Number);
const parts = new Set(arg("parts", "engines,app,lighthouse,relevance").split(","));
const budgetMs = Number(arg("budget-ms", 60000));
const engineList = arg("engines", "ours,ours-o3,minisearch,minisearch-1typo,fuse,pagefind").split(",");
const lighthouseRuns = Number(arg("lighthouse-runs", 3));
const site = path.join(outDir, "site");

function environment() {
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: "utf8" }).trim();
    } catch {
      return null;
    }
  };
  const infoFile = path.join(outDir, "build-info.json");
  const built = fs.existsSync(infoFile) ? JSON.parse(fs.readFileSync(infoFile, "utf8")) : null;
  return {
    date: new Date().toISOString(),
    // The commit the app and the bench module were built from (scripts/bench.sh), else HEAD now.
    commit: built ? built.commit : sh("git", ["-C", repo, "rev-parse", "--short", "HEAD"]),
    dirty: built ? built.dirty : !!sh("git", ["-C", repo, "status", "--porcelain", "--", "src", "crates"]),
    builtAt: built ? built.date : null,
    chromium: sh("/usr/bin/chromium", ["--version"]),
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model}`,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    loadavgStart: os.loadavg(),
  };
}

/** The file a URL of the test server answers with (for byte counts), or null. */
function fileFor(root) {
  return (url) => {
    const p = decodeURIComponent(new URL(url).pathname);
    const candidates = p.startsWith("/bench-data/")
      ? [path.join(dataDir, p.slice("/bench-data/".length))]
      : [path.join(root, p.endsWith("/") ? p + "index.html" : p), path.join(root, p + ".html"), path.join(root, p, "index.html")];
    return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
  };
}

/** Bytes of the app's own files and of each dataset: raw, gzip -9 and brotli -q 11. */
function sizesOfFiles() {
  const files = {
    wasm: "hospital_site_bg.wasm",
    js: "hospital_site.js",
    css: "main.css",
    "index.html": "index.html",
    "widget.js": "widget.js",
  };
  const app = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fileSizes(path.join(site, f))]));
  const data = { "sample (the site's hospital.json, fetched at start)": fileSizes(path.join(site, "hospital.json")) };
  for (const n of sizes) data[`${n} doctors`] = fileSizes(path.join(dataDir, String(n), "hospital.json"));
  const bench = fileSizes(path.join(outDir, "pkg/hospital_bench_wasm_bg.wasm"));
  const benchO3 = fs.existsSync(path.join(outDir, "pkg/o3/hospital_bench_wasm_bg.wasm")) ? fileSizes(path.join(outDir, "pkg/o3/hospital_bench_wasm_bg.wasm")) : null;
  return { app, data, benchWasm: bench, benchWasmO3: benchO3 };
}

const resultsFile = path.join(benchDir, "results.json");
// Parts not run this time keep their previous results.
const previous = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, "utf8")) : {};

if (parts.size === 1 && parts.has("rescore")) {
  const answers = new Map();
  for (const r of previous.engines || []) {
    if (r.failed || !r.quality) continue;
    if (!answers.has(r.size)) answers.set(r.size, oracleAnswers(r.size));
    r.perQuery = r.quality.perQuery.map(({ typed, intent, kind, found, top }) => ({ typed, intent, kind, found, top }));
    addQuality(r, answers.get(r.size));
  }
  fs.writeFileSync(resultsFile, JSON.stringify(previous, null, 1) + "\n");
  writeReport(previous, path.join(benchDir, "results.md"));
  log("scored the stored results again; wrote bench/results.json and bench/results.md");
  process.exit(0);
}

// The report covers every size with results: this run's and those kept from earlier runs.
const results = { environment: environment(), sizes: [...new Set([...(previous.sizes || []), ...sizes])].sort((a, b) => a - b) };
// The relevance part alone needs no app build: serve the bench pages from an empty root then.
const main = await startServer(4310, fs.existsSync(site) ? site : outDir);
try {
  results.bytes = fs.existsSync(site) ? sizesOfFiles() : previous.bytes;
  if (parts.has("engines")) {
    const fresh = await runEngines({ serverUrl: main.url, sizes, engines: engineList, budgetMs });
    // Rows of engines or sizes not run this time are kept from the previous results.
    const ran = new Set(fresh.map((r) => `${r.engine}@${r.size}`));
    results.engines = [...(previous.engines || []).filter((r) => !ran.has(`${r.engine}@${r.size}`)), ...fresh];
    results.enginesSample = engineList.includes("ours")
      ? await runEngines({ serverUrl: main.url, sizes: ["sample"], engines: ["ours"], budgetMs: 5000, quality: false })
      : previous.enginesSample;
  } else {
    results.engines = previous.engines;
    results.enginesSample = previous.enginesSample;
  }
  if (parts.has("app")) {
    results.typingFloor = await runCalibration(main.url);
    results.app = [await runApp({ label: "sample", serverUrl: main.url, runs: 7, fileFor: fileFor(site) })];
    for (const n of sizes) {
      const root = siteWithData(site, n);
      const server = await startServer(4311, root);
      try {
        results.app.push(await runApp({ label: `${n} doctors`, size: n, serverUrl: server.url, runs: n >= 100000 ? 3 : 5, fileFor: fileFor(root) }));
      } finally {
        server.stop();
      }
    }
  } else {
    results.app = previous.app;
    results.typingFloor = previous.typingFloor;
  }
  if (parts.has("lighthouse")) {
    const pages = auditedPages(JSON.parse(fs.readFileSync(path.join(repo, "data/sample.json"), "utf8")));
    results.lighthouse = { plain: await runLighthouse({ baseUrl: main.url, pages, runs: lighthouseRuns, label: "plain" }) };
    const proxy = await startGzipProxy(4312, main.url);
    try {
      results.lighthouse.gzip = await runLighthouse({ baseUrl: proxy.url, pages, runs: lighthouseRuns, label: "gzip" });
    } finally {
      proxy.stop();
    }
  } else {
    results.lighthouse = previous.lighthouse;
  }
  if (parts.has("relevance")) {
    results.relevance = await runRelevance({ serverUrl: main.url, environment: results.environment });
  } else {
    results.relevance = previous.relevance;
  }
} finally {
  main.stop();
}
results.environment.loadavgEnd = os.loadavg();
// Which run each part's figures come from (the header of the report names the kept ones).
results.partRuns = {};
for (const p of ["engines", "app", "lighthouse"]) {
  const prev = previous.partRuns?.[p] ?? (previous.environment ? { date: previous.environment.date, commit: previous.environment.commit } : null);
  results.partRuns[p] = parts.has(p) ? { date: results.environment.date, commit: results.environment.commit } : prev;
}
// The header of the report describes the run of the other parts: a run of the relevance test
// alone keeps it (the relevance section names its own date and machine).
const onlyRelevance = ["engines", "app", "lighthouse"].every((p) => !parts.has(p));
if (onlyRelevance && previous.environment) {
  results.relevance.environment = results.environment;
  results.environment = previous.environment;
  results.sizes = previous.sizes ?? results.sizes;
}
fs.writeFileSync(resultsFile, JSON.stringify(results, null, 1) + "\n");
writeReport(results, path.join(benchDir, "results.md"));
log("wrote bench/results.json and bench/results.md");
