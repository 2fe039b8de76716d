// Two UI languages: switchable everywhere, remembered, settable by the URL or the
// browser's language, with dates and the page's `lang` following the choice.
import { test, expect } from "@playwright/test";
import { ORIGIN_SLUG, appReady, expectAccessible } from "./helpers.mjs";

test("switching to Chinese changes the UI, <html lang>, and is remembered after a reload", async ({ page }) => {
  await page.goto("/doctors");
  await appReady(page);
  await expect(page.locator("main h1")).toHaveText("Find a Doctor");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("main h1")).toHaveText("找医生");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh");
  await expect(page.getByLabel("搜索医生")).toBeVisible();
  await expect(page.locator(".site-nav")).toContainText("科室");
  await page.reload();
  await appReady(page);
  await expect(page.locator("main h1")).toHaveText("找医生");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("main h1")).toHaveText("Find a Doctor");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the URL can choose the language, and dates follow it", async ({ page }) => {
  await page.goto(`/news/${ORIGIN_SLUG}?lang=zh`);
  await appReady(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh");
  await expect(page.locator(".article-header time")).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  await expect(page.locator(".cta a")).toHaveText("找医生");
  await expectAccessible(page, "article in Chinese");
});

test.describe("a browser set to Chinese", () => {
  test.use({ locale: "zh-CN" });
  test("gets the Chinese UI by default", async ({ page }) => {
    await page.goto("/news");
    await appReady(page);
    await expect(page.locator("main h1")).toHaveText("新闻");
    await expect(page.locator(".news-card time").first()).toHaveText(/年/);
  });
});

test("names in the other language carry their own lang attribute", async ({ page }) => {
  await page.goto("/doctors?lang=en");
  await appReady(page);
  const other = page.locator(".doctor-card .other-name").first();
  await expect(other).toHaveAttribute("lang", "zh");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator(".doctor-card .other-name").first()).toHaveAttribute("lang", "en");
});
