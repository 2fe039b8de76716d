// Sums cargo's `test result:` lines and Playwright's JSON report into the one line CI reads,
// and exits non-zero when anything failed.
import fs from "node:fs";

const [cargoLog, playwrightJson, failedSteps = "0"] = process.argv.slice(2);
let passed = 0;
let failed = Number(failedSteps) || 0;
let skipped = 0;

const log = fs.existsSync(cargoLog) ? fs.readFileSync(cargoLog, "utf8") : "";
for (const m of log.matchAll(/^test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/gm)) {
  passed += Number(m[1]);
  failed += Number(m[2]);
  skipped += Number(m[3]);
}
let cargoRuns = [...log.matchAll(/^test result:/gm)].length;
if (cargoRuns === 0) failed += 1;

if (fs.existsSync(playwrightJson)) {
  const report = JSON.parse(fs.readFileSync(playwrightJson, "utf8"));
  const s = report.stats || {};
  passed += (s.expected || 0) + (s.flaky || 0);
  failed += s.unexpected || 0;
  skipped += s.skipped || 0;
  if ((s.expected || 0) + (s.unexpected || 0) === 0) failed += 1;
} else {
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
process.exit(failed > 0 ? 1 : 0);
