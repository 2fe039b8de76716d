// One dataset per build: `hospital-data site --data X` (make build DATA=X) writes X as
// hospital.json beside the app, and compiled as hospital.bin; the pre-rendered pages are
// made from it, and the app fetches the compiled file at start instead of carrying a
// dataset of its own. So the pages and the app
// always show the same hospital, at the root, under a sub-path and in a widget.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { appReady, publish, published, watchErrors } from "./helpers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
// A different, small hospital (hospital-data generate --doctors 12 --articles 6 --seed 7).
const other = fs.readFileSync(path.join(here, "fixtures/split/hospital.json"), "utf8");
const otherData = JSON.parse(other);

/** A dataset text as an English reader sees it: a plain string, else its `en`, else (marked
 * as fallback) its `zh`. */
const en = (t) => (typeof t === "string" ? t : (t?.en ?? t?.zh));

/** Paths of the dataset files (JSON or compiled) the page asks for. */
function datasetRequests(page) {
  const seen = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (/\.(json|bin)$/.test(url.pathname)) seen.push(url.pathname);
  });
  return seen;
}

test("the pages and the app show the dataset the build published, and the wasm holds none", async ({ page, request }) => {
  const published = await (await request.get("/hospital.json")).json();
  const name = en(published.hospital.name);
  // The pre-rendered page is made from the same file.
  expect(await (await request.get("/")).text()).toContain(name);

  const errors = watchErrors(page);
  const seen = datasetRequests(page);
  await page.goto("/");
  await appReady(page);
  await expect(page.locator(".brand-name")).toHaveText(name);
  const newest = [...published.articles].sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug))[0];
  await expect(page.locator(".news-card h2").first()).toContainText(en(newest.title));
  // Its compiled records, not the JSON: the same dataset, read without parsing it; the
  // home page shows news, so their articles' file too.
  expect(seen).toEqual(["/hospital.bin", "/hospital.articles.bin"]);
  expect(errors).toEqual([]);

  // Not compiled in: a long text of the dataset is nowhere in the app's code.
  const wasm = Buffer.from(await (await request.get("/hospital_site_bg.wasm")).body());
  const text = en(newest.summary) || en(newest.title);
  expect(text.length).toBeGreaterThan(20);
  expect(wasm.includes(Buffer.from(text))).toBe(false);
});

test("a build published with another hospital's dataset shows that hospital in the app", async ({ page }) => {
  // What a build with DATA=<other hospital> publishes, without building again.
  await publish(page, published(other));
  await page.goto("/doctors");
  await expect(page.locator(".brand-name")).toHaveText(otherData.hospital.name.en);
  const names = new Set(otherData.doctors.map((d) => d.name.en));
  const first = (await page.locator(".doctor-card h2 a").first().textContent()).trim();
  expect(names.has(first), `${first} is one of the published doctors`).toBe(true);
  await expect(page.locator(".doctor-card")).toHaveCount(otherData.doctors.length);
});

test("under a sub-path the app fetches its own folder's dataset; a widget without data-src the one beside widget.js", async ({ page }) => {
  const seen = datasetRequests(page);
  await page.goto("/hospital-site/doctors");
  await expect(page.locator(".doctor-card").first()).toBeVisible();
  // The cards are the pre-rendered page's; the app asks for its dataset after the first paint.
  await appReady(page);
  expect(seen).toEqual(["/hospital-site/hospital.bin"]);

  seen.length = 0;
  await page.goto("/host/widgets.html");
  await expect(page.locator("#news .hs .news-card").first()).toBeVisible();
  await expect(page.locator("#finder .hs .doctor-card").first()).toBeVisible();
  // Both widgets of the page load the same file, next to the script that started them,
  // and the news widget its articles beside it.
  expect([...new Set(seen)].sort()).toEqual(["/hospital.articles.bin", "/hospital.bin"]);
});
