// Where the time of a cold load goes (home page, a generated dataset fetched at run time):
// a Chromium CPU profile from navigation until the first news card, summed by wasm crate
// and by function. With --records, the finder reading the compiled records and doctor index
// (`hospital-data compile` beside the generated JSON), until the first doctor card. Not part
// of `make bench`; run by hand after it:
//
//   node bench/profile-load.mjs [size] [--records]
//
// Like profile-typing.mjs it swaps in target/wasm-bindgen/release/hospital_site_bg.wasm
// (before wasm-opt: names kept) so that the profile names Rust functions.
import fs from "node:fs";
import path from "node:path";
import { launch, outDir, repo, startServer, stripIntegrity, log } from "./lib/common.mjs";
import { siteWithData } from "./lib/app.mjs";

const size = process.argv.slice(2).find((a) => !a.startsWith("--")) || "100000";
const records = process.argv.includes("--records");
const root = siteWithData(path.join(outDir, "site"), size, { compiledIndex: records, records });
const named = path.join(repo, "target/wasm-bindgen/release");
fs.copyFileSync(path.join(named, "hospital_site_bg.wasm"), path.join(root, "hospital_site_bg.wasm"));
fs.copyFileSync(path.join(named, "hospital_site.js"), path.join(root, "hospital_site.js"));
stripIntegrity(root);

const server = await startServer(4321, root);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  const t0 = Date.now();
  await page.goto(`${server.url}${records ? "/doctors/" : "/"}`, { waitUntil: "commit" });
  await page.waitForSelector(records ? ".doctor-card" : ".news-card", { timeout: 600000 });
  const wall = Date.now() - t0;
  const { profile } = await cdp.send("Profiler.stop");

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) || 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000));
  const byFn = new Map();
  const byCrate = new Map();
  // Inclusive time of a few top-level Rust functions of the load path.
  const WATCH = ["validate::load", "DoctorIndex::build", "NewsIndex::build", "AppData::new", "fetch_text", "serde_json", "Decoder", "HashMap", "Records::read", "Staged::step", "DoctorIndexFeed", "read_more", "read_finish", "xxh3", "Stream::push", "tachys"];
  const inclusive = new Map();
  for (const [id, t] of self) {
    const f = byId.get(id).callFrame;
    const name = f.functionName || `(anonymous ${f.url.split("/").pop()}:${f.lineNumber})`;
    byFn.set(name, (byFn.get(name) || 0) + t);
    const m = name.match(/([a-z_][a-z0-9_]*)::/);
    const crate = name.startsWith("(") ? name : m ? `wasm: ${m[1]}` : `js/other: ${name.slice(0, 40)}`;
    byCrate.set(crate, (byCrate.get(crate) || 0) + t);
    const seen = new Set();
    for (let p = id; p != null; p = parent.get(p)) {
      const fn = byId.get(p).callFrame.functionName;
      for (const w of WATCH) if (fn.includes(w) && !seen.has(w)) {
        seen.add(w);
        inclusive.set(w, (inclusive.get(w) || 0) + t);
      }
    }
  }
  const top = (m, k) => Object.fromEntries([...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([a, b]) => [a.slice(0, 150), Math.round(b)]));
  const out = { size, wallMs: wall, byCrateMs: top(byCrate, 20), inclusiveMs: top(inclusive, 20), topFunctionsMs: top(byFn, 30) };
  fs.writeFileSync(path.join(outDir, `profile-load-${size}${records ? "-records" : ""}.json`), JSON.stringify(out, null, 1));
  log(`wrote bench/out/profile-load-${size}${records ? "-records" : ""}.json`);
  console.log(JSON.stringify(out, null, 1));
} finally {
  await browser.close();
  server.stop();
}
