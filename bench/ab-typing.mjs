// Keystroke cost of two builds of the app side by side: the same finder page, the same query
// script and probe as `make bench` (bench/lib/app.mjs), rounds alternating between the two
// builds in one Chromium run, with the floor (bench/www/calibrate.html) measured between them.
//
//   node bench/ab-typing.mjs --before DIR --after DIR [--rounds 3] [--size N [--compiled]]
//
// DIR is a built site (dist/ after `make build`); only its app files are compared: `--before`
// may be a plain `trunk build` output, whose hospital_site.js and hospital_site_bg.wasm are
// put into a copy of `--after`, so both serve the same pages and dataset. With `--whole`,
// `--before` is a whole built site served as it is (to compare styles or pages too). With `--size N` both
// read the generated dataset bench/data/N (made by `make bench`) instead of the sample, and with
// `--compiled` its doctors.idx too; with `--records` its compiled records and doctors.idx, as a
// site built by `hospital-data site` reads them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch, log, startServer, stripIntegrity } from "./lib/common.mjs";
import { pointAtData, typeScript, typingSummary } from "./lib/app.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const after = path.resolve(arg("after", "dist"));
const beforeApp = path.resolve(arg("before", ""));
const rounds = Number(arg("rounds", "3"));
const size = arg("size", null);
const compiledIndex = process.argv.includes("--compiled") || process.argv.includes("--records");
// The compiled records (hospital.bin) as `hospital-data site` publishes them, with the index.
const records = process.argv.includes("--records");
const whole = process.argv.includes("--whole");
if (!fs.existsSync(path.join(after, "doctors", "index.html"))) {
  // A plain `trunk build` output has no finder page: the run would wait for a card forever.
  console.error(`--after ${after} is not a built site (no doctors/index.html): run make build, or copy the app's files into a built site`);
  process.exit(2);
}
if (!fs.existsSync(path.join(beforeApp, "hospital_site_bg.wasm"))) {
  console.error("usage: node bench/ab-typing.mjs --before DIR --after DIR [--rounds N] [--size N [--compiled|--records]] [--whole]");
  process.exit(2);
}

// The before build: the after site with the before build's app files, integrity attributes
// dropped (they name the after build's files).
const before = fs.mkdtempSync(path.join(os.tmpdir(), "ab-typing-"));
fs.cpSync(whole ? beforeApp : after, before, { recursive: true });
if (!whole) for (const f of ["hospital_site.js", "hospital_site_bg.wasm"]) fs.copyFileSync(path.join(beforeApp, f), path.join(before, f));
stripIntegrity(before);
const afterCopy = fs.mkdtempSync(path.join(os.tmpdir(), "ab-typing-"));
fs.cpSync(after, afterCopy, { recursive: true });
stripIntegrity(afterCopy);
if (size) for (const dir of [before, afterCopy]) pointAtData(dir, size, { compiledIndex, records });

const servers = { before: await startServer(4331, before), after: await startServer(4332, afterCopy) };
const keys = { before: [], after: [], floor: [] };
const browser = await launch();
try {
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 ? ["after", "before"] : ["before", "after"]) {
      const t = await typeScript(browser, `${servers[which].url}/doctors/`);
      keys[which].push(...t.keys);
      log(`round ${r + 1} ${which}: ${t.keys.length} keys`);
    }
    keys.floor.push(...(await typeScript(browser, `${servers.after.url}/bench/calibrate.html`)).keys);
  }
} finally {
  await browser.close();
  servers.before.stop();
  servers.after.stop();
}
const rows = Object.entries(keys).map(([name, k]) => ({ name, ...typingSummary({ keys: k }) }));
const f = (x) => (x == null ? "–" : x.toFixed(2));
console.log("| build | keys | keystroke → painted p50 / p95 / max (ms) | main-thread work p50 / p95 (ms) |");
console.log("|---|--:|--:|--:|");
for (const r of rows) console.log(`| ${r.name} | ${r.keystrokes} | ${f(r.p50)} / ${f(r.p95)} / ${f(r.max)} | ${f(r.workP50)} / ${f(r.workP95)} |`);
