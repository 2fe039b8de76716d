// The built site under a strict Content-Security-Policy sent as a header (this project's
// server sends the policy the page's own meta tag declares). Any violation fails the test.
import { test, expect } from "@playwright/test";
import { ORIGIN_SLUG, appReady } from "./helpers.mjs";

test("every kind of page works under the strict policy with no violation", async ({ page }) => {
  const violations = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const first = await page.goto("/");
  const policy = first.headers()["content-security-policy"];
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).not.toMatch(/'unsafe-eval'/);
  await expect(page.locator(".news-card").first()).toBeVisible();
  await page.locator(".news-card h2 a").first().click();
  await expect(page.locator(".prose").first()).toBeVisible();
  await page.goto(`/news/${ORIGIN_SLUG}`);
  await expect(page.locator(".prose").first()).toBeVisible();
  await page.goto("/doctors");
  // The live page's box and cards: a press that spans the take-over's swap is lost.
  await appReady(page);
  await page.locator("#doctor-q").fill("cardio");
  await page.locator(".doctor-card h2 a").first().click();
  await expect(page.locator("table.timetable")).toBeVisible();
  await page.goto("/departments");
  await expect(page.locator(".department-card").first()).toBeVisible();
  expect(await page.evaluate(() => window.__csp)).toEqual([]);
  expect(violations).toEqual([]);
});
