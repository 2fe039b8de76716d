import { expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Puts `bytes` where the test server serves them (`/__tmp/<name>`, see server.mjs);
 * its path on the server. */
export function serveFile(name, bytes) {
  const dir = path.join(os.tmpdir(), "hs-e2e-files");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), bytes);
  return `/__tmp/${name}`;
}

/** Runs the project's own CLI (`hospital-data`), its output discarded. */
export function cli(...args) {
  execFileSync("cargo", ["run", "--quiet", "--release", "-p", "hospital-cli", "--", ...args], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
  });
}

/**
 * A dataset as `hospital-data site` publishes it, made by the project's own CLI from `json`
 * (text or bytes, served as they are): the JSON, its compiled records (hospital.bin) and its
 * compiled doctor index, which both name exactly these bytes.
 */
export function published(json) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-published-"));
  fs.writeFileSync(path.join(dir, "hospital.json"), json);
  cli("compile", path.join(dir, "hospital.json"));
  const read = (name) => fs.readFileSync(path.join(dir, name));
  return { json: read("hospital.json"), records: read("hospital.bin"), articles: read("hospital.articles.bin"), index: read("doctors.idx") };
}

/** Serves `dataset` (from `published`) at every address of the site build's own dataset files. */
export async function publish(page, dataset) {
  const files = [
    [/\/hospital\.json$/, "application/json", dataset.json],
    [/\/hospital\.bin$/, "application/octet-stream", dataset.records],
    [/\/hospital\.articles\.bin$/, "application/octet-stream", dataset.articles],
    [/\/doctors\.idx$/, "application/octet-stream", dataset.index],
  ];
  for (const [url, contentType, body] of files) await page.route(url, (route) => route.fulfill({ contentType, body }));
}

export const ORIGIN_SLUG = "general-hospital-signs-cooperation-agreement-with-university";

/** Fails the test on any WCAG 2.0/2.1/2.2 A or AA violation axe-core finds on the page. */
export async function expectAccessible(page, label = "") {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  expect(summary, `axe violations ${label}`).toEqual([]);
}

/**
 * Collects uncaught exceptions, console errors and failed requests of the app's own files,
 * so a test can assert there were none. The browser's own favicon probe is not the app's.
 */
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico") && r.request().resourceType() !== "document") {
      errors.push(`http ${r.status()}: ${r.url()}`);
    }
  });
  return errors;
}

/**
 * Waits until the live app is on screen. A page rendered at build time shows its content
 * at once; it is live when the app has taken its place (`data-hs-live` on the root).
 */
export async function appReady(page) {
  await expect(page.locator(".hs main h1").first()).toBeVisible();
  await page.waitForFunction(() => {
    const root = document.querySelector("[data-hs-prerendered]");
    return !root || root.hasAttribute("data-hs-live");
  });
}
