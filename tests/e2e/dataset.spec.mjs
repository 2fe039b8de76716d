// A dataset fetched at run time: every way it can fail shows what went wrong, where,
// and a Retry that recovers once the file is fixed. Nothing is ever a blank page.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expectAccessible } from "./helpers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const sample = fs.readFileSync(path.join(here, "../../data/sample.json"), "utf8");
const HOST = "/host/fetched.html";
const widget = (page) => page.locator("#remote .hs");

/** Answers the dataset URL with each response in turn (the last one repeats). */
async function serveDataset(page, responses) {
  let n = 0;
  await page.route("**/fixtures/hospital.json", (route) => {
    const r = responses[Math.min(n, responses.length - 1)];
    n += 1;
    if (r === "abort") return route.abort("internetdisconnected");
    return route.fulfill({ status: r.status ?? 200, contentType: "application/json", body: r.body ?? "" });
  });
}

test("a missing dataset (404) says so, and Retry recovers when the file appears", async ({ page }) => {
  await serveDataset(page, [{ status: 404, body: "not here" }, { body: sample }]);
  await page.goto(HOST);
  const alert = widget(page).locator(".load-problem");
  await expect(alert).toContainText("error 404");
  await expect(alert).toContainText("/fixtures/hospital.json");
  await expectAccessible(page, "fetch error");
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(widget(page).locator(".doctor-card").first()).toBeVisible();
});

test("a server error and a dropped connection are told apart", async ({ page }) => {
  await serveDataset(page, [{ status: 500, body: "oops" }, "abort", { body: sample }]);
  await page.goto(HOST);
  await expect(widget(page).locator(".load-problem")).toContainText("error 500");
  await widget(page).getByRole("button", { name: "Try again" }).click();
  await expect(widget(page).locator(".load-problem")).toContainText("could not be reached");
  await widget(page).getByRole("button", { name: "Try again" }).click();
  await expect(widget(page).locator(".doctor-card").first()).toBeVisible();
});

test("a server that stops answering is told after 20 s without a byte, and Retry recovers", async ({ page }) => {
  // The page's clock is the test's: 21 s pass at once once the request hangs.
  await page.clock.install();
  let asked = 0;
  let hanging = null;
  await page.route("**/fixtures/hospital.json", (route) => {
    asked += 1;
    if (asked === 1) {
      hanging = route; // never answered
      return;
    }
    return route.fulfill({ status: 200, contentType: "application/json", body: sample });
  });
  await page.goto(HOST);
  await expect.poll(() => asked).toBe(1);
  await page.clock.fastForward(19_000);
  await expect(widget(page).locator(".load-problem")).toHaveCount(0);
  await page.clock.fastForward(2_000);
  const alert = widget(page).locator(".load-problem");
  await expect(alert).toContainText("took too long");
  expect(hanging, "the first request was left unanswered").not.toBeNull();
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(widget(page).locator(".doctor-card").first()).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test("invalid JSON names the line and column", async ({ page }) => {
  const broken = sample.replace('"schema": 1,', '"schema": 1,,');
  await serveDataset(page, [{ body: broken }]);
  await page.goto(HOST);
  const problem = widget(page).locator(".load-problem");
  await expect(problem).toContainText("The hospital information has errors");
  await expect(problem.locator(".problem-place")).toContainText(/line \d+, column \d+/);
});

test("every meaning error is listed with its JSON path, several at once", async ({ page }) => {
  const data = JSON.parse(sample);
  data.doctors[0].departments = ["no-such-department"];
  data.doctors[1].schedule = [{ weekday: "funday", session: "morning", clinic: "general" }];
  data.articles[0].source_url = "javascript:alert(1)";
  await serveDataset(page, [{ body: JSON.stringify(data) }]);
  await page.goto(HOST);
  const paths = widget(page).locator(".problem-path");
  await expect(paths.first()).toBeVisible();
  const all = await paths.allTextContents();
  expect(all).toEqual(expect.arrayContaining(["doctors[0].departments[0]", "doctors[1].schedule[0].weekday", "articles[0].source_url"]));
});

test("a slow dataset shows how much has arrived", async ({ page }) => {
  await page.goto("/host/slow.html");
  const status = page.locator("#slow .hs .loading");
  await expect(status).toContainText(/of \d+ KB/);
  await expect(page.locator("#slow .hs progress")).toBeVisible();
  await expect(page.locator("#slow .hs .doctor-card").first()).toBeVisible({ timeout: 15_000 });
});

test("compiled records arriving in parts are read as they come, and show what the JSON shows", async ({ page }) => {
  // The build's hospital.bin in ten parts over 3 s: the first part holds the header and
  // cuts a record; every later part does too.
  await page.goto("/host/slow.html");
  const records = page.locator("#slow-records .hs");
  const json = page.locator("#slow .hs");
  await expect(records.locator(".loading")).toContainText(/of \d+ KB/);
  await expect(records.locator(".doctor-card").first()).toBeVisible({ timeout: 15_000 });
  await expect(json.locator(".doctor-card").first()).toBeVisible({ timeout: 15_000 });
  await expect(records.locator(".result-count")).toHaveText((await json.locator(".result-count").textContent()) ?? "");
  const names = (w) => w.locator(".doctor-card .doctor-name a").allTextContents();
  expect(await names(records)).toEqual(await names(json));
  await expectAccessible(page, "two widgets, one fed compiled records in parts");
});

test("a download slower than the timeout still arrives, as long as its bytes keep coming", async ({ page }) => {
  test.setTimeout(90_000);
  // The records in ten parts over 24 s: past the 20 s a request may go without a byte,
  // but never 20 s without one.
  await page.route("**/host/slow.html", async (route) => {
    const original = await (await route.fetch()).text();
    return route.fulfill({ contentType: "text/html", body: original.replace("/__slow/hospital.bin?ms=3000", "/__slow/hospital.bin?ms=24000") });
  });
  await page.goto("/host/slow.html");
  const records = page.locator("#slow-records .hs");
  await expect(records.locator(".doctor-card").first()).toBeVisible({ timeout: 60_000 });
  await expect(records.locator(".load-problem")).toHaveCount(0);
});

test("a large dataset is checked and indexed in slices: progress moves and the page keeps painting", async ({ page }) => {
  test.setTimeout(90_000);
  // About 6,000 doctors: the sample's, then copies of them under new ids (about 12 MB).
  const data = JSON.parse(sample);
  const doctors = [...data.doctors];
  for (let copy = 1; doctors.length < 6000; copy += 1) {
    for (const d of data.doctors) doctors.push({ ...d, id: `${d.id}-${copy}` });
  }
  data.doctors = doctors;
  await serveDataset(page, [{ body: JSON.stringify(data) }]);
  // In the page, every frame notes what the widget's status says: frames painted
  // while the data was being prepared mean the page was not frozen meanwhile.
  await page.addInitScript(() => {
    window.__statuses = [];
    const watch = () => {
      const root = document.querySelector("#remote")?.shadowRoot;
      const status = root?.querySelector(".loading");
      if (status) window.__statuses.push(status.textContent.trim());
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  await page.goto(HOST);
  await expect(widget(page).locator(".doctor-card").first()).toBeVisible({ timeout: 60_000 });
  await expect(widget(page).locator(".result-count")).toContainText(/6,0\d\d doctors found/);
  const statuses = await page.evaluate(() => window.__statuses);
  const preparing = statuses.filter((s) => s.startsWith("Preparing the hospital information"));
  const percents = new Set(preparing.map((s) => s.match(/(\d+) %/)?.[1]));
  expect(preparing.length, statuses.join(" | ").slice(0, 500)).toBeGreaterThanOrEqual(3);
  expect(percents.size).toBeGreaterThanOrEqual(2);
  // The doctor search of so many doctors is built in slices too, with its own progress.
  expect(statuses.some((s) => s.startsWith("Preparing the doctor search"))).toBe(true);
  // Then it works as with the sample: the 6,000 doctors are all searchable.
  await widget(page).getByRole("searchbox").fill("zhang wei");
  await expect(widget(page).locator(".doctor-card").first()).toContainText("Wei Zhang 张伟");
  // The sample's Zhang Wei and each of their 92 copies, at least.
  const found = async () => Number((await widget(page).locator(".result-count").textContent()).replace(/\D/g, ""));
  await expect.poll(found).toBeLessThan(6000);
  expect(await found()).toBeGreaterThanOrEqual(93);
});
