// Static first: every page is the app's own rendering before any script runs (issue 14).
// Without JavaScript a reader still reads the news, the articles, the doctors and their
// timetables; with it, the live app takes the page's place without changing what is shown.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { appReady, publish, published } from "./helpers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const sample = JSON.parse(fs.readFileSync(path.join(here, "../../data/sample.json"), "utf8"));
const en = (t) => (typeof t === "string" ? t : t.en);
const newest = [...sample.articles].sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));

/** Every kind of page the build writes. */
const PAGES = ["/", "/news/", "/news/page/2", `/news/${newest[0].slug}`, "/doctors/", "/doctors/zhang-wei", "/departments/", "/departments/cardiology", "/zh/", "/zh/doctors/zhang-wei"];

/**
 * The page as a reader meets it: each element with its attributes (sorted) and its own
 * text, whitespace collapsed. Comments and the empty text nodes that mark a view's
 * dynamic parts are not part of it.
 */
function visibleTree() {
  const walk = (el) => {
    const attrs = [...el.attributes]
      // `class=""` and no class, or classes in another order, are the same to a reader.
      .filter((a) => !a.name.startsWith("data-hs-") && !(a.name === "class" && a.value.trim() === ""))
      .map((a) => `${a.name}=${a.name === "class" ? a.value.trim().split(/\s+/).sort().join(" ") : a.value}`)
      .sort()
      .join(" ");
    // The live region's announcements are not on screen.
    const text = el.getAttribute("aria-live") ? "" : [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join("")
      .replace(/\s+/g, " ")
      .trim();
    return [`<${el.localName} ${attrs}>${text}`, ...[...el.children].flatMap(walk)];
  };
  return walk(document.querySelector("#app > .hs"));
}

/** Holds the dataset's response back, so the app is not ready until the returned function is called. */
async function holdDataset(page) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/hospital.bin", async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a reader reads the feed, opens an article, a doctor's timetable and a department", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("main h1")).toHaveText(en(sample.hospital.name));
    await expect(page.locator(".news-card").first()).toContainText(en(newest[0].title));
    await page.getByRole("link", { name: "All news" }).click();
    await expect(page).toHaveURL(/\/news\/$/);
    await expect(page.locator(".news-card")).not.toHaveCount(0);
    // Paging through the feed: each page is a file of its own.
    await page.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/news\/page\/2$/);
    await expect(page.locator(".news-card").first()).toContainText(en(newest[10].title));
    await expect(page.locator(".pager [aria-current=page]")).toHaveText("2");
    await page.getByRole("link", { name: "Previous" }).click();
    await expect(page).toHaveURL(/\/news\/?$/);
    await expect(page.locator(".news-card").first()).toContainText(en(newest[0].title));
    await page.locator(".news-card h2 a").first().click();
    await expect(page.locator("main h1")).toHaveText(en(newest[0].title));
    // The whole body, Markdown rendered: paragraphs and a table.
    await expect(page.locator(".article .prose p").first()).toBeVisible();
    await expect(page.locator(".article .prose table")).not.toHaveCount(0);

    await page.getByRole("link", { name: "Find a Doctor" }).first().click();
    await expect(page).toHaveURL(/\/doctors\/$/);
    await expect(page.locator(".doctor-card")).not.toHaveCount(0);
    // A browser with scripts off shows <noscript>; Playwright's switch only stops scripts
    // (the parser still treats <noscript> as raw text), so the note is checked in the markup.
    expect(await page.locator("main noscript").textContent()).toContain("need JavaScript");
    await page.locator(".doctor-card .doctor-name a").first().click();
    await expect(page).toHaveURL(/\/doctors\/[a-z-]+$/);
    await expect(page.locator("main table.timetable")).toBeVisible();

    await page.getByRole("link", { name: "Departments" }).first().click();
    await page.getByRole("link", { name: "Cardiology" }).first().click();
    await expect(page.locator("main h1")).toHaveText("Cardiology");
    // Its week overview names its doctors, each a link to the profile.
    const doctor = page.locator('main .overview-cell a[href*="/doctors/"]').first();
    const name = (await doctor.textContent()).trim();
    await doctor.click();
    await expect(page.locator("main h1")).toContainText(name);
  });
});

test.describe("in Chinese, with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a reader stays on Chinese pages from link to link", async ({ page }) => {
    await page.goto("/zh/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh");
    await expect(page.locator("main h1")).toHaveText(sample.hospital.name.zh);
    await page.locator(".news-card h2 a").first().click();
    await expect(page).toHaveURL(new RegExp(`/zh/news/${newest[0].slug}$`));
    await expect(page.locator("main h1")).toHaveText(newest[0].title.zh);
    await page.getByRole("link", { name: "找医生" }).first().click();
    await expect(page).toHaveURL(/\/zh\/doctors\/?$/);
    await expect(page.locator("main h1")).toHaveText("找医生");
  });
});

test("switching language moves the address to the other edition, and back", async ({ page }) => {
  await page.goto("/doctors/zhang-wei");
  await appReady(page);
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page).toHaveURL(/\/zh\/doctors\/zhang-wei$/);
  await expect(page.locator(".site-nav a").first()).toHaveAttribute("href", "/zh/news");
  await page.reload();
  await appReady(page);
  await expect(page.locator("main h1")).toContainText("张伟");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/doctors\/zhang-wei$/);
  await expect(page.locator(".site-nav a").first()).toHaveAttribute("href", "/news");
});

test("the live app takes each kind of page's place showing exactly what was there, with no layout shift", async ({ browser }) => {
  // Each kind of page twice (still and live): on a busy 2-core machine it timed out at 30 s.
  test.setTimeout(120_000);
  const still = await browser.newContext({ javaScriptEnabled: false });
  const live = await browser.newContext();
  for (const url of PAGES) {
    const before = await still.newPage();
    await before.goto(url);
    const rendered = await before.evaluate(visibleTree);
    await before.close();

    const page = await live.newPage();
    await page.addInitScript(() => {
      window.__shifts = [];
      // Each shift with what moved, from where to where, so that a failure names it.
      const name = (n) => (n ? `${n.nodeName.toLowerCase()}${n.className ? "." + String(n.className).trim().replace(/\s+/g, ".") : ""}` : "?");
      const box = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.hadRecentInput) continue;
          const moved = (e.sources || []).map((s) => `${name(s.node)} ${box(s.previousRect)} -> ${box(s.currentRect)}`);
          window.__shifts.push({ value: e.value, at: Math.round(e.startTime), moved });
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(url);
    await appReady(page);
    expect(await page.evaluate(visibleTree), url).toEqual(rendered);
    const shifts = await page.evaluate(() => window.__shifts);
    expect(shifts.reduce((a, e) => a + e.value, 0), `layout shift on ${url}: ${JSON.stringify(shifts)}`).toBe(0);
    await page.close();
  }
  await still.close();
  await live.close();
});

test("the finder takes over with its whole first page of cards, though it builds them a few per task", async ({ page }) => {
  await page.addInitScript(() => {
    new MutationObserver((records, observer) => {
      const app = document.getElementById("app");
      if (!app || !app.hasAttribute("data-hs-live")) return;
      window.__cardsAtTakeOver = app.querySelectorAll(".doctor-card").length;
      observer.disconnect();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-hs-live"] });
  });
  for (const path of ["/doctors/", "/doctors?page=2", "/doctors/?dept=cardiology"]) {
    await page.goto(path);
    const written = await page.locator("#app .doctor-card").count();
    await appReady(page);
    const live = await page.evaluate(() => window.__cardsAtTakeOver);
    if (path === "/doctors/") expect(written, "the page's own cards").toBe(20);
    expect(live, `${path}: cards when the app took over`).toBe(await page.locator(".doctor-card").count());
    expect(live, path).toBeGreaterThan(path.includes("dept") ? 0 : 19);
  }
});

test("a page written at build time is painted before any of the app's files is asked for", async ({ page }) => {
  for (const path of ["/", "/doctors/", "/doctors/zhang-wei", `/news/${newest[0].slug}`]) {
    await page.goto(path);
    await appReady(page);
    const { paint, app } = await page.evaluate(() => ({
      paint: performance.getEntriesByName("first-paint")[0]?.startTime,
      app: performance
        .getEntriesByType("resource")
        .filter((r) => /\/(hospital_site\.js|hospital_site_bg\.wasm|hospital\.(json|bin))$/.test(new URL(r.name).pathname))
        .map((r) => ({ file: new URL(r.name).pathname, start: r.startTime })),
    }));
    expect(paint, `${path}: first paint`).toBeGreaterThan(0);
    expect(app.map((r) => r.file).sort(), path).toEqual(["/hospital.bin", "/hospital_site.js", "/hospital_site_bg.wasm"]);
    for (const r of app) expect(r.start, `${path}: ${r.file} asked for after the first paint`).toBeGreaterThanOrEqual(paint);
  }
});

test("before the app is ready, links are plain links; when it takes over, focus and scroll stay", async ({ page }) => {
  const release = await holdDataset(page);
  await page.setViewportSize({ width: 800, height: 500 });
  await page.goto("/news/");
  await expect(page.locator("#app")).not.toHaveAttribute("data-hs-live");
  // Scrolled down, a card's link focused, while the dataset is still on its way.
  const link = page.locator(".news-card h2 a").nth(3);
  await link.focus();
  const title = await link.textContent();
  await page.evaluate(() => window.scrollTo(0, 400));
  const scrolled = await page.evaluate(() => window.scrollY);
  release();
  await appReady(page);
  expect(await page.evaluate(() => document.activeElement.textContent)).toBe(title);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  // The live app's links navigate in place.
  await page.locator(".news-card h2 a").first().click();
  await expect(page.locator("main h1")).toHaveText(en(newest[0].title));
});

test("what a visitor types and ticks before the app is ready is still there, and searched, when it takes over", async ({ page, browser }) => {
  const release = await holdDataset(page);
  await page.goto("/doctors/");
  // A slow phone: the page's own box and filters, the app not there yet.
  const rank = page.locator('input[name="rank"]').first();
  await rank.check();
  const box = page.locator("#doctor-q");
  await box.click();
  await box.pressSequentially("heart");
  await expect(page.locator("#app")).not.toHaveAttribute("data-hs-live");
  release();
  await appReady(page);
  await expect(page.locator("#doctor-q")).toHaveValue("heart");
  await expect(page.locator("#doctor-q")).toBeFocused();
  await expect(page.locator('input[name="rank"]').first()).toBeChecked();
  await expect(page).toHaveURL(/[?&]q=heart/);
  await expect(page).toHaveURL(/[?&]rank=/);
  // The results are the search's: the same as a fresh visit to that address shows.
  const fresh = await browser.newPage();
  await fresh.goto(page.url());
  await appReady(fresh);
  await expect(fresh.locator("#doctor-q")).toHaveValue("heart");
  await expect(page.locator("#doctor-count")).toHaveText(await fresh.locator("#doctor-count").textContent());
  expect(await page.locator(".doctor-card h2").allTextContents()).toEqual(await fresh.locator(".doctor-card h2").allTextContents());
  await fresh.close();
  // And the search is a live one: typing on goes on searching.
  await page.locator("#doctor-q").press("Backspace");
  await expect(page).toHaveURL(/[?&]q=hear(&|$)/);
});

test("opened at a search's address, a page shows that search and never the unfiltered list", async ({ page }) => {
  const release = await holdDataset(page);
  // A link a department page or a host site gives: the page written at build time has every
  // doctor; until the app applies the search, the box and boxes say what it is, the list waits.
  await page.goto("/doctors?q=heart&rank=chief_physician");
  await expect(page.locator("#app")).not.toHaveAttribute("data-hs-live");
  await expect(page.locator("#doctor-q")).toHaveValue("heart");
  await expect(page.locator('input[name="rank"][value="chief_physician"]')).toBeChecked();
  await expect(page.locator(".doctor-card").first()).toBeHidden();
  await expect(page.locator("#doctor-count")).toBeHidden();
  release();
  await appReady(page);
  await expect(page.locator("#doctor-q")).toHaveValue("heart");
  await expect(page.locator(".doctor-card").first()).toBeVisible();
  // The search's own results: fewer than the page's 20, each a Chief Physician.
  const ranks = await page.locator(".doctor-card .rank").allTextContents();
  expect(ranks.length).toBeGreaterThan(0);
  expect(ranks.length).toBeLessThan(20);
  for (const rank of ranks) expect(rank).toContain("Chief Physician");
  await expect(page.locator("#doctor-count")).toHaveText(`${ranks.length} doctor${ranks.length === 1 ? "" : "s"} found`);
  // The whole feed at its own address is the page itself, shown at once.
  const feed = await page.context().newPage();
  await feed.route("**/hospital.bin", () => {}); // never answered
  await feed.goto("/news/");
  await expect(feed.locator(".news-card").first()).toBeVisible();
  // A campaign's tag on the address asks for no search: the page is shown as it is.
  await feed.goto("/news/?utm_source=newsletter");
  await expect(feed.locator(".news-card").first()).toBeVisible();
  await feed.goto("/news/?category=events");
  await expect(feed.locator(".news-card").first()).toBeHidden();
  await expect(feed.locator("#news-category")).toHaveValue("events");
  await feed.close();
});

test("on a phone, Show filters tapped before the app is ready opens the filters, and they stay open when it takes over", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  const release = await holdDataset(page);
  await page.goto("/doctors/");
  const toggle = page.locator(".filters-toggle");
  await expect(page.locator(".facet").first()).toBeHidden();
  await toggle.click();
  await expect(page.locator("#app")).not.toHaveAttribute("data-hs-live", "");
  await expect(page.locator(".facet").first()).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(toggle).toHaveText("Hide filters");
  release();
  await appReady(page);
  await expect(page.locator(".facet").first()).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(toggle).toHaveText("Hide filters");
  await expect(toggle).toBeFocused();
  // And the live app's own toggle closes them.
  await toggle.click();
  await expect(page.locator(".facet").first()).toBeHidden();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(toggle).toHaveText("Show filters");
});

test("a category chosen in the news filters before the app is ready is applied when it takes over", async ({ page }) => {
  const release = await holdDataset(page);
  await page.goto("/news/");
  const category = page.locator("#news-category");
  const choice = await category.locator("option").nth(1).getAttribute("value");
  await category.selectOption(choice);
  release();
  await appReady(page);
  await expect(page.locator("#news-category")).toHaveValue(choice);
  await expect(page).toHaveURL(new RegExp(`[?&]category=${choice}`));
  const wanted = sample.articles.filter((a) => a.category === choice).length;
  await expect(page.locator(".news-card")).toHaveCount(Math.min(wanted, 10));
});

test("a link followed before the app is ready opens that page, itself rendered", async ({ page }) => {
  await page.route("**/hospital.bin", () => {}); // never answered
  await page.goto("/");
  await page.getByRole("link", { name: "Departments" }).first().click();
  await expect(page).toHaveURL(/\/departments\/?$/);
  await expect(page.locator("main h1")).toHaveText("Departments");
  await expect(page.locator("#app")).not.toHaveAttribute("data-hs-live");
});

test("an article whose body is a file of its own stays on screen until the app has fetched that file", async ({ browser }) => {
  const article = newest[0];
  const url = `/news/${article.slug}`;
  const still = await browser.newContext({ javaScriptEnabled: false });
  const before = await still.newPage();
  await before.goto(url);
  const rendered = await before.evaluate(visibleTree);
  await still.close();

  // The same site, but the dataset keeps this body in a file (as `generate --split-bodies`
  // and large sites do), and the file is slow to come.
  const context = await browser.newContext();
  const page = await context.newPage();
  const split = structuredClone(sample);
  const source = split.articles.find((a) => a.slug === article.slug);
  const text = en(source.body);
  delete source.body;
  source.body_src = "bodies/slow.md";
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await publish(page, published(JSON.stringify(split)));
  await page.route("**/bodies/slow.md", async (route) => {
    await held;
    await route.fulfill({ contentType: "text/markdown; charset=utf-8", body: text });
  });
  const asked = page.waitForRequest("**/bodies/slow.md");
  await page.goto(url);
  await asked;
  // The app has its data and is fetching the body: the page it found stays, body and all.
  await expect(page.locator("#app")).not.toHaveAttribute("data-hs-live");
  await expect(page.locator(".article .prose p").first()).toBeVisible();
  await expect(page.locator("#app .loading")).toHaveCount(0);
  release();
  await appReady(page);
  expect(await page.evaluate(visibleTree)).toEqual(rendered);
  await context.close();
});

test("a page painted while its HTML is still arriving does not move when the rest comes", async ({ browser }) => {
  test.setTimeout(120_000);
  // Scripts off: only the HTML, streamed in ten parts at the page's own address (the test
  // server's `x-hs-slow-html`). A frame of what is parsed so far, later moved by the rest
  // (a search box across the row until the other fields arrive), is a layout shift.
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-hs-slow-html": "1500" } });
  for (const url of PAGES) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const shifts = [];
    cdp.on("PerformanceTimeline.timelineEventAdded", ({ event }) => {
      if (event.type === "layout-shift" && !event.layoutShiftDetails.hadRecentInput) {
        shifts.push({
          value: event.layoutShiftDetails.value,
          moved: event.layoutShiftDetails.sources.map((s) => `${JSON.stringify(s.previousRect)} -> ${JSON.stringify(s.currentRect)}`),
        });
      }
    });
    await cdp.send("PerformanceTimeline.enable", { eventTypes: ["layout-shift"] });
    await page.goto(url);
    await page.waitForLoadState("load");
    await expect(page.locator("main h1")).toBeVisible();
    expect(shifts.reduce((a, s) => a + s.value, 0), `layout shift on ${url} as it arrived: ${JSON.stringify(shifts)}`).toBe(0);
    await page.close();
  }
  await context.close();
});
