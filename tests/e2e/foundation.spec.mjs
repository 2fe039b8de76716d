// The thin slice of every view, as a person uses it: read the news, open an article,
// go back, reload deep links, search doctors, hit a bad address; and the same under a sub-path.
import { test, expect } from "@playwright/test";
import { ORIGIN_SLUG, appReady, expectAccessible, watchErrors } from "./helpers.mjs";

test("the home page is a front door: a doctor search, the campuses, then the latest news", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("/");
  await appReady(page);
  await expect(page.locator("main h1")).toBeVisible();
  await expect(page.locator(".home-search input[name=q]")).toBeVisible();
  expect(await page.locator(".campus-card").count()).toBeGreaterThanOrEqual(2);
  const cards = page.locator(".news-card");
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBe(3);
  const dates = await page.locator(".news-card time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")));
  expect(dates).toEqual([...dates].sort().reverse());
  // The news filters live on the news page, not here.
  await expect(page.locator("#news-category")).toHaveCount(0);
  await expectAccessible(page, "home");
  await page.getByRole("link", { name: "All news" }).click();
  await expect(page).toHaveURL(/\/news$/);
  await expect(page.locator("#news-category")).toBeVisible();
  expect(errors).toEqual([]);
});

test("the home page's doctor search opens the finder with what was typed", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await page.locator("#home-q").fill("cardiology");
  await page.locator("#home-q").press("Enter");
  await expect(page).toHaveURL(/\/doctors\?q=cardiology$/);
  await expect(page.locator("#doctor-q")).toHaveValue("cardiology");
  await expect(page.locator(".doctor-card").first()).toBeVisible();
  await page.goBack();
  await expect(page.locator("#home-q")).toBeVisible();
});

test("clicking an article opens it, and Back returns to the feed", async ({ page }) => {
  await page.goto("/news");
  await appReady(page);
  const first = page.locator(".news-card h2 a").first();
  const title = (await first.textContent()).trim();
  await first.click();
  await expect(page).toHaveURL(/\/news\/[a-z0-9-]+$/);
  await expect(page.locator("main h1")).toHaveText(title);
  await expect(page.locator(".prose p").first()).toBeVisible();
  await expect(page.locator(".cta a")).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/news\/?$/);
  await expect(page.locator(".news-card").first()).toBeVisible();
});

test("a deep link to an article loads after a reload, with its source link and a call to action", async ({ page }) => {
  const response = await page.goto(`/news/${ORIGIN_SLUG}`);
  expect(response.status()).toBe(200);
  await appReady(page);
  await expect(page.locator("main h1")).toContainText(/cooperation|agreement/i);
  await expect(page.locator('a[href="https://mp.weixin.qq.com/s/6ZmvafflXcZ_YffawXbJPg"]')).toBeVisible();
  await expect(page.locator(".cta a")).toHaveAttribute("href", "/doctors");
  await page.reload();
  await appReady(page);
  await expect(page.locator("main h1")).toContainText(/cooperation|agreement/i);
  await expectAccessible(page, "article");
});

test("typing in the doctor search narrows the list; a profile survives a reload", async ({ page }) => {
  await page.goto("/doctors");
  await appReady(page);
  const count = page.locator("#doctor-count");
  const before = Number((await count.textContent()).replace(/\D/g, ""));
  expect(before).toBeGreaterThanOrEqual(60);
  await page.getByLabel("Search doctors").pressSequentially("zhang wei", { delay: 20 });
  // Wait for the count to change: read at once, it may still be the count before typing.
  const shown = async () => Number((await count.textContent()).replace(/\D/g, ""));
  await expect.poll(shown).toBeLessThan(before);
  expect(await shown()).toBeGreaterThanOrEqual(1);
  await expect(page.locator(".doctor-card").first()).toContainText("Zhang");
  await expectAccessible(page, "doctor search");
  await page.locator(".doctor-card h2 a").first().click();
  await expect(page).toHaveURL(/\/doctors\/[A-Za-z0-9_-]+$/);
  await expect(page.locator("main h1")).toContainText("Wei");
  await page.reload();
  await appReady(page);
  await expect(page.locator("main h1")).toContainText("Wei");
  await expect(page.locator("table.timetable")).toBeVisible();
  await expectAccessible(page, "doctor profile");
});

test("an unknown address shows a helpful not-found page with links back", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response.status()).toBe(404);
  await appReady(page);
  await expect(page.locator("main h1")).toHaveText("Page not found");
  await expect(page.locator(".not-found a").first()).toBeVisible();
  await page.locator(".not-found a").first().click();
  await expect(page.locator(".news-card").first()).toBeVisible();
  await expectAccessible(page, "not found");
});

test("an unknown article slug is a not-found page, not a blank one", async ({ page }) => {
  await page.goto("/news/this-article-does-not-exist");
  await appReady(page);
  await expect(page.locator("main h1")).toHaveText("Page not found");
});

test.describe("under a sub-path, as a GitHub project site", () => {
  test("links, deep links and Back keep the /hospital-site/ prefix", async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto("/hospital-site/");
    await appReady(page);
    const link = page.locator(".news-card h2 a").first();
    await expect(link).toHaveAttribute("href", /^\/hospital-site\/news\//);
    await link.click();
    await expect(page).toHaveURL(/\/hospital-site\/news\/[a-z0-9-]+$/);
    await page.reload();
    await appReady(page);
    await expect(page.locator(".cta a")).toHaveAttribute("href", "/hospital-site/doctors");
    await page.locator(".cta a").click();
    await expect(page).toHaveURL(/\/hospital-site\/doctors$/);
    await expect(page.locator(".doctor-card").first()).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/\/hospital-site\/news\//);
    const bad = await page.goto("/hospital-site/nope");
    expect(bad.status()).toBe(404);
    await expect(page.locator("main h1")).toHaveText("Page not found");
    await expect(page.locator(".not-found a").first()).toHaveAttribute("href", "/hospital-site/");
    expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
  });
});
