// The HTTP headers the README recommends, sent on every response: the site and a widget still
// work with no violation or console error, so a host can copy them as they are.
import { test, expect } from "@playwright/test";
import { ORIGIN_SLUG, appReady } from "./helpers.mjs";

const RECOMMENDED = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "cross-origin-opener-policy": "same-origin",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
};

/** Adds the recommended headers to every response; pages also get their own policy as a header. */
async function sendRecommendedHeaders(page) {
  await page.route("**/*", async (route) => {
    // Requests still in flight when a test ends find the page gone: nothing to answer then.
    const response = await route.fetch().catch(() => null);
    if (!response) return;
    const headers = { ...response.headers(), ...RECOMMENDED };
    if ((headers["content-type"] || "").startsWith("text/html")) {
      const html = await response.text().catch(() => "");
      const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
      if (meta) headers["content-security-policy"] = `${meta[1].replaceAll("&#39;", "'")}; frame-ancestors 'self'`;
      return route.fulfill({ response, headers, body: html }).catch(() => {});
    }
    return route.fulfill({ response, headers }).catch(() => {});
  });
}

function watch(page) {
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

test("the site works under every recommended header", async ({ page }) => {
  await sendRecommendedHeaders(page);
  const problems = watch(page);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const first = await page.goto("/");
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  await expect(page.locator(".news-card").first()).toBeVisible();
  await page.goto(`/news/${ORIGIN_SLUG}`);
  await expect(page.locator(".prose").first()).toBeVisible();
  await page.goto("/doctors");
  // The live page's box and cards: a press that spans the take-over's swap is lost.
  await appReady(page);
  await page.locator("#doctor-q").fill("cardio");
  await page.locator(".doctor-card h2 a").first().click();
  await expect(page.locator("table.timetable")).toBeVisible();
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  expect(problems).toEqual([]);
});

test("a widget works on a host page sending every recommended header", async ({ page }) => {
  await sendRecommendedHeaders(page);
  const problems = watch(page);
  await page.goto("/host/widgets.html");
  await expect(page.locator("#news .hs .news-card").first()).toBeVisible();
  await expect(page.locator("#finder .hs .doctor-card").first()).toBeVisible();
  expect(problems).toEqual([]);
});
