// What a patient sees on a phone and a desktop beyond what axe checks: booking within the
// first screen of a profile, result cards with the photo beside the name, a search
// placeholder that fits its box, weekday headings without an abbreviation underline, and a
// focus ring in the brand colour with enough contrast (WCAG 2.2 SC 2.4.11 / 1.4.11).
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { appReady } from "./helpers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const sample = JSON.parse(fs.readFileSync(path.join(here, "../../data/sample.json"), "utf8"));
const longestName = sample.doctors.reduce((a, d) => (`${d.name.en}${d.name.zh}`.length > `${a.name.en}${a.name.zh}`.length ? d : a)).id;
const PHONE = { width: 390, height: 844 };

for (const lang of ["en", "zh"]) {
  for (const id of [...new Set(["zhang-wei", longestName])]) {
    test(`on a phone, how to book is on the first screen of ${id}'s profile (${lang})`, async ({ page }) => {
      await page.setViewportSize(PHONE);
      await page.goto(`/doctors/${id}?lang=${lang}`);
      await appReady(page);
      const booking = page.locator(".profile .booking");
      await expect(booking).toBeVisible();
      const doctor = sample.doctors.find((d) => d.id === id);
      const online = booking.locator("a.button");
      const phone = booking.locator('a[href^="tel:"]');
      await expect(online).toHaveAttribute("href", doctor.booking.url);
      await expect(phone).toHaveText(doctor.booking.phone);
      // Scrolled to the top, both ways to book are wholly on the first screen.
      await page.evaluate(() => window.scrollTo(0, 0));
      for (const el of [booking, online, phone]) {
        const box = await el.boundingBox();
        expect(box.y, "top on the first screen").toBeGreaterThanOrEqual(0);
        expect(box.y + box.height, "bottom on the first screen").toBeLessThanOrEqual(PHONE.height);
      }
      // Right under the name, rank and department: before the biography and the timetable.
      const order = await page.evaluate(() => {
        const top = (s) => document.querySelector(s)?.getBoundingClientRect().top ?? null;
        return { departments: top(".profile .departments"), booking: top(".profile .booking"), bio: top(".profile-main"), timetable: top(".profile-timetable") };
      });
      expect(order.booking).toBeGreaterThan(order.departments);
      expect(order.booking).toBeLessThan(order.bio);
      expect(order.booking).toBeLessThan(order.timetable);
    });
  }

  test(`phone result cards keep the photo beside the name (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto(`/doctors?lang=${lang}`);
    await appReady(page);
    const cards = page.locator(".doctor-card");
    await expect(cards.first()).toBeVisible();
    for (const card of (await cards.all()).slice(0, 5)) {
      const avatar = await card.locator(".avatar").boundingBox();
      const name = await card.locator(".doctor-name").boundingBox();
      expect(avatar.x + avatar.width, "the avatar is left of the name").toBeLessThanOrEqual(name.x);
      expect(avatar.y, "the avatar is on the name's row").toBeLessThan(name.y + name.height);
    }
  });

  for (const width of [320, 390, 1280]) {
    test(`the search placeholders fit their boxes at ${width} px (${lang})`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      for (const [url, box] of [[`/doctors?lang=${lang}`, "#doctor-q"], [`/news?lang=${lang}`, 'input[type="search"]']]) {
        await page.goto(url);
        await appReady(page);
        const input = page.locator(box).first();
        await expect(input).toBeVisible();
        const fit = await input.evaluate((el) => {
          const s = getComputedStyle(el, "::placeholder");
          const ctx = document.createElement("canvas").getContext("2d");
          ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
          const own = getComputedStyle(el);
          const room = el.clientWidth - parseFloat(own.paddingLeft) - parseFloat(own.paddingRight);
          return { text: el.placeholder, needed: ctx.measureText(el.placeholder).width, room };
        });
        expect(fit.text.length, url).toBeGreaterThan(0);
        expect(fit.needed, `${url}: "${fit.text}" needs ${fit.needed}px of ${fit.room}px`).toBeLessThanOrEqual(fit.room);
      }
    });
  }

  test(`weekday headings carry no dotted abbreviation underline (${lang})`, async ({ page }) => {
    await page.goto(`/doctors/zhang-wei?lang=${lang}`);
    await appReady(page);
    const heads = page.locator("table.timetable thead th");
    await expect(heads).toHaveCount(5);
    const lines = await heads.evaluateAll((ths) =>
      ths.flatMap((th) => [th, ...th.querySelectorAll("*")].map((el) => getComputedStyle(el).textDecorationLine)),
    );
    expect(lines.every((l) => l === "none"), lines.join(",")).toBe(true);
    // The full day's name, so no abbreviation is left to explain.
    await expect(heads.first()).toHaveText(lang === "en" ? "Monday" : "星期一");
  });
}

/** WCAG relative luminance contrast of two `rgb()` colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

for (const scheme of ["light", "dark"]) {
  test.describe(`focus ring (${scheme})`, () => {
    test.use({ colorScheme: scheme });
    test("is the brand colour, at least 3:1 against the page, and not an error red", async ({ page }) => {
      await page.goto("/doctors");
      await appReady(page);
      // Keyboard focus on a link and on the search box: :focus-visible applies to both.
      for (const target of [".site-nav a", "#doctor-q", ".doctor-card h2 a"]) {
        await page.locator(target).first().focus();
        await page.keyboard.press("Shift+Tab");
        await page.keyboard.press("Tab");
        const ring = await page.locator(target).first().evaluate((el) => {
          const s = getComputedStyle(el);
          const root = getComputedStyle(el.closest(".hs"));
          return { focused: el.matches(":focus-visible"), color: s.outlineColor, style: s.outlineStyle, width: parseFloat(s.outlineWidth), bg: root.backgroundColor, brand: root.getPropertyValue("--brand").trim() };
        });
        expect(ring.focused, target).toBe(true);
        expect(ring.style, target).toBe("solid");
        expect(ring.width, target).toBeGreaterThanOrEqual(2);
        expect(contrast(ring.color, ring.bg), `${target} ${ring.color} on ${ring.bg}`).toBeGreaterThanOrEqual(3);
        const brand = await page.evaluate((c) => {
          const el = document.createElement("i");
          el.style.color = c;
          document.body.append(el);
          const rgb = getComputedStyle(el).color;
          el.remove();
          return rgb;
        }, ring.brand);
        expect(ring.color, target).toBe(brand);
      }
    });
  });
}
