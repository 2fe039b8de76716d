// Subresource Integrity as the README tells a host page to use it: the widget runs when the
// hashes of widget.js and hospital_site.js match the built files, and nothing of it runs
// when either file is not the one the host page pinned.
import { test, expect } from "@playwright/test";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, "../../dist");
const sri = (file) => `sha384-${crypto.createHash("sha384").update(fs.readFileSync(path.join(dist, file))).digest("base64")}`;
const WRONG = `sha384-${crypto.createHash("sha384").update("not this file").digest("base64")}`;

function hostPage(widgetHash, glueHash) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pinned widget</title>
<script type="importmap">{ "integrity": { "/hospital_site.js": "${glueHash}" } }</script>
<script type="module" src="/widget.js" integrity="${widgetHash}" crossorigin="anonymous"></script>
</head><body><main><h1>Pinned widget</h1>
<div id="pinned" data-hospital-site data-view="doctors" data-lang="en"></div>
</main></body></html>`;
}

async function open(page, widgetHash, glueHash) {
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  await page.route("**/host/pinned.html", (route) =>
    route.fulfill({ contentType: "text/html; charset=utf-8", body: hostPage(widgetHash, glueHash) }),
  );
  await page.goto("/host/pinned.html");
  return problems;
}

test("the widget runs when both scripts match their pinned hashes", async ({ page }) => {
  const problems = await open(page, sri("widget.js"), sri("hospital_site.js"));
  await expect(page.locator("#pinned .hs .doctor-card").first()).toBeVisible();
  expect(problems).toEqual([]);
});

for (const [name, hashes] of [
  ["widget.js", () => [WRONG, sri("hospital_site.js")]],
  ["hospital_site.js (checked through the import map)", () => [sri("widget.js"), WRONG]],
]) {
  test(`nothing runs when ${name} is not the pinned file`, async ({ page }) => {
    const problems = await open(page, ...hashes());
    await expect.poll(() => problems.join("\n")).toMatch(/integrity/i);
    await page.waitForLoadState("networkidle");
    await expect(page.locator("#pinned .hs")).toHaveCount(0);
    expect(await page.locator("#pinned").evaluate((el) => el.shadowRoot === null)).toBe(true);
  });
}

// The site's own pages pin the app's glue the same way (an import map written by `site`).
test("a page of the site pins the app's script: the built file runs, another does not, and the page stays readable", async ({ page }) => {
  const html = await (await page.request.get("/doctors/")).text();
  expect(html).toContain(`"/hospital_site.js":"${sri("hospital_site.js")}"`);
  await page.goto("/doctors/");
  await expect(page.locator("#app")).toHaveAttribute("data-hs-live", "");

  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  // The same page pinning another file (its CSP, which hashes the import map, taken out).
  const tampered = html.replace(sri("hospital_site.js"), WRONG).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "");
  await page.route("**/doctors/", (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: tampered }));
  await page.goto("/doctors/");
  await expect.poll(() => problems.join("\n")).toMatch(/integrity/i);
  await expect(page.locator("#app")).not.toHaveAttribute("data-hs-live", "");
  await expect(page.locator(".doctor-card").first()).toBeVisible();
});
