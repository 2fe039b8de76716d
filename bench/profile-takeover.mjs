// Which main-thread tasks a pre-rendered page runs until the app has taken it over, and what
// fills the long ones: what Lighthouse's Total Blocking Time counts (issue 14). The CPU is
// slowed 4× as Lighthouse's mobile profile simulates, so a task over 50 ms here is one that
// blocks there. Not part of `make bench`; run by hand on a release build:
//
//   node bench/profile-takeover.mjs [dist]
//   node bench/profile-takeover.mjs --size 100000 [dist]
//
// With --size N it profiles instead the finder of a large hospital as issue 15 measures it:
// the generated dataset bench/data/N (`make bench`) given by `data-src` as its compiled
// records with its compiled index, at this machine's own speed, from navigation until the
// first cards (the index read) and a first search, listing every task of 50 ms or more.
//
// Like profile-typing.mjs it swaps in target/wasm-bindgen/release/hospital_site_bg.wasm
// (before wasm-opt: names kept) so that the profile names Rust functions.
import fs from "node:fs";
import path from "node:path";
import { launch, outDir, repo, startServer, stripIntegrity, log } from "./lib/common.mjs";
import { auditedPages } from "./lib/lighthouse.mjs";
import { siteWithData } from "./lib/app.mjs";

const sizeAt = process.argv.indexOf("--size");
const size = sizeAt > 0 ? process.argv[sizeAt + 1] : null;
const rest = process.argv.slice(2).filter((a, i, all) => a !== "--size" && all[i - 1] !== "--size");
const dist = path.resolve(rest[0] || path.join(repo, "dist"));
const root = size ? siteWithData(dist, size, { compiledIndex: true, records: true }) : path.join(outDir, "site-takeover");
if (!size) {
  fs.rmSync(root, { recursive: true, force: true });
  fs.cpSync(dist, root, { recursive: true });
}
const named = path.join(repo, "target/wasm-bindgen/release");
for (const f of ["hospital_site_bg.wasm", "hospital_site.js"]) fs.copyFileSync(path.join(named, f), path.join(root, f));
stripIntegrity(root);
const pages = size ? [["doctor finder", "/doctors/"]] : auditedPages(JSON.parse(fs.readFileSync(path.join(root, "hospital.json"), "utf8")));

const SLOWDOWN = size ? 1 : 4;
const server = await startServer(4322, root);
const browser = await launch();
const report = {};
try {
  for (const [name, pathname] of pages) {
    const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOWDOWN });
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel"] });
    await cdp.send("Profiler.start");
    await page.goto(server.url + pathname);
    if (size) {
      // Usable: the first cards, then a search answered by the compiled index once read.
      await page.waitForSelector(".doctor-card", { timeout: 600000 });
      const before = await page.locator(".result-count").textContent();
      await page.locator("#doctor-q").fill("zhang");
      await page.waitForFunction((b) => document.querySelector(".result-count")?.textContent !== b, before, { timeout: 600000 });
      await page.waitForTimeout(1000);
    } else {
      await page.waitForSelector("#app[data-hs-live]", { timeout: 60000 });
      await page.waitForTimeout(1500);
    }
    const { profile } = await cdp.send("Profiler.stop");
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8"));
    await page.close();

    // Top-level tasks of the page's main thread.
    const events = trace.traceEvents;
    const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
    const tasks = events
      .filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === "RunTask" && e.ph === "X" && e.dur / 1000 >= 50)
      .map((e) => ({ start: e.ts, end: e.ts + e.dur, ms: e.dur / 1000 }));
    // The profile's samples in each long task, by function (self time) and by the wasm
    // functions on the stack (inclusive), to name what fills it.
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
    let t = profile.startTime;
    const samples = profile.samples.map((id, i) => {
      t += profile.timeDeltas[i];
      return { id, ts: t, dt: (profile.timeDeltas[i + 1] ?? 0) / 1000 };
    });
    const t0 = tasks.length ? events.find((e) => e.name === "navigationStart")?.ts ?? tasks[0].start : 0;
    report[name] = tasks.map((task) => {
      const self = new Map();
      const incl = new Map();
      for (const s of samples) {
        if (s.ts < task.start || s.ts > task.end) continue;
        const f = byId.get(s.id).callFrame;
        const fn = (f.functionName || `(${f.url.split("/").pop()})`).slice(0, 110);
        self.set(fn, (self.get(fn) || 0) + s.dt);
        const seen = new Set();
        for (let p = s.id; p != null; p = parent.get(p)) {
          const g = byId.get(p).callFrame.functionName;
          if (g.includes("::") && !seen.has(g)) {
            seen.add(g);
            const k = g.replace(/::h[0-9a-f]{16}/, "").slice(0, 110);
            incl.set(k, (incl.get(k) || 0) + s.dt);
          }
        }
      }
      // What the browser itself did in the task (parsing, style, layout, compiling wasm).
      const kinds = new Map();
      for (const e of events) {
        if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== "X" || e.name === "RunTask" || e.ts < task.start || e.ts + (e.dur || 0) > task.end) continue;
        kinds.set(e.name, (kinds.get(e.name) || 0) + (e.dur || 0) / 1000);
      }
      const top = (m, k) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([a, b]) => `${Math.round(b)} ms ${a}`);
      return { atMs: Math.round((task.start - t0) / 1000), ms: Math.round(task.ms), self: top(self, 6), rustInclusive: top(incl, 12), browser: top(kinds, 8), ours: top(new Map([...incl].filter(([k]) => k.startsWith("hospital_"))), 25) };
    });
  }
} finally {
  await browser.close();
  server.stop();
}
const file = path.join(outDir, size ? `profile-takeover-${size}.json` : "profile-takeover.json");
fs.writeFileSync(file, JSON.stringify(report, null, 1));
log(`wrote ${file}`);
for (const [name, tasks] of Object.entries(report)) {
  console.log(`${name}: ${tasks.length} tasks of 50 ms or more at ${SLOWDOWN}× slower CPU, ${tasks.reduce((a, t) => a + t.ms - 50, 0)} ms over 50 ms in all`);
  for (const task of tasks) console.log(`  at ${task.atMs} ms: ${task.ms} ms\n    ${task.rustInclusive.slice(0, 8).join("\n    ")}\n    self: ${task.self.slice(0, 3).join(" | ")}`);
}
