// The Markdown parser is a module of its own (hospital_markdown.wasm), not in the app's
// wasm. A site built by `hospital-data site` has its articles parsed at build time and
// never fetches it; pages of a JSON dataset fetch it once, when they have Markdown to read.
import { test, expect } from "@playwright/test";
import { appReady, watchErrors } from "./helpers.mjs";

const MODULE = /\/hospital_markdown\.wasm$/;
// A word of one sample article's body only (not of any title, summary or tag).
const BODY_WORD = "catheter";
const BODY_SLUG = "chest-pain-centre-opens";

/** The module's requests, as they are made. */
function moduleRequests(page) {
  const seen = [];
  page.on("request", (r) => MODULE.test(new URL(r.url()).pathname) && seen.push(r.url()));
  return seen;
}

/** Serves the JSON dataset only, as `trunk serve` or a deployment without a site build. */
async function jsonOnly(page) {
  await page.route(/\/hospital(\.articles)?\.bin$/, (route) => route.fulfill({ status: 404, body: "" }));
}

async function searchNews(page, word) {
  await page.getByRole("searchbox", { name: /search the news/i }).fill(word);
  await expect(page.locator(".news-list .news-card")).toHaveCount(1);
  await expect(page.locator(".news-card h2, .news-card h3").first()).toContainText(/chest pain/i);
}

test("a built site never fetches the Markdown module: home, an article, a news search through bodies", async ({ page }) => {
  const errors = watchErrors(page);
  const seen = moduleRequests(page);
  await page.goto("/");
  await appReady(page);
  await page.goto(`/news/${BODY_SLUG}`);
  await appReady(page);
  await expect(page.locator(".prose h2").first()).toBeVisible();
  await expect(page.locator(".prose")).toContainText(BODY_WORD);
  await page.goto("/news");
  await appReady(page);
  await searchNews(page, BODY_WORD);
  expect(seen).toEqual([]);
  expect(errors).toEqual([]);
});

test("from a JSON dataset, articles' Markdown comes from the module, fetched once for every page", async ({ page }) => {
  await jsonOnly(page);
  const errors = watchErrors(page);
  const seen = moduleRequests(page);
  await page.goto(`/news/${BODY_SLUG}`);
  await appReady(page);
  const prose = page.locator(".prose");
  await expect(prose.locator("h2").first()).toBeVisible();
  await expect(prose).toContainText(BODY_WORD);
  // Another article, reached in the app: the module is there already.
  await page.locator(".article-nav a").first().click();
  await expect(page.locator(".prose p").first()).toBeVisible();
  // A news search through the bodies, in the same visit.
  await page.getByRole("link", { name: "News", exact: true }).first().click();
  await searchNews(page, BODY_WORD);
  expect(seen).toHaveLength(1);
  // The compiled files' 404s are this test's own doing.
  expect(errors.filter((e) => !/\.bin$/.test(e))).toEqual([]);
});

test("when the module cannot be fetched, an article says so with Try again, and the news search still reads the bodies", async ({ page }) => {
  await jsonOnly(page);
  let available = false;
  await page.route(MODULE, (route) => (available ? route.continue() : route.fulfill({ status: 404, body: "" })));
  await page.goto(`/news/${BODY_SLUG}`);
  const problem = page.locator(".hs main [role=alert]");
  await expect(problem).toBeVisible();
  await expect(page.locator(".hs main h1")).toContainText(/chest pain/i);
  available = true;
  await problem.getByRole("button", { name: "Try again" }).click();
  await expect(page.locator(".prose")).toContainText(BODY_WORD);

  // A new visit whose module fails: the search reads the bodies' Markdown as written.
  available = false;
  await page.goto("/news");
  await appReady(page);
  await searchNews(page, BODY_WORD);
});
