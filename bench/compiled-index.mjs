// The finder of a large hospital three ways, side by side in one Chromium run: the JSON path
// (the dataset fetched, checked and the doctor index built in the browser), the compiled
// index (the same JSON, and the doctor index `hospital-data compile` made, read as it is) and
// the compiled records (the dataset's records that `compile` wrote as hospital.bin, read
// without parsing JSON, and the same index). Cold loads alternate between them; each records,
// from navigation: the first doctor card painted, the longest task until then, the bytes
// fetched by kind, and the wasm memory after the first search.
//
//   node bench/compiled-index.mjs [--doctors 10000,100000] [--articles 5000] [--runs 5] [--site dist]
//                                 [--before DIR [--before-data NAME]] [--paths records,before]
//
// With --before, a fourth path: the compiled records and index through another build (DIR, a
// built site), in the same run, to measure a change of the app's loading side by side. A build
// of another compiled format reads the files its own CLI compiled into
// bench/data/<doctors>/<NAME> (--before-data). --paths measures only some of the paths
// (json, compiled, records, before): at 100,000 doctors a cold load of the JSON path takes
// seconds. After the first card, each load types "zhang" at once: the first search answered
// is when its results are painted (the finder can show its first page before the index's
// words have arrived, and then waits for them).
// Needs a built site (`make build`, or `make bench`'s bench/out/site) and the CLI. The dataset
// is bench/data/<doctors>/hospital.json when `make bench` made it, else generated here (seed 1,
// as `make bench` does). Writes bench/results-compiled.md, where the sizes not measured keep
// their section from an earlier run (each says when it was run), and the raw runs in bench/out/.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dataDir, launch, log, median, outDir, repo, startServer, stripIntegrity } from "./lib/common.mjs";
import { fileSizes, siteWithData } from "./lib/app.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg("doctors", "10000").split(",").map(Number);
const articles = Number(arg("articles", "5000"));
const runs = Number(arg("runs", "5"));
const site = path.resolve(arg("site", "dist"));
const paths = arg("paths", "json,compiled,records,before").split(",");
const before = arg("before", null) && path.resolve(arg("before", null));
const beforeData = arg("before-data", "");

const cli = (...args) =>
  execFileSync("cargo", ["run", "--quiet", "--release", "-p", "hospital-cli", "--", ...args], { cwd: repo, stdio: ["ignore", "inherit", "inherit"] });
async function measure(doctors) {
  const data = path.join(dataDir, String(doctors));
  const json = path.join(data, "hospital.json");
  if (!fs.existsSync(json)) {
    log(`generating ${doctors} doctors and ${articles} articles into ${data}`);
    cli("generate", "--doctors", String(doctors), "--articles", String(articles), "--seed", "1", "--out", data);
  }
  cli("compile", json, "--out", path.join(data, "doctors.idx"), "--records", path.join(data, "hospital.bin"));

  // Copies of the built site whose pages render in the browser from the generated data; the
  // compiled ones' pages also name the compiled index, the last one the compiled records.
  const all = { json: {}, compiled: { compiledIndex: true }, records: { compiledIndex: true, records: true } };
  if (before) all["records, before"] = { compiledIndex: true, records: true, label: "before", site: before, data: beforeData };
  const options = Object.fromEntries(Object.entries(all).filter(([which]) => paths.includes(which.replace("records, ", ""))));
  const servers = {};
  const roots = {};
  let port = 4341;
  for (const [which, o] of Object.entries(options)) {
    roots[which] = siteWithData(o.site ?? site, doctors, o);
    stripIntegrity(roots[which]);
    servers[which] = await startServer(port++, roots[which]);
  }

  /** The file a URL of the bench server names, for its gzip size. */
  function fileFor(which, url) {
    const p = decodeURIComponent(new URL(url).pathname);
    const f = p.startsWith("/bench-data/") ? path.join(dataDir, p.slice("/bench-data/".length)) : path.join(roots[which], p);
    return fs.existsSync(f) && fs.statSync(f).isFile() ? f : null;
  }

  function kind(url) {
    const p = new URL(url).pathname;
    if (/\.(wasm|js|css)$/.test(p)) return "app";
    if (p.endsWith(".json") || p.endsWith(".bin")) return "dataset";
    if (p.endsWith(".idx")) return "index";
    return "other";
  }

  async function coldLoad(browser, which) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript({ path: path.join(repo, "bench/www/probe.js") });
    // Trunk's bootstrap announces the instance; its memory is the app's whole wasm heap.
    await page.addInitScript(() => addEventListener("TrunkApplicationStarted", (e) => (window.__wasm = e.detail.wasm)));
    const urls = [];
    page.on("response", (r) => r.status() < 400 && urls.push(r.url()));
    try {
      await page.goto(`${servers[which].url}/doctors/`, { waitUntil: "commit" });
      await page.waitForFunction(() => window.__bench?.marks?.doctors?.painted, null, { timeout: 600_000, polling: 50 });
      const first = await page.evaluate(() => ({
        card: window.__bench.marks.doctors.painted,
        longest: Math.max(0, ...window.__bench.longtasks.filter((t) => t.start <= window.__bench.marks.doctors.painted).map((t) => t.duration)),
      }));
      const before = await page.locator(".result-count").textContent();
      await page.locator("#doctor-q").fill("zhang");
      await page.waitForFunction((b) => {
        const count = document.querySelector(".result-count")?.textContent;
        return count && count !== b && document.querySelector(".doctor-card");
      }, before, { timeout: 600_000, polling: 50 });
      const searched = await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now())))));
      const memory = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? null);
      const bytes = { app: 0, dataset: 0, index: 0, other: 0 };
      const gzip = { app: 0, dataset: 0, index: 0, other: 0 };
      for (const u of urls) {
        const f = fileFor(which, u);
        if (!f) continue;
        const s = fileSizes(f);
        bytes[kind(u)] += s.raw;
        gzip[kind(u)] += s.gzip;
      }
      return { ...first, searched, memory, bytes, gzip };
    } finally {
      await context.close();
    }
  }

  const results = Object.fromEntries(Object.keys(options).map((which) => [which, []]));
  const order = Object.keys(results);
  const browser = await launch();
  try {
    for (let r = 0; r < runs; r++) {
      // Each path first, middle and last in turn.
      for (const which of order.map((_, i) => order[(i + r) % order.length])) {
        const m = await coldLoad(browser, which);
        results[which].push(m);
        log(`run ${r + 1} ${which}: first card ${m.card.toFixed(0)} ms, search answered ${m.searched.toFixed(0)} ms, longest task ${m.longest.toFixed(0)} ms, wasm memory ${(m.memory / 1e6).toFixed(1)} MB`);
      }
    }
  } finally {
    await browser.close();
    for (const server of Object.values(servers)) server.stop();
  }

  return results;
}

/** `a / b` to two places; "–" when `b` is 0 (no long task at all, say). */
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : "–");
const kb = (b) => (b / 1000).toLocaleString("en", { maximumFractionDigits: 0 });
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repo }).toString().trim();
const now = () => `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
const cpu = os.cpus();
const lines = [];
const head = [
  "# The doctor index and the records compiled at build time, against the JSON path (issue 15)",
  "",
  `Generated by \`node bench/compiled-index.mjs\` on ${now()}, commit ${commit}; ` +
    `${cpu.length} × ${cpu[0]?.model ?? "CPU"}, Node ${process.version}, Debian's Chromium headless, tests/e2e/server.mjs (no compression: ` +
    "gzip sizes are what a host that compresses, as GitHub Pages does, would send). All paths are the same build and the same " +
    "generated dataset (`data-src`); the compiled ones' pages also name the `doctors.idx` that `hospital-data compile` made of it " +
    "(`data-index-src`), and `records` names its compiled records (`data-src=…/hospital.bin`) instead of the JSON. " +
    "Cold loads of `/doctors/` alternate between them. Times from navigation; memory is the app's " +
    "`WebAssembly.Memory` after the first search (it never shrinks, so it shows the peak).",
  "",
];
/** Each `## <n> doctors` section of the file as it was, by its number of doctors. */
function sectionsOf(md) {
  const out = new Map();
  for (const part of md.split(/\n(?=## )/).slice(1)) {
    const n = Number(/^## ([\d,]+) doctors/.exec(part)?.[1]?.replaceAll(",", ""));
    if (n) out.set(n, part.trimEnd() + "\n");
  }
  return out;
}
const file = path.join(repo, "bench/results-compiled.md");
const sections = sectionsOf(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
for (const doctors of sizes) {
  const started = now();
  const results = await measure(doctors);
  const row = (which) => {
    const v = results[which];
    const m = (f) => median(v.map(f));
    const b = v[0].bytes;
    const g = v[0].gzip;
    return {
      card: m((x) => x.card),
      longest: m((x) => x.longest),
      memory: m((x) => x.memory) / 1e6,
      searched: m((x) => x.searched),
      line: `| ${which} | ${m((x) => x.card).toFixed(0)} | ${m((x) => x.searched).toFixed(0)} | ${m((x) => x.longest).toFixed(0)} | ${(m((x) => x.memory) / 1e6).toFixed(1)} | ${kb(b.dataset)} / ${kb(g.dataset)} | ${kb(b.index)} / ${kb(g.index)} | ${kb(b.app)} / ${kb(g.app)} |`,
    };
  };
  const has = (which) => results[which]?.length > 0;
  const j = has("json") && row("json");
  const c = has("compiled") && row("compiled");
  const rec = has("records") && row("records");
  const was = has("records, before") && row("records, before");
  lines.push(
    `## ${doctors.toLocaleString("en")} doctors, ${articles.toLocaleString("en")} articles`,
    "",
    `${runs} cold loads of each (run at ${started}, commit ${commit}); medians (ms, MB; kB raw / gzip -9).`,
    "",
    "| path | first doctor card painted | first search (\"zhang\", typed at the first card) answered | longest task until the first card | wasm memory after the first search | dataset kB | doctor index kB | app code kB |",
    "|---|--:|--:|--:|--:|--:|--:|--:|",
    ...[j, c, rec, was].filter(Boolean).map((r) => r.line),
    "",
    ...(j && c ? [`Compiled index / JSON: first card ×${ratio(c.card, j.card)}, longest task ×${ratio(c.longest, j.longest)}, wasm memory ×${ratio(c.memory, j.memory)}.`] : []),
    ...(j && rec ? [`Compiled records and index / JSON: first card ×${ratio(rec.card, j.card)}, longest task ×${ratio(rec.longest, j.longest)}, wasm memory ×${ratio(rec.memory, j.memory)}.`] : []),
    ...(rec && was
      ? [
          `Compiled records and index, this build / ${before}: first card ×${ratio(rec.card, was.card)}, first search answered ×${ratio(rec.searched, was.searched)}, longest task ×${ratio(rec.longest, was.longest)}, wasm memory ×${ratio(rec.memory, was.memory)}.`,
        ]
      : []),
    "",
  );
  sections.set(doctors, lines.splice(0).join("\n"));
  fs.writeFileSync(path.join(outDir, `compiled-index-${doctors}.json`), JSON.stringify({ doctors, articles, runs, results }, null, 2));
}
// The sizes not measured in this run keep their section, which says when it was run.
const md = [...head, ...[...sections.keys()].sort((a, b) => a - b).map((n) => sections.get(n))].join("\n");
fs.writeFileSync(file, md);
console.log(md);
