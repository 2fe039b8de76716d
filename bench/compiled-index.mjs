// The finder of a large hospital several ways, side by side in one Chromium run:
// - json: the dataset fetched, checked and the doctor index built in the browser;
// - compiled: the same JSON, and the doctor index `hospital-data compile` made, read as it is;
// - records: the dataset's records that `compile` wrote as hospital.bin, read without parsing
//   JSON, and the same index (json, compiled and records are the built app in a page that
//   names the files by `data-src`, as a widget does);
// - site: the hospital's own site as `make build DATA=…` writes it (`hospital-data site`
//   over the Trunk build, --trunk DIR, default bench/out/trunk, built if missing): every page
//   written at build time, the finder's first page in its HTML, taken over by the app;
// - before: the records (or, with --before-path json, the JSON path) through another build
//   (--before DIR, a built site), to measure a change of the app's loading side by side. A
//   build of another compiled format reads the files its own CLI compiled into
//   bench/data/<doctors>/<NAME> (--before-data).
// Cold loads alternate between them; each records, from navigation: the first doctor card
// painted, when a page written at build time was taken over, the gzip bytes fetched before
// the first card beyond the app's code (a file still arriving counts with its part that had
// arrived), the longest task until then, the longest stretch without a frame, the bytes
// fetched by kind, and the wasm memory after the first search. After the first card, each
// load types "zhang" at once: the first search answered is when its results are painted
// (the finder can show its first page before the index's words have arrived, and a page
// written at build time before the app is there, and then waits for them).
//
//   node bench/compiled-index.mjs [--doctors 10000,100000] [--articles 5000] [--runs 5] [--site dist]
//        [--paths json,compiled,records,before,site] [--before DIR [--before-data NAME] [--before-path json]] [--trunk DIR]
//
// --paths measures only some of the paths: at 100,000 doctors a cold load of the JSON path
// takes seconds, and writing the site minutes.
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
const paths = arg("paths", "json,compiled,records,before,site").split(",");
// The app as Trunk built it, before `hospital-data site` wrote its pages: the site path builds
// a whole site of the generated dataset from it.
const trunkBuild = path.resolve(arg("trunk", path.join(outDir, "trunk")));
const before = arg("before", null) && path.resolve(arg("before", null));
const beforeData = arg("before-data", "");
// The path the other build is measured on: records (default), or json.
const beforePath = arg("before-path", "records");

const cli = (...args) =>
  execFileSync("cargo", ["run", "--quiet", "--release", "-p", "hospital-cli", "--", ...args], { cwd: repo, stdio: ["ignore", "inherit", "inherit"] });
/** The whole site of the dataset `json` (`hospital-data site` over the Trunk build), in
 * bench/out/site-<doctors>-built; built again only when the app, the CLI or the data changed
 * (at 10,000 doctors and 5,000 articles it writes 31,068 pages in about 20 s on two cores). */
function builtSite(doctors, json) {
  if (!fs.existsSync(path.join(trunkBuild, "index.html"))) {
    log(`building the app with Trunk into ${trunkBuild}`);
    execFileSync("trunk", ["build", "--release", "--dist", trunkBuild], { cwd: repo, stdio: ["ignore", "inherit", "inherit"] });
  }
  const cliBinary = path.join(repo, "target/release/hospital-data");
  const dir = path.join(outDir, `site-${doctors}-built`);
  const stamp = path.join(dir, ".built-from");
  const from = [path.join(trunkBuild, "hospital_site_bg.wasm"), cliBinary, json].map((f) => `${f} ${fs.statSync(f).mtimeMs}`).join("\n");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === from) return dir;
  log(`writing the site of ${doctors} doctors into ${dir}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(trunkBuild, dir, { recursive: true });
  cli("site", dir, "--data", json, "--site-url", "http://127.0.0.1:4341");
  fs.writeFileSync(stamp, from);
  return dir;
}

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
  if (before && beforePath === "json") all["json, before"] = { label: "before", site: before };
  else if (before) all["records, before"] = { compiledIndex: true, records: true, label: "before", site: before, data: beforeData };
  // And the hospital's own site, as `make build DATA=…` makes it: every page written at build
  // time, the finder's first page in its HTML, the compiled files beside it.
  all.site = { built: true };
  const options = Object.fromEntries(Object.entries(all).filter(([which]) => paths.includes(which.replace(/^\w+, /, ""))));
  const servers = {};
  const roots = {};
  let port = 4341;
  for (const [which, o] of Object.entries(options)) {
    if (o.built) {
      roots[which] = builtSite(doctors, json);
    } else {
      roots[which] = siteWithData(o.site ?? site, doctors, o);
      stripIntegrity(roots[which]);
    }
    servers[which] = await startServer(port++, roots[which]);
  }

  /** The file a URL of the bench server names, for its gzip size. */
  function fileFor(which, url) {
    const p = decodeURIComponent(new URL(url).pathname);
    const f = p.startsWith("/bench-data/") ? path.join(dataDir, p.slice("/bench-data/".length)) : path.join(roots[which], p.endsWith("/") ? `${p}index.html` : p);
    return fs.existsSync(f) && fs.statSync(f).isFile() ? f : null;
  }

  function kind(url) {
    const p = new URL(url).pathname;
    if (/\.(wasm|js|css)$/.test(p)) return "app";
    if (p.endsWith(".json") || p.endsWith(".bin")) return "dataset";
    if (p.endsWith(".idx")) return "index";
    return p.endsWith("/") || p.endsWith(".html") ? "page" : "other";
  }

  async function coldLoad(browser, which) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript({ path: path.join(repo, "bench/www/probe.js") });
    // Trunk's bootstrap announces the instance; its memory is the app's whole wasm heap.
    await page.addInitScript(() => addEventListener("TrunkApplicationStarted", (e) => (window.__wasm = e.detail.wasm)));
    // Every frame's time, for the longest stretch without one while the page loads.
    await page.addInitScript(() => {
      const frames = (window.__frames = []);
      const frame = () => (frames.push(performance.now()), requestAnimationFrame(frame));
      requestAnimationFrame(frame);
    });
    const urls = [];
    page.on("response", (r) => r.status() < 400 && urls.push(r.url()));
    // Bytes as they arrive, for what was fetched before the first card (a file still on its
    // way counts with the part of it that had arrived).
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const requested = new Map();
    const arrived = [];
    cdp.on("Network.requestWillBeSent", (e) => requested.set(e.requestId, { url: e.request.url, ts: e.timestamp }));
    cdp.on("Network.dataReceived", (e) => arrived.push({ id: e.requestId, ts: e.timestamp, bytes: e.dataLength }));
    // When a page written at build time is taken over by the app.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector("[data-hs-live]")) {
          window.__live = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-hs-live"] });
    });
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
      // From the page's first frame to the first search's results.
      const frameGap = await page.evaluate((until) => {
        const f = window.__frames.filter((t) => t <= until);
        return Math.max(0, ...f.slice(1).map((t, i) => t - f[i]));
      }, searched);
      const bytes = { app: 0, dataset: 0, index: 0, page: 0, other: 0 };
      const gzip = { app: 0, dataset: 0, index: 0, page: 0, other: 0 };
      for (const u of urls) {
        const f = fileFor(which, u);
        if (!f) continue;
        const s = fileSizes(f);
        bytes[kind(u)] += s.raw;
        gzip[kind(u)] += s.gzip;
      }
      // Navigation starts about when the page's own request is sent.
      const start = Math.min(...[...requested.values()].map((r) => r.ts));
      const byFile = new Map();
      for (const a of arrived) {
        const r = requested.get(a.id);
        if (!r || a.ts - start > first.card / 1000 || kind(r.url) === "app") continue;
        byFile.set(r.url, (byFile.get(r.url) ?? 0) + a.bytes);
      }
      let beforeCard = 0;
      for (const [url, got] of byFile) {
        const f = fileFor(which, url);
        if (!f) continue;
        const s = fileSizes(f);
        beforeCard += ((Math.min(got, s.raw) / s.raw) * s.gzip) / 1000;
      }
      const live = await page.evaluate(() => window.__live ?? null);
      return { ...first, searched, frameGap, memory, bytes, gzip, beforeCard, live };
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
        log(`run ${r + 1} ${which}: first card ${m.card.toFixed(0)} ms${m.live ? ` (live at ${m.live.toFixed(0)} ms)` : ""}, ${m.beforeCard.toFixed(0)} kB gzip before it beyond the app, search answered ${m.searched.toFixed(0)} ms, longest task ${m.longest.toFixed(0)} ms, longest without a frame ${m.frameGap.toFixed(0)} ms, wasm memory ${(m.memory / 1e6).toFixed(1)} MB`);
      }
    }
  } finally {
    await browser.close();
    for (const server of Object.values(servers)) server.stop();
  }

  return results;
}

/** `a / b` to two places (two figures below 0.1); "–" when `b` is 0 (no long task at all, say). */
const ratio = (a, b) => (b > 0 ? (a / b >= 0.1 ? (a / b).toFixed(2) : (a / b).toPrecision(2)) : "–");
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
    "`site` is the hospital's own site of that dataset as `make build DATA=…` writes it (`hospital-data site` over the same " +
    "app's Trunk build): the finder's first page is in its HTML, and the app takes the page over once it has read the records " +
    "and the index's browse part; its \"kB fetched before the first card\" is that page's HTML. " +
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
      frameGap: m((x) => x.frameGap ?? 0),
      memory: m((x) => x.memory) / 1e6,
      searched: m((x) => x.searched),
      beforeCard: m((x) => x.beforeCard),
      line: `| ${which} | ${m((x) => x.card).toFixed(0)} | ${v.every((x) => x.live != null) ? m((x) => x.live).toFixed(0) : "–"} | ${m((x) => x.beforeCard).toFixed(0)} | ${m((x) => x.searched).toFixed(0)} | ${m((x) => x.longest).toFixed(0)} | ${m((x) => x.frameGap ?? 0).toFixed(0)} | ${(m((x) => x.memory) / 1e6).toFixed(1)} | ${kb(b.dataset)} / ${kb(g.dataset)} | ${kb(b.index)} / ${kb(g.index)} | ${kb(b.app)} / ${kb(g.app)} |`,
    };
  };
  const has = (which) => results[which]?.length > 0;
  const j = has("json") && row("json");
  const c = has("compiled") && row("compiled");
  const rec = has("records") && row("records");
  const was = has("records, before") && row("records, before");
  const jsonWas = has("json, before") && row("json, before");
  const built = has("site") && row("site");
  lines.push(
    `## ${doctors.toLocaleString("en")} doctors, ${articles.toLocaleString("en")} articles`,
    "",
    `${runs} cold loads of each (run at ${started}, commit ${commit}); medians (ms, MB; kB raw / gzip -9).`,
    "",
    "| path | first doctor card painted | page taken over by the app | kB fetched before the first card beyond the app's code (gzip) | first search (\"zhang\", typed at the first card) answered | longest task until the first card | longest time without a frame until the first search | wasm memory after the first search | dataset kB | doctor index kB | app code kB |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ...[j, jsonWas, c, rec, was, built].filter(Boolean).map((r) => r.line),
    "",
    ...(j && c ? [`Compiled index / JSON: first card ×${ratio(c.card, j.card)}, longest task ×${ratio(c.longest, j.longest)}, wasm memory ×${ratio(c.memory, j.memory)}.`] : []),
    ...(j && rec ? [`Compiled records and index / JSON: first card ×${ratio(rec.card, j.card)}, longest task ×${ratio(rec.longest, j.longest)}, wasm memory ×${ratio(rec.memory, j.memory)}.`] : []),
    ...(rec && was
      ? [
          `Compiled records and index, this build / ${before}: first card ×${ratio(rec.card, was.card)}, first search answered ×${ratio(rec.searched, was.searched)}, longest without a frame ×${ratio(rec.frameGap, was.frameGap)}, longest task ×${ratio(rec.longest, was.longest)}, wasm memory ×${ratio(rec.memory, was.memory)}.`,
        ]
      : []),
    ...(j && jsonWas
      ? [`JSON, this build / ${before}: first card ×${ratio(j.card, jsonWas.card)}, first search answered ×${ratio(j.searched, jsonWas.searched)}, longest task ×${ratio(j.longest, jsonWas.longest)}, wasm memory ×${ratio(j.memory, jsonWas.memory)}.`]
      : []),
    ...(rec && built
      ? [
          `The site written at build time / compiled records through data-src: first card ×${ratio(built.card, rec.card)}, kB before it ×${ratio(built.beforeCard, rec.beforeCard)}, first search answered ×${ratio(built.searched, rec.searched)}, wasm memory ×${ratio(built.memory, rec.memory)}.`,
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
