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
