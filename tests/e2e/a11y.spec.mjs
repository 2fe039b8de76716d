// WCAG 2.2 AA: axe-core on every page in both languages at desktop and phone widths
// (filters open, error page included), and what axe cannot see: skip link, focus after
// navigation, announcements, keyboard-only use, reflow at 320 px, larger text.
import { test, expect } from "@playwright/test";
import { ORIGIN_SLUG, appReady, expectAccessible } from "./helpers.mjs";

const pages = ["/", "/news", `/news/${ORIGIN_SLUG}`, "/doctors", "/departments", "/nope"];
const widths = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 740 } };

for (const [label, viewport] of Object.entries(widths)) {
  for (const lang of ["en", "zh"]) {
    test(`axe finds nothing on any page (${label}, ${lang})`, async ({ page }) => {
      // Nine pages, each with a full axe run: about 40 s on a busy 2-core machine.
      test.setTimeout(120_000);
      await page.setViewportSize(viewport);
      for (const path of pages) {
        await page.goto(`${path}?lang=${lang}`);
        await appReady(page);
        await expectAccessible(page, `${path} ${label} ${lang}`);
      }
      // A profile and a department page, reached as a person would.
      await page.goto(`/doctors?lang=${lang}`);
      // A press that spans the take-over's swap lands on a card that is gone: follow the
      // link on the live page (before it, a click is a page load of its own).
      await appReady(page);
      await page.locator(".doctor-card h2 a").first().click();
      await expect(page.locator("table.timetable, .profile")).not.toHaveCount(0);
      await expectAccessible(page, `profile ${label} ${lang}`);
      await page.locator(".profile-header .chip").first().click();
      await expect(page.locator(".department h1")).toBeVisible();
      await expectAccessible(page, `department ${label} ${lang}`);
      // The finder with filters open and some chosen.
      await page.goto(`/doctors?lang=${lang}&rank=chief_physician&new=1`);
      // The app draws once its dataset has arrived; only then is there a toggle to see.
      await appReady(page);
      const toggle = page.locator(".filters-toggle");
      if (await toggle.isVisible()) await toggle.click();
      await expect(page.locator(".facet").first()).toBeVisible();
      await expectAccessible(page, `filters open ${label} ${lang}`);
    });
  }
}

test("the skip link is the first stop and moves focus to the main content", async ({ page }) => {
  await page.goto("/doctors");
  await appReady(page);
  await page.keyboard.press("Tab");
  const skip = page.locator(".skip-link");
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("after navigation, focus is on the new page's heading", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await page.locator(".news-card h2 a").first().click();
  await expect(page.locator("main h1")).toBeFocused();
  await page.goBack();
  await expect(page.locator("main h1")).toBeFocused();
});

test("typing announces the new result count in the live region", async ({ page }) => {
  await page.goto("/doctors");
  await appReady(page);
  const live = page.locator('[role="status"][aria-live="polite"]');
  const count = page.locator("#doctor-count");
  // Before typing: the whole list, shown and announced.
  const initial = await count.textContent();
  expect(initial).toMatch(/^\d+ doctors found$/);
  await expect(live).toHaveText(initial);
  await page.locator("#doctor-q").fill("cardiology");
  // The list narrows, and what is announced changes to the new count.
  await expect(count).not.toHaveText(initial);
  const narrowed = await count.textContent();
  const n = Number(narrowed.replace(/\D/g, ""));
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(Number(initial.replace(/\D/g, "")));
  await expect(live).toHaveText(narrowed);
  // And once more, for a search that finds nobody.
  await page.locator("#doctor-q").fill("zzzzqqqq");
  await expect(count).toHaveText("0 doctors found");
  await expect(live).toHaveText("0 doctors found");
  // Typed key by key, the count is announced when typing rests, not once per key.
  await page.locator("#doctor-q").fill("");
  await expect(live).not.toHaveText("0 doctors found");
  await page.evaluate(() => {
    window.__announced = [];
    const region = document.querySelector('[role="status"][aria-live="polite"]');
    new MutationObserver(() => window.__announced.push(region.textContent)).observe(region, { childList: true, subtree: true, characterData: true });
  });
  const typed = "cardiology";
  await page.locator("#doctor-q").pressSequentially(typed, { delay: 40 });
  await expect(live).toHaveText(narrowed);
  const announced = await page.evaluate(() => window.__announced.filter((t) => t.trim() !== ""));
  expect(announced.length).toBeGreaterThanOrEqual(1);
  expect(announced.length).toBeLessThan(typed.length);
  expect(announced[announced.length - 1]).toBe(narrowed);
});

test("a whole journey by keyboard alone: search, filter, open a profile, come back", async ({ page }) => {
  await page.goto("/doctors");
  await appReady(page);
  // Tab from the top of the page to the search box.
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press("Tab");
    if (await page.locator("#doctor-q").evaluate((el) => el === el.getRootNode().activeElement)) break;
  }
  await expect(page.locator("#doctor-q")).toBeFocused();
  await page.keyboard.type("physician");
  await expect(page).toHaveURL(/q=physician/);
  const count = page.locator("#doctor-count");
  // On to the first title-rank checkbox that has doctors, and tick it with Space.
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const name = await page.evaluate(() => document.activeElement?.getAttribute("name"));
    if (name === "rank") break;
  }
  const value = await page.evaluate(() => document.activeElement?.getAttribute("value"));
  const rank = page.locator(`input[name="rank"][value="${value}"]`);
  await expect(rank).toBeFocused();
  // What the option's own count promises is what ticking it must show.
  const promised = Number((await page.locator("label", { has: rank }).locator(".count").textContent()).replace(/\D/g, ""));
  expect(promised).toBeGreaterThan(0);
  await page.keyboard.press("Space");
  await expect(rank).toBeChecked();
  await expect(page).toHaveURL(/rank=/);
  // Ticking a filter is not a new page: focus stays on the box, where the keyboard is.
  await expect(rank).toBeFocused();
  await expect(count).toHaveText(`${promised} doctor${promised === 1 ? "" : "s"} found`);
  // On to the first doctor's link, and open it with Enter.
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press("Tab");
    const inCard = await page.evaluate(() => !!document.activeElement?.closest(".doctor-name"));
    if (inCard) break;
  }
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/doctors\/[A-Za-z0-9_-]+$/);
  await expect(page.locator("main h1")).toBeFocused();
  // Headless Chromium has no browser keys for Back; the page's own link serves keyboard users.
  await page.keyboard.press("Shift+Tab");
  await expect(page.locator(".back-link a")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/rank=/);
  await expect(page.locator("#doctor-q")).toHaveValue("physician");
});

test("at 320 px wide nothing scrolls sideways, and the filters fold into a panel", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ["/", `/news/${ORIGIN_SLUG}`, "/doctors", "/departments"]) {
    await page.goto(path);
    await appReady(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.goto("/doctors");
  // Live first: a click whose press and release straddle the take-over lands on neither
  // copy of the button (the button before the app is live has its own test).
  await appReady(page);
  await expect(page.locator(".facet").first()).toBeHidden();
  await page.locator(".filters-toggle").click();
  await expect(page.locator(".facet").first()).toBeVisible();
  await expect(page.locator(".filters-toggle")).toHaveAttribute("aria-expanded", "true");
});

test("the larger-text switch enlarges the text and is remembered", async ({ page }) => {
  await page.goto("/news");
  await appReady(page);
  const size = () => page.locator(".news-card h2").first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await size();
  await page.getByRole("button", { name: "Larger text" }).click();
  expect(await size()).toBeGreaterThan(before * 1.15);
  await page.reload();
  await appReady(page);
  expect(await size()).toBeGreaterThan(before * 1.15);
});

test.describe("dark mode", () => {
  test.use({ colorScheme: "dark" });
  test("follows the system setting and keeps its contrast", async ({ page }) => {
    for (const path of ["/", "/doctors/zhang-wei", "/doctors?dept=cardiology"]) {
      await page.goto(path);
      await appReady(page);
      const bg = await page.locator(".hs").evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg, path).toBe("rgb(18, 22, 28)");
      await expectAccessible(page, `dark ${path}`);
    }
  });
});

test("animations stop for people who ask for reduced motion", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  // Hold the dataset back so the loading spinner is on screen.
  await page.route("**/fixtures/hospital.json", () => {});
  await page.goto("/host/fetched.html");
  const spinner = page.locator("#remote .hs .spinner");
  await expect(spinner).toBeVisible();
  expect(await spinner.evaluate((el) => getComputedStyle(el).animationName)).toBe("none");
});
