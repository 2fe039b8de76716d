// Where the time of a keystroke in the doctor finder goes: a Chromium CPU profile (script,
// by wasm function and crate) and a trace (style, layout, paint) while typing into
// `#doctor-q`. Not part of `make bench`; run by hand after it, on a copy of the release
// build whose wasm keeps its function names:
//
//   node bench/profile-typing.mjs [size|sample] [query] [--compiled]
//
// With `--compiled` the page reads the size's compiled records and doctors.idx (as a site
// built by `hospital-data site` does) instead of its JSON.
// It uses target/wasm-bindgen/release/hospital_site_bg.wasm (what wasm-bindgen wrote before
// wasm-opt: same code, opt-level z, names kept) with the glue beside it.
import fs from "node:fs";
import path from "node:path";
import { launch, outDir, repo, startServer, stripIntegrity, log } from "./lib/common.mjs";
import { siteWithData } from "./lib/app.mjs";

const args = process.argv.slice(2).filter((a) => a !== "--compiled");
const compiled = process.argv.includes("--compiled");
const size = args[0] || "1000";
const query = args[1] || "chen neurology epilepsy";
const site = path.join(outDir, "site");
const root = size === "sample" ? path.join(outDir, "site-profile") : siteWithData(site, size, { compiledIndex: compiled, records: compiled });
if (size === "sample") {
  fs.rmSync(root, { recursive: true, force: true });
  fs.cpSync(site, root, { recursive: true });
}
// The named wasm and its glue; integrity attributes would reject the swapped files.
const named = path.join(repo, "target/wasm-bindgen/release");
fs.copyFileSync(path.join(named, "hospital_site_bg.wasm"), path.join(root, "hospital_site_bg.wasm"));
fs.copyFileSync(path.join(named, "hospital_site.js"), path.join(root, "hospital_site.js"));
stripIntegrity(root);

const server = await startServer(4320, root);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/doctors/`);
  await page.waitForSelector(".doctor-card", { timeout: 600000 });
  await page.waitForTimeout(500);
  const box = page.locator("#doctor-q");
  await box.click();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "v8.execute", "blink.user_timing", "blink", "input", "benchmark"] });
  await cdp.send("Profiler.start");
  const rounds = 3;
  for (let r = 0; r < rounds; r++) {
    for (const ch of query) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(120);
    }
    await box.fill("");
    await page.waitForTimeout(200);
  }
  const { profile } = await cdp.send("Profiler.stop");
  const trace = JSON.parse((await browser.stopTracing()).toString("utf8"));

  // Self time by function and by crate.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) || 0) + (dt[i + 1] ?? 0) / 1000));
  const byFn = new Map();
  const byCrate = new Map();
  for (const [id, t] of self) {
    const f = byId.get(id).callFrame;
    const name = f.functionName || `(anonymous ${f.url.split("/").pop()}:${f.lineNumber})`;
    byFn.set(name, (byFn.get(name) || 0) + t);
    let crate;
    if (f.url.endsWith(".wasm") || /^\$?[a-z_]+::|^<|wasm-function/.test(name)) {
      const m = name.match(/([a-z_][a-z0-9_]*)::/);
      crate = `wasm: ${m ? m[1] : name.slice(0, 20)}`;
    } else if (name.startsWith("(")) crate = name;
    else crate = `js: ${f.url.split("/").pop() || "(inline)"}`;
    byCrate.set(crate, (byCrate.get(crate) || 0) + t);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const top = (m, k) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k);

  // Renderer main-thread time by trace event: the CrRendererMain thread with the most layout.
  const mains = trace.traceEvents.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`);
  const events = trace.traceEvents.filter((e) => e.ph === "X" && e.dur && mains.includes(`${e.pid}:${e.tid}`));
  const perThread = new Map();
  for (const e of events) if (e.name === "Layout" || e.name === "UpdateLayoutTree") perThread.set(`${e.pid}:${e.tid}`, (perThread.get(`${e.pid}:${e.tid}`) || 0) + e.dur);
  const thread = [...perThread.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const byEvent = new Map();
  const NAMES = ["RunTask", "EventDispatch", "FunctionCall", "RunMicrotasks", "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit", "HitTest", "MinorGC", "MajorGC", "BlinkGC.AtomicPhase", "ParseHTML"];
  for (const e of events.filter((e) => `${e.pid}:${e.tid}` === thread)) {
    if (NAMES.includes(e.name)) byEvent.set(e.name, (byEvent.get(e.name) || 0) + e.dur / 1000);
  }
  const keys = rounds * [...query].length;
  const out = {
    size,
    query,
    keystrokes: keys,
    profiledScriptMs: total,
    perKeystrokeMs: Object.fromEntries(top(byCrate, 25).map(([k, v]) => [k, +(v / keys).toFixed(3)])),
    topFunctionsMs: Object.fromEntries(top(byFn, 40).map(([k, v]) => [k.slice(0, 160), +(v / keys).toFixed(3)])),
    rendererPerKeystrokeMs: Object.fromEntries([...byEvent.entries()].map(([k, v]) => [k, +(v / keys).toFixed(3)])),
  };
  const file = path.join(outDir, `profile-typing-${size}.json`);
  fs.writeFileSync(file, JSON.stringify(out, null, 1));
  fs.writeFileSync(path.join(outDir, `profile-typing-${size}.cpuprofile`), JSON.stringify(profile));
  fs.writeFileSync(path.join(outDir, `profile-typing-${size}.trace.json`), JSON.stringify(trace));
  log(`wrote ${file}`);
  console.log(JSON.stringify(out, null, 1));
} finally {
  await browser.close();
  server.stop();
}
