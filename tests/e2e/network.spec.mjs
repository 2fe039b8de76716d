// The network misbehaving: an article body stored in its own file (`body_src`) that
// fails, a body request left behind by a reader who moved on, and a visitor who goes
// offline after the first load. The page must never go blank or lose what it has.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { appReady, expectAccessible } from "./helpers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
// Generated with: hospital-data generate --doctors 12 --articles 6 --seed 7 --split-bodies
//   --out tests/e2e/fixtures/split
const split = JSON.parse(fs.readFileSync(path.join(here, "fixtures/split/hospital.json"), "utf8"));
const HOST = "/host/split.html";
const widget = (page) => page.locator("#split .hs");
// An article with a summary, so that the test can see the summary survive.
const article = split.articles.find((a) => a.body_src && a.summary?.en);
const bodyFile = fs.readFileSync(path.join(here, "fixtures/split", article.body_src), "utf8");
// The first words of the body's first paragraph: what a reader sees once it arrives.
const firstWords = bodyFile
  .split("\n")
  .find((l) => /^[A-Z]/.test(l.trim()))
  .trim()
  .split(/\s+/)
  .slice(0, 4)
  .join(" ");
const BODY_URL = "**/fixtures/split/articles/*.md";
// In widget mode the body's URL is resolved against the dataset's URL, not the host page's.
const expectedBodyPath = `/fixtures/split/${article.body_src}`;

test("a body that fails to load offers Try again, keeps the rest of the article, and recovers", async ({ page }) => {
  const answers = [{ status: 503 }, "abort", { status: 200 }];
  const seen = [];
  await page.route(BODY_URL, (route) => {
    seen.push(new URL(route.request().url()).pathname);
    const a = answers[Math.min(seen.length - 1, answers.length - 1)];
    if (a === "abort") return route.abort("connectionrefused");
    if (a.status !== 200) return route.fulfill({ status: a.status, contentType: "text/plain", body: "down" });
    return route.continue();
  });
  await page.goto(`${HOST}?hs-split=/news/${article.slug}`);
  const w = widget(page);
  const problem = w.locator(".load-problem");
  await expect(problem).toContainText("The article text could not be loaded.");
  expect(seen).toEqual([expectedBodyPath]);

  // Everything that did not need the body file is still there.
  await expect(w.locator("h1")).toHaveText(article.title.en);
  await expect(w.locator(".lede")).toHaveText(article.summary.en);
  await expect(w.locator(".cta")).toBeVisible();
  await expect(w.locator(".cta a")).toHaveText("Find a Doctor");
  await expectAccessible(page, "article body failed");

  // A dropped connection is a failure too, and Try again asks again each time.
  await problem.getByRole("button", { name: "Try again" }).click();
  await expect.poll(() => seen.length).toBe(2);
  await expect(problem).toBeVisible();
  await problem.getByRole("button", { name: "Try again" }).click();
  await expect(w.locator(".prose")).toContainText(firstWords);
  await expect(w.locator(".load-problem")).toHaveCount(0);
  await expect(w.locator("h1")).toHaveText(article.title.en);
  expect(seen).toEqual([expectedBodyPath, expectedBodyPath, expectedBodyPath]);
});

test("leaving an article while its body is loading cancels the request", async ({ page }) => {
  const held = [];
  await page.route(BODY_URL, (route) => {
    // Never answered: the body is still on its way when the reader leaves.
    held.push(route);
  });
  const failed = [];
  page.on("requestfailed", (r) => {
    if (r.url().endsWith(".md")) failed.push(r.failure()?.errorText ?? "");
  });
  await page.goto(HOST);
  const w = widget(page);
  await w.getByRole("link", { name: article.title.en }).first().click();
  await expect(w.locator("h1")).toHaveText(article.title.en);
  await expect(w.locator(".prose, .load-problem")).toHaveCount(0);
  await expect.poll(() => held.length).toBe(1);

  await page.goBack();
  await expect(w.locator(".news-card").first()).toBeVisible();
  await expect.poll(() => failed).toEqual([expect.stringContaining("ERR_ABORTED")]);
  // The abandoned body never turns up later as an error on the page the reader is on.
  await expect(w.locator(".load-problem")).toHaveCount(0);
  for (const route of held) await route.fulfill({ status: 200, body: "late" }).catch(() => {});
  await expect(w.locator(".load-problem")).toHaveCount(0);
});

test("switching to another article cancels the first one's body and shows the second", async ({ page }) => {
  const others = split.articles.filter((a) => a.body_src && a.slug !== article.slug);
  const held = [];
  await page.route(BODY_URL, (route) => {
    if (route.request().url().endsWith(article.body_src)) held.push(route);
    else route.continue();
  });
  const failed = [];
  // Only the first body is checked: Chromium sometimes reports a fetch whose body the app
  // has read in full as ERR_ABORTED too, when the app lets go of it before the loader's
  // completion message arrives (seen with no request interception at all).
  page.on("requestfailed", (r) => {
    if (new URL(r.url()).pathname === expectedBodyPath) failed.push(r.failure()?.errorText);
  });
  await page.goto(`${HOST}?hs-split=/news/${article.slug}`);
  const w = widget(page);
  await expect.poll(() => held.length).toBe(1);
  // Related and previous/next links lead on to other articles of the same widget.
  const next = w.locator(".article-nav a").filter({ hasText: new RegExp(others.map((a) => escape(a.title.en)).join("|")) });
  await next.first().click();
  await expect(w.locator("h1")).not.toHaveText(article.title.en);
  await expect(w.locator(".prose")).toBeVisible();
  await expect.poll(() => failed).toEqual(["net::ERR_ABORTED"]);
});

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test("offline after the first load: search, profiles and inline articles keep working", async ({ page, context }) => {
  // The home page loads the records and their articles; the finder is a step within the app.
  await page.goto("/");
  await appReady(page);
  await page.getByRole("link", { name: "Find a Doctor", exact: true }).first().click();
  await expect(page.locator(".doctor-card").first()).toBeVisible();
  await context.setOffline(true);
  const appFailures = [];
  page.on("requestfailed", (r) => {
    const url = new URL(r.url());
    // Pictures named in the dataset may fail offline; the app's own code and data may not be needed.
    if (!/\.(svg|png|jpe?g|webp)$/.test(url.pathname)) appFailures.push(`${url.pathname} ${r.failure()?.errorText}`);
  });

  await page.getByLabel("Search doctors").pressSequentially("zhang", { delay: 20 });
  await expect(page.locator(".doctor-card").first()).toContainText("Zhang");
  await page.locator(".doctor-card h2 a").first().click();
  await expect(page).toHaveURL(/\/doctors\/[A-Za-z0-9_-]+$/);
  await expect(page.locator("main h1")).toContainText("Zhang");
  await expect(page.locator("table.timetable")).toBeVisible();

  await page.getByRole("link", { name: "News", exact: true }).first().click();
  await expect(page.locator(".news-card").first()).toBeVisible();
  await page.locator(".news-card h2 a").first().click();
  await expect(page.locator("main h1")).toBeVisible();
  await expect(page.locator(".prose p").first()).toBeVisible();
  await expect(page.locator(".load-problem")).toHaveCount(0);
  await page.goBack();
  await expect(page.locator(".news-card").first()).toBeVisible();
  expect(appFailures).toEqual([]);
  await context.setOffline(false);
});

test("news opened offline after the finder alone says it could not load them, and Retry loads them once online", async ({ page, context }) => {
  const articles = [];
  page.on("request", (r) => r.url().endsWith("/hospital.articles.bin") && articles.push(r.resourceType()));
  await page.goto("/doctors");
  await appReady(page);
  await page.getByLabel("Search doctors").pressSequentially("zhang", { delay: 20 });
  await expect(page.locator(".doctor-card").first()).toContainText("Zhang");
  // The finder never shows an article: their file was not fetched.
  expect(articles).toEqual([]);
  await context.setOffline(true);
  await page.getByRole("link", { name: "News", exact: true }).first().click();
  const problem = page.locator(".load-problem");
  await expect(problem).toBeVisible();
  await expect(problem.locator("h1")).toHaveText("The news could not be loaded");
  await expect(problem).toContainText("hospital.articles.bin");
  await expect(page.locator("header.site-header")).toBeVisible();
  // The home page shows the hospital, and in place of its latest news a line with Retry.
  await page.locator("a.brand-name").click();
  await expect(page.locator(".home-emergency")).toBeVisible();
  const latest = page.locator(".home-news .load-problem");
  await expect(latest).toHaveText(/The news could not be loaded\./);
  await expectAccessible(page, "home with its news failed");
  await context.setOffline(false);
  await latest.getByRole("button", { name: "Try again" }).click();
  await expect(page.locator(".home-news .news-card")).toHaveCount(3);
  await page.getByRole("link", { name: "News", exact: true }).first().click();
  await expect(page.locator(".news-card").first()).toBeVisible();
  await expect(page.locator(".load-problem")).toHaveCount(0);
  await expectAccessible(page, "news after Retry");
});

test("a profile reached from the finder lists its news from the records, and fetches the articles only when one is opened", async ({ page }) => {
  const sample = JSON.parse(fs.readFileSync(path.join(here, "../../data/sample.json"), "utf8"));
  const named = sample.articles.find((a) => a.doctors?.length);
  const doctor = sample.doctors.find((d) => d.id === named.doctors[0]);
  const news = sample.articles.filter((a) => a.doctors?.includes(doctor.id));
  const articles = [];
  page.on("request", (r) => r.url().endsWith("/hospital.articles.bin") && articles.push(r.url()));
  await page.goto("/doctors");
  await appReady(page);
  await page.getByLabel("Search doctors").pressSequentially(doctor.name.en, { delay: 20 });
  await page.locator(".doctor-card h2 a", { hasText: doctor.name.en }).first().click();
  await expect(page).toHaveURL(new RegExp(`/doctors/${doctor.id}$`));
  const section = page.locator("section", { has: page.getByRole("heading", { name: "In the news" }) });
  await expect(section.getByRole("link")).toHaveText(news.map((a) => a.title.en));
  expect(articles).toEqual([]);
  // Following one brings the articles, once.
  await section.getByRole("link", { name: named.title.en }).click();
  await expect(page.locator("main h1")).toHaveText(named.title.en);
  expect(articles).toHaveLength(1);
});

/** Every string in the dataset that names an image file: the only pictures the app may ask for. */
function imagesNamedIn(data) {
  const found = new Set();
  JSON.stringify(data, (key, value) => {
    if (typeof value === "string" && /\.(svg|png|jpe?g|webp|gif)$/i.test(value)) found.add(value.replace(/^\.?\//, ""));
    return value;
  });
  return found;
}

test("the app asks for its own files, its published dataset and the images named in it, nothing else", async ({ page, baseURL }) => {
  const sample = JSON.parse(fs.readFileSync(path.join(here, "../../data/sample.json"), "utf8"));
  const images = imagesNamedIn(sample);
  const requests = [];
  page.on("request", (r) => requests.push({ url: new URL(r.url()), type: r.resourceType() }));
  // A crafted link trying to choose the dataset through the page's query string.
  await page.goto("/?src=/fixtures/split/hospital.json&data-src=/fixtures/split/hospital.json&hs-src=/fixtures/split/hospital.json");
  await appReady(page);
  await expect(page.locator(".brand-name")).toContainText("Willowmere");
  await page.locator(".news-card h2 a").first().click();
  await expect(page.locator(".prose").first()).toBeVisible();
  await page.goto("/doctors");
  // Within the app: a link followed before it is live is a page load of its own.
  await appReady(page);
  // A profile lists the news naming its doctor from the records: no articles' file.
  await page.locator(".doctor-card h2 a").first().click();
  await expect(page.locator("table.timetable")).toBeVisible();
  await page.goto("/departments");
  await expect(page.locator(".department-card").first()).toBeVisible();
  // The pre-rendered page shows at once; the app asks for its dataset after the first paint.
  await appReady(page);

  const origin = new URL(baseURL).origin;
  // hospital.bin: the dataset the site build published beside the app, compiled.
  const own = new Set(["/hospital_site.js", "/hospital_site_bg.wasm", "/main.css", "/favicon.svg", "/hospital.bin", "/hospital.articles.bin"]);
  const stray = requests.filter(({ url, type }) => {
    if (url.origin !== origin) return true;
    if (type === "document") return false;
    if (own.has(url.pathname)) return false;
    return !images.has(url.pathname.slice(1));
  });
  expect(stray.map(({ url, type }) => `${type} ${url.href}`)).toEqual([]);
  // Its own dataset, once, whatever the address asked for; navigating within the app never fetches it again.
  const datasets = requests.filter(({ url }) => /\.(json|bin)$/.test(url.pathname)).map(({ url }) => url.pathname);
  // The home page shows articles: their file, once; the finder, the profile and the
  // departments never ask for it.
  expect(datasets).toEqual(["/hospital.bin", "/hospital.articles.bin", "/hospital.bin", "/hospital.bin"]);
});

test("a widget loads the dataset its element names, never one from the page's address", async ({ page }) => {
  const datasets = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.endsWith(".json")) datasets.push(new URL(r.url()).pathname);
  });
  await page.goto(`${HOST}?src=/hospital.json&data-src=/hospital.json&hs-split-src=/hospital.json&hs-src=/hospital.json`);
  await expect(widget(page).locator(".news-card").first()).toBeVisible();
  await expect(widget(page).locator(".news-card").first()).toContainText(
    new RegExp(split.articles.map((a) => escape(a.title.en)).join("|")),
  );
  expect(datasets).toEqual(["/fixtures/split/hospital.json"]);
});
