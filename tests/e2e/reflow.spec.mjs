// WCAG 2.1 SC 1.4.10 Reflow, which axe cannot see: at 320 CSS px (what 1280 px at 400 % zoom
// leaves) and at a 390 px phone, no kind of page in either language scrolls sideways, neither
// the document nor `main`. Only a wide table may scroll, inside its own labelled, focusable
// region. The doctors picked from the dataset are the ones most likely to overflow.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ORIGIN_SLUG, appReady } from "./helpers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const sample = JSON.parse(fs.readFileSync(path.join(here, "../../data/sample.json"), "utf8"));
const text = (t) => (typeof t === "string" ? t : `${t?.en ?? ""}${t?.zh ?? ""}`);
const most = (items, score) => items.reduce((best, x) => (score(x) > score(best) ? x : best));
const doctors = [
  ...new Set([
    "zhang-wei",
    most(sample.doctors, (d) => (d.schedule ?? []).length).id,
    most(sample.doctors, (d) => text(d.name).length).id,
    most(sample.doctors, (d) => text(d.bio).length + (d.conditions ?? []).map(text).join("").length).id,
  ]),
];
const department = most(sample.departments, (d) => sample.doctors.filter((x) => x.departments.includes(d.id)).length).id;

/** Every kind of page, with what shows that it has rendered its content. */
const pages = [
  { name: "feed", path: "/", ready: ".news-card" },
  { name: "news page 2", path: "/news?page=2", ready: ".news-card" },
  { name: "article", path: `/news/${ORIGIN_SLUG}`, ready: ".prose" },
  { name: "article with a table", path: "/news/chest-pain-centre-opens", ready: ".prose table" },
  { name: "finder with results", path: "/doctors?q=cardiology", ready: ".doctor-card" },
  { name: "finder with filters open", path: "/doctors?dept=cardiology&rank=chief_physician", ready: ".doctor-card", openFilters: true },
  ...doctors.map((id) => ({ name: `profile ${id}`, path: `/doctors/${id}`, ready: ".profile .timetable-block, .profile-timetable p" })),
  { name: "departments", path: "/departments", ready: ".department-card" },
  { name: "department", path: `/departments/${department}`, ready: "table.overview" },
  { name: "not found", path: "/no/such/page", ready: ".not-found a" },
];

/** How far the page and `main` reach past the screen, and the elements that stick out. */
async function overflow(page) {
  return page.evaluate(() => {
    const main = document.querySelector(".hs main");
    const width = window.innerWidth;
    // An element sticking out counts unless a scroll container of its own holds it.
    const held = (el) => {
      for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden") return true;
      }
      return false;
    };
    const culprits = [...main.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !held(el))
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> right ${Math.round(el.getBoundingClientRect().right)}`);
    return {
      document: document.documentElement.scrollWidth - width,
      main: main.scrollWidth - main.clientWidth,
      mainRight: main.getBoundingClientRect().right - width,
      culprits,
    };
  });
}

for (const width of [320, 390]) {
  for (const lang of ["en", "zh"]) {
    test(`no page scrolls sideways at ${width} px (${lang})`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height: 800 });
      for (const p of pages) {
        const sep = p.path.includes("?") ? "&" : "?";
        await page.goto(`${p.path}${sep}lang=${lang}`);
        await appReady(page);
        await expect(page.locator(p.ready).first()).toBeVisible();
        if (p.openFilters) {
          await page.locator(".filters-toggle").click();
          await expect(page.locator(".facet").first()).toBeVisible();
        }
        const o = await overflow(page);
        const where = `${p.name} (${p.path}) at ${width} px, ${lang}: ${o.culprits.join("; ")}`;
        expect(o.document, where).toBeLessThanOrEqual(0);
        expect(o.main, where).toBeLessThanOrEqual(0);
        expect(o.mainRight, where).toBeLessThanOrEqual(0);
        expect(o.culprits, where).toEqual([]);
        // Whatever may scroll on its own is reachable by keyboard; a timetable's scroller is
        // also a region named after its table. (The Markdown tables of articles have no name
        // to give yet: their region is only focusable.)
        for (const region of await page.locator(".hs main .table-scroll").all()) {
          if (!(await region.isVisible())) continue;
          await expect(region).toHaveAttribute("tabindex", "0");
          if (await region.locator("table.timetable").count()) {
            await expect(region).toHaveAttribute("role", "region");
            await expect(region).toHaveAttribute("aria-label", /\S/);
          }
        }
      }
    });
  }
}

test("on a phone the timetable is a list per day; on a desktop a table that needs no scrolling", async ({ page }) => {
  const busiest = doctors[1];
  for (const lang of ["en", "zh"]) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/doctors/${busiest}?lang=${lang}`);
    await appReady(page);
    const list = page.locator(".timetable-days");
    await expect(list).toBeVisible();
    await expect(page.locator("table.timetable")).toBeHidden();
    // Each session once, under its day: the list holds what the table holds.
    const sessions = sample.doctors.find((d) => d.id === busiest).schedule.length;
    await expect(list.locator(".session")).toHaveCount(sessions);
    await expect(list.locator(".timetable-day").first()).toHaveText(lang === "en" ? /day$/ : /^星期/);

    await page.setViewportSize({ width: 1280, height: 900 });
    await expect(page.locator("table.timetable")).toBeVisible();
    await expect(list).toBeHidden();
    const region = page.locator(".timetable-block .table-scroll");
    const fit = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(fit.scroll, "the timetable scrolls at 1280 px").toBeLessThanOrEqual(fit.client);
    // Not squeezed beside the sidebar: the timetable has the content's full width.
    const widths = await page.evaluate(() => ({
      region: document.querySelector(".timetable-block").getBoundingClientRect().width,
      article: document.querySelector(".profile").getBoundingClientRect().width,
    }));
    expect(widths.region).toBeGreaterThanOrEqual(widths.article - 1);
  }
});
