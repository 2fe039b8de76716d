// The newsroom as a reader uses it: filter, search with highlights, page, reload a
// filtered address, read an article with every Markdown feature, follow related links.
import { test, expect } from "@playwright/test";
import { ORIGIN_SLUG, appReady, expectAccessible } from "./helpers.mjs";

test("filtering by category and by tag, each kept in the URL and restored on reload", async ({ page }) => {
  await page.goto("/news");
  await appReady(page);
  await page.getByLabel("Category").selectOption("research");
  await expect(page).toHaveURL(/category=research/);
  await expect(page.locator(".news-card .category").first()).toHaveText("Research");
  const categories = await page.locator(".news-card .category").allTextContents();
  expect(categories.length).toBe(2);
  expect(new Set(categories)).toEqual(new Set(["Research"]));
  await page.reload();
  await appReady(page);
  await expect(page.getByLabel("Category")).toHaveValue("research");
  expect(await page.locator(".news-card").count()).toBe(2);
  await page.goto("/news?tag=heart");
  await expect(page.locator(".news-card")).toHaveCount(2);
  await expect(page.getByLabel("Tag")).toHaveValue("heart");
  await expectAccessible(page, "filtered feed");
});

test("search as you type highlights matches, in English and in Chinese", async ({ page }) => {
  await page.goto("/news");
  await appReady(page);
  await page.getByLabel("Search the news").pressSequentially("stroke", { delay: 15 });
  await expect(page).toHaveURL(/q=stroke/);
  await expect(page.locator(".news-card mark").first()).toHaveText(/stroke/i);
  const count = await page.locator(".news-card").count();
  expect(count).toBeGreaterThanOrEqual(1);
  expect(count).toBeLessThan(18);
  // Typing replaced the history entry instead of adding one per key.
  await page.goBack();
  await expect(page).not.toHaveURL(/q=/);
  await page.goto("/news?lang=zh&q=" + encodeURIComponent("胸痛"));
  await expect(page.locator(".news-card").first()).toBeVisible();
  await expect(page.locator(".news-card mark").first()).toHaveText("胸痛");
});

test("no results say so and offer to clear the filters", async ({ page }) => {
  await page.goto("/news?q=zzzzqqq");
  await appReady(page);
  await expect(page.locator(".empty")).toContainText("No articles match");
  await page.locator(".empty a").click();
  await expect(page.locator(".news-card")).toHaveCount(10);
});

test("paging keeps its place in the URL, and a reload returns to the same page", async ({ page }) => {
  await page.goto("/news");
  await appReady(page);
  await expect(page.locator(".news-card")).toHaveCount(10);
  await expect(page.locator(".news-card.lead")).toHaveCount(1);
  await page.locator(".pager a", { hasText: "2" }).click();
  await expect(page).toHaveURL(/\/news\/page\/2$/);
  await expect(page.locator(".news-card")).toHaveCount(8);
  await expect(page.locator(".news-card.lead")).toHaveCount(0);
  await page.reload();
  await appReady(page);
  await expect(page.locator(".pager .current")).toHaveText("2");
  await expect(page.locator(".news-card")).toHaveCount(8);
});

test("an article renders its Markdown: headings, lists, quotes, tables, captioned images", async ({ page }) => {
  await page.goto("/news/chest-pain-centre-opens");
  await appReady(page);
  const prose = page.locator(".prose");
  await expect(prose.locator("h2").first()).toBeVisible();
  await expect(prose.locator("ul li, ol li").first()).toBeVisible();
  await expect(prose.locator("blockquote")).not.toHaveCount(0);
  await expect(prose.locator("table th").first()).toBeVisible();
  await expect(prose.locator("figure img")).toHaveAttribute("alt", /.+/);
  await expect(prose.locator("figure figcaption")).not.toHaveCount(0);
  await expect(page.locator(".article-header .meta")).toContainText("min read");
  await page.goto(`/news/${ORIGIN_SLUG}`);
  await expect(page.locator(".article-cover figcaption")).toBeVisible();
  await expectAccessible(page, "rich article");
});

test("related departments and doctors link into the finder; related and previous/next articles link on", async ({ page }) => {
  await page.goto("/news/chest-pain-centre-opens");
  await appReady(page);
  const doctor = page.locator(".related").filter({ hasText: "Doctors in this story" }).locator("a").first();
  const name = (await doctor.textContent()).trim();
  await doctor.click();
  await expect(page.locator("main h1")).toContainText(name);
  await page.goBack();
  await expect(page.locator(".prev-next .older a")).toBeVisible();
  // The newest article has no newer neighbour.
  await expect(page.locator(".prev-next .newer")).toHaveCount(0);
  const older = (await page.locator(".prev-next .older a").textContent()).trim();
  await page.locator(".prev-next .older a").click();
  await expect(page.locator("main h1")).toHaveText(older);
  await expect(page.locator(".prev-next .newer a")).toBeVisible();
  await expect(page.locator(".article-nav .link-list a").first()).toBeVisible();
});

test("the retold article links to the original publication and ends with Find a Doctor", async ({ page }) => {
  await page.goto(`/news/${ORIGIN_SLUG}`);
  await appReady(page);
  const source = page.getByRole("link", { name: "Read the original publication" });
  await expect(source).toHaveAttribute("href", "https://mp.weixin.qq.com/s/6ZmvafflXcZ_YffawXbJPg");
  await expect(source).toHaveAttribute("rel", /noopener/);
  await page.locator(".cta a").click();
  await expect(page.locator("main h1")).toHaveText("Find a Doctor");
});

test("title, description, Open Graph and NewsArticle JSON-LD follow the page", async ({ page }) => {
  await page.goto("/news");
  await appReady(page);
  await page.locator(".news-card h2 a").first().click();
  const h1 = (await page.locator("main h1").textContent()).trim();
  await expect(page).toHaveTitle(new RegExp(`^${h1.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  const ld = await page.locator('head script[type="application/ld+json"]').textContent();
  const data = JSON.parse(ld);
  expect(data["@type"]).toBe("NewsArticle");
  expect(data.headline).toBe(h1);
  await expect(page.locator('head meta[property="og:title"]')).toHaveAttribute("content", h1);
  await expect(page.locator('head meta[name="description"]')).toHaveAttribute("content", /.+/);
  // Only one of each after navigating.
  await expect(page.locator('head script[type="application/ld+json"]')).toHaveCount(1);
  await expect(page.locator('head link[rel="canonical"]')).toHaveCount(1);
});

test("printing an article leaves out the navigation", async ({ page }) => {
  await page.goto(`/news/${ORIGIN_SLUG}`);
  await appReady(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.locator(".cta")).toBeHidden();
  await expect(page.locator(".prose")).toBeVisible();
});
