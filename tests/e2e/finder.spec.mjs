// Find a Doctor as patients use it: every way of writing a name, conditions and symptoms,
// facets with live counts, sorting, the URL as the state, profiles and departments.
import { test, expect } from "@playwright/test";
import { appReady, expectAccessible } from "./helpers.mjs";

const count = async (page) => Number((await page.locator("#doctor-count").textContent()).replace(/\D/g, ""));
const names = (page) => page.locator(".doctor-card .doctor-name a").allTextContents();
const found = (n) => `${n} doctor${n === 1 ? "" : "s"} found`;
/** From now on, what each frame shows of the results: the count, how many cards the list
 * has, whether they reach the window's bottom, and how many "other doctors" follow. */
// The finder's pause (`screenful::PAUSE`): once typing has rested this long, the page
// follows the typed text. A little less, as the page's clock and its timer's may differ by
// a rounding.
const PAUSE_MS = 295;
const watchFrames = (page) =>
  page.evaluate((pause) => {
    window.__frames = [];
    // A busy machine can leave more than the pause between two keys, and the page is then
    // right to follow that prefix; so each frame says whether typing rested since the
    // frame before, seen at the next key or at this frame.
    let lastKey = null;
    let rested = false;
    const look = () => {
      if (lastKey !== null && performance.now() - lastKey >= pause) rested = true;
    };
    document.addEventListener("input", () => { look(); lastKey = performance.now(); }, true);
    const watch = () => {
      look();
      const list = document.querySelector(".doctor-list");
      const cards = [...document.querySelectorAll(".doctor-list > .doctor-card")];
      window.__frames.push({
        count: document.querySelector("#doctor-count")?.textContent,
        cards: cards.length,
        fills: !!list && list.getBoundingClientRect().bottom >= innerHeight,
        // Cards built wholly below the window, where nobody sees them while typing.
        below: cards.filter((c) => c.getBoundingClientRect().top >= innerHeight).length,
        related: document.querySelectorAll("section.related-doctors .doctor-card").length,
        filters: [...document.querySelectorAll("#doctor-filters .count")].map((c) => c.textContent).join(),
        // Within the pause of a key.
        fresh: lastKey !== null && performance.now() - lastKey < pause,
        rested,
      });
      rested = false;
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  }, PAUSE_MS);
const framesSeen = (page) => page.evaluate(() => window.__frames);
const optionCount = async (page, name, value) =>
  Number((await page.locator("label", { has: page.locator(`input[name="${name}"][value="${value}"]`) }).locator(".count").textContent()).replace(/\D/g, ""));

for (const q of ["zhang wei", "zhangwei", "zw", "张伟", "Ｚｈａｎｇ Ｗｅｉ", "zhāng wěi", "ZHANG"]) {
  test(`"${q}" finds Zhang Wei 张伟`, async ({ page }) => {
    await page.goto("/doctors");
    await appReady(page);
    const all = await count(page);
    await page.locator("#doctor-q").pressSequentially(q, { delay: 10 });
    // The list has narrowed to this query (the unfiltered first page may hold Zhang Wei too).
    await expect.poll(() => count(page)).toBeLessThan(all);
    expect(await count(page)).toBeGreaterThan(0);
    expect((await names(page)).map((n) => n.trim())).toContain("Wei Zhang");
  });
}

test("opened directly, a small hospital's finder shows results at once, never a progress bar", async ({ page }) => {
  // Every frame notes whether the finder showed its "Preparing the doctor search" state.
  await page.addInitScript(() => {
    window.__preparing = 0;
    const watch = () => {
      if (document.querySelector(".doctor-finder .loading")) window.__preparing += 1;
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  await page.goto("/doctors?q=cardiology");
  await appReady(page);
  await expect(page.locator(".doctor-card").first()).toBeVisible();
  expect(await page.evaluate(() => window.__preparing)).toBe(0);
});

test("a typo, a prefix, a condition and a plain-language symptom all reach cardiology", async ({ page }) => {
  for (const q of ["cardiolgy", "cardi", "angina", "chest pain"]) {
    await page.goto(`/doctors?q=${encodeURIComponent(q)}`);
    await appReady(page);
    await expect(page.locator(".doctor-card").first()).toBeVisible();
    expect((await names(page)).map((n) => n.trim()), q).toContain("Wei Zhang");
  }
});

test("matched words are highlighted, and a name match ranks first", async ({ page }) => {
  await page.goto("/doctors?q=zhang");
  await appReady(page);
  await expect(page.locator(".doctor-card").first().locator(".doctor-name mark").first()).toHaveText(/zhang/i);
});

test("with a query, ticking one department leaves the other departments' counts alone", async ({ page }) => {
  await page.goto("/doctors?q=" + encodeURIComponent("stomach ache"));
  await appReady(page);
  const option = (id) => page.locator("label", { has: page.locator(`input[name="dept"][value="${id}"]`) }).locator(".count");
  const cardiology = await option("cardiology").textContent();
  const gastro = Number((await option("gastroenterology").textContent()).replace(/\D/g, ""));
  expect(gastro).toBeGreaterThan(0);
  await page.locator('input[name="dept"][value="gastroenterology"]').check();
  await expect(page).toHaveURL(/dept=gastroenterology/);
  await expect(page.locator("#doctor-count")).toHaveText(`${gastro} doctor${gastro === 1 ? "" : "s"} found`);
  // Not "5 cardiologists for stomach ache": the count is still the cardiologists who match.
  await expect(option("cardiology")).toHaveText(cardiology);
});

test("facets show live counts; choosing one narrows results and keeps the others' counts", async ({ page }) => {
  await page.goto("/doctors");
  await appReady(page);
  const total = await count(page);
  const cardiology = page.locator('input[name="dept"][value="cardiology"]');
  const label = page.locator("label", { has: cardiology });
  const expected = Number((await label.locator(".count").textContent()).replace(/\D/g, ""));
  const neurologyBefore = await page.locator("label", { has: page.locator('input[name="dept"][value="neurology"]') }).locator(".count").textContent();
  await cardiology.check();
  await expect(page).toHaveURL(/dept=cardiology/);
  await expect(page.locator("#doctor-count")).toHaveText(`${expected} doctor${expected === 1 ? "" : "s"} found`);
  expect(expected).toBeLessThan(total);
  // Counts are disjunctive: an option's count leaves its own facet's choices out, so
  // neurology still says how many neurologists there are ...
  const neurology = page.locator('input[name="dept"][value="neurology"]');
  const neurologyCount = page.locator("label", { has: neurology }).locator(".count");
  await expect(neurologyCount).toHaveText(neurologyBefore);
  const neurologists = Number(neurologyBefore.replace(/\D/g, ""));
  // ... and ticking it too shows the doctors of either department.
  await neurology.check();
  await expect(page).toHaveURL(/dept=cardiology%2Cneurology|dept=cardiology,neurology/);
  await expect.poll(() => count(page)).toBeGreaterThanOrEqual(Math.max(expected, neurologists));
  expect(await count(page)).toBeLessThanOrEqual(expected + neurologists);
  await neurology.uncheck();
  await expect(page.locator("#doctor-count")).toHaveText(`${expected} doctor${expected === 1 ? "" : "s"} found`);
  // Another facet narrows further, and options with no result are shown but disabled.
  const narrowed = await optionCount(page, "rank", "chief_physician");
  await page.locator('input[name="rank"][value="chief_physician"]').check();
  await expect(page).toHaveURL(/rank=chief_physician/);
  await expect(page.locator("#doctor-count")).toHaveText(found(narrowed));
  expect(narrowed).toBeLessThan(expected);
  const disabled = page.locator('input[name="gender"]:disabled, input[name="slot"]:disabled, input[name="speaks"]:disabled');
  expect(await disabled.count()).toBeGreaterThan(0);
  // Reload restores the whole search.
  await page.reload();
  await appReady(page);
  await expect(page.locator('input[name="dept"][value="cardiology"]')).toBeChecked();
  await expect(page.locator('input[name="rank"][value="chief_physician"]')).toBeChecked();
  await expect(page.locator("#doctor-count")).toHaveText(found(narrowed));
  await expectAccessible(page, "finder with facets");
});

test("every result satisfies the chosen availability and new-patient filters", async ({ page }) => {
  await page.goto("/doctors?slot=tue-afternoon&new=1");
  await appReady(page);
  await expect(page.locator("#doctor-count")).toHaveText(/^[1-9]\d* doctors? found$/);
  const n = await count(page);
  // Every card of the page is there before each is checked, so the loop cannot run empty.
  await expect(page.locator(".doctor-card")).toHaveCount(Math.min(n, 20));
  for (const card of await page.locator(".doctor-card").all()) {
    await expect(card.locator(".badge-ok")).toBeVisible();
  }
  // The first profile does hold a Tuesday afternoon clinic.
  await page.locator(".doctor-card h2 a").first().click();
  const tuesdayAfternoon = page.locator("table.timetable tbody tr", { hasText: "Afternoon" }).locator("td").nth(1);
  await expect(tuesdayAfternoon.locator(".session")).not.toHaveCount(0);
});

test("chips remove one filter; Clear all removes every filter and the query", async ({ page }) => {
  await page.goto("/doctors?q=heart&dept=cardiology&rank=chief_physician");
  await appReady(page);
  const chips = page.locator(".active-filters .chip-remove");
  await expect(chips).toHaveCount(2);
  await chips.first().click();
  await expect(page).not.toHaveURL(/dept=/);
  await expect(page.locator(".active-filters .chip-remove")).toHaveCount(1);
  await page.getByRole("button", { name: "Clear all" }).click();
  await expect(page).toHaveURL(/\/doctors$/);
  await expect(page.locator("#doctor-q")).toHaveValue("");
  await expect(page.locator("#doctor-count")).toHaveText(found(65));
});

test("sorting by name and by title rank", async ({ page }) => {
  await page.goto("/doctors");
  await appReady(page);
  const unsorted = (await names(page)).map((n) => n.trim());
  await page.getByLabel("Sort by").selectOption("name");
  await expect(page).toHaveURL(/sort=name/);
  // Wait for the list to be re-ordered rather than reading it mid-update.
  await expect.poll(async () => (await names(page)).map((n) => n.trim())).not.toEqual(unsorted);
  const byName = (await names(page)).map((n) => n.trim());
  // By family name, as the pinyin is written: "Lijian Cao" before "Kai Cheng".
  const families = byName.map((n) => n.split(" ").at(-1).toLowerCase());
  expect(byName.length).toBe(20);
  expect(families).toEqual([...families].sort());
  await page.getByLabel("Sort by").selectOption("rank");
  await expect(page.locator(".doctor-card .rank").first()).toContainText("Chief Physician");
  await page.getByLabel("Sort by").selectOption("soonest");
  await expect(page.locator(".doctor-card .next").first()).not.toContainText("No regular clinics");
});

test("Back and Forward step through filter changes, not keystrokes", async ({ page }) => {
  await page.goto("/doctors");
  await appReady(page);
  await page.locator('input[name="dept"][value="cardiology"]').check();
  await expect(page).toHaveURL(/dept=cardiology$/);
  await page.locator('input[name="clinic"][value="expert"]').check();
  await expect(page).toHaveURL(/clinic=expert/);
  await page.locator("#doctor-q").pressSequentially("wei", { delay: 10 });
  await expect(page).toHaveURL(/q=wei/);
  await page.goBack();
  await expect(page).toHaveURL(/dept=cardiology$/);
  await expect(page.locator('input[name="clinic"][value="expert"]')).not.toBeChecked();
  await page.goForward();
  await expect(page.locator('input[name="clinic"][value="expert"]')).toBeChecked();
});

test("Back to a search shows its doctors in the search's own order, however the list changed", async ({ page }) => {
  const search = "/doctors?q=heart&rank=chief_physician";
  await page.goto(search);
  await appReady(page);
  const names = () => page.locator(".doctor-card h2").allTextContents();
  const ranked = await names();
  expect(ranked.length).toBeGreaterThan(2);
  // From every doctor (the first page, in name order) straight back to a few, reordered.
  await page.getByRole("button", { name: "Clear all" }).click();
  await expect(page.locator(".doctor-card")).toHaveCount(20);
  expect(await names()).not.toEqual(ranked);
  await page.goBack();
  await expect(page).toHaveURL(/q=heart/);
  await expect(page.locator(".doctor-card")).toHaveCount(ranked.length);
  expect(await names()).toEqual(ranked);
});

test("the address follows typing once it pauses, not at every key, and Back returns to what was typed", async ({ page }) => {
  await page.addInitScript(() => {
    window.__addressWrites = 0;
    const replace = history.replaceState.bind(history);
    history.replaceState = (...args) => {
      window.__addressWrites += 1;
      return replace(...args);
    };
  });
  await page.goto("/doctors");
  await appReady(page);
  const before = await page.evaluate(() => window.__addressWrites);
  const query = "cardiology";
  await page.locator("#doctor-q").pressSequentially(query, { delay: 20 });
  // The results follow every key at once; the address follows when typing stops.
  await expect(page.locator(".doctor-card").first()).toContainText("Cardiology");
  await expect(page).toHaveURL(/q=cardiology$/);
  const writes = (await page.evaluate(() => window.__addressWrites)) - before;
  expect(writes).toBeGreaterThanOrEqual(1);
  expect(writes).toBeLessThan(query.length);
  // Typing, then at once opening a result: Back comes to the search as typed.
  await page.locator("#doctor-q").pressSequentially(" zhang", { delay: 20 });
  await page.locator(".doctor-card .doctor-name a").first().click();
  await expect(page).toHaveURL(/\/doctors\/[a-z0-9-]+$/);
  await page.goBack();
  await expect(page).toHaveURL(/q=cardiology(\+|%20)zhang$/);
  await expect(page.locator("#doctor-q")).toHaveValue("cardiology zhang");
});

test("while a search is typed, the cards that fit the window change; the rest of the page follows when typing pauses", async ({ page }) => {
  await page.goto("/doctors");
  await appReady(page);
  await expect(page.locator(".doctor-card")).toHaveCount(20);
  // At each frame while typing: how many cards there are, and whether they reach the
  // bottom of the window (the cards a reader could see).
  await watchFrames(page);
  // Every prefix of "physician" matches more than a page of the sample's doctors.
  await page.locator("#doctor-q").pressSequentially("physician", { delay: 40 });
  const frames = await framesSeen(page);
  // Never an empty list or a gap below the cards while results exist; and fewer cards
  // than the page's twenty: only what the window shows below the list's top (720 px
  // tall, the list about 400 px down: three cards, where the window's height alone
  // counted six).
  expect(frames.every((f) => f.cards > 0 && f.fills), JSON.stringify(frames)).toBe(true);
  expect(Math.min(...frames.map((f) => f.cards))).toBeLessThan(5);
  // Once typing rests the page is whole, and it is the page the search's address shows.
  await expect(page.locator(".doctor-card")).toHaveCount(20);
  await expect(page).toHaveURL(/q=physician$/);
  const typed = await names(page);
  await page.reload();
  await appReady(page);
  await expect(page.locator(".doctor-card")).toHaveCount(20);
  expect(await names(page)).toEqual(typed);
});

test("while a search is typed, the cards built are those the window shows, measured from the cards themselves", async ({ page }) => {
  // A tall window: the list starts about 500 px down and a card is about 290 px with its
  // gap, so the window shows three. Counted with a fixed guess at a card's least height
  // (140 px), the build before had three cards wholly below the window in some frames.
  await page.setViewportSize({ width: 1280, height: 1200 });
  await page.goto("/doctors");
  await appReady(page);
  await expect(page.locator(".doctor-card")).toHaveCount(20);
  await watchFrames(page);
  await page.locator("#doctor-q").pressSequentially("physician", { delay: 40 });
  await expect(page).toHaveURL(/q=physician$/);
  const typing = (await framesSeen(page)).filter((f) => f.fresh && f.cards < 20);
  expect(typing.length).toBeGreaterThan(0);
  expect(typing.every((f) => f.fills), JSON.stringify(typing)).toBe(true);
  // A card may start below the bottom (a card's least height is a bound, not its height),
  // but never two.
  expect(Math.max(...typing.map((f) => f.below)), JSON.stringify(typing)).toBeLessThan(2);
});

test("while a search is typed, the filters' counts stay as they were; once typing rests they are the search's", async ({ page }) => {
  await page.goto("/doctors");
  await appReady(page);
  const counts = async () => (await page.locator("#doctor-filters .count").allTextContents()).join();
  const before = await counts();
  await watchFrames(page);
  await page.locator("#doctor-q").pressSequentially("cardiology", { delay: 40 });
  await expect(page).toHaveURL(/q=cardiology$/);
  await expect.poll(counts).not.toBe(before);
  const settled = await counts();
  const frames = await framesSeen(page);
  // The list followed the keys ("c", "ca", … each a count of its own) in frames within
  // the pause of a key; the filters changed only where typing had rested, so they never
  // showed the counts of a prefix that was typed on without a pause.
  const changed = (key) => frames.slice(1).filter((f, i) => f[key] !== frames[i][key]);
  expect(changed("count").some((f) => f.fresh && !f.rested), JSON.stringify(frames)).toBe(true);
  expect(changed("filters").every((f) => f.rested), JSON.stringify(frames)).toBe(true);
  expect(frames[0].filters).toBe(before);
  // They are the search's own, as its address shows them when opened.
  await page.goto("/doctors?q=cardiology");
  await appReady(page);
  expect(await counts()).toBe(settled);
});

test("while typing, a condition's other doctors are built only where the window has room; all of them follow when typing rests", async ({ page }) => {
  await page.goto("/doctors");
  await appReady(page);
  // Per frame: the count and how many of the other doctors are on the page.
  await watchFrames(page);
  await page.locator("#doctor-q").pressSequentially("阿尔茨海默病", { delay: 40 });
  // Once typing rests: the one doctor who lists it and the four other neurologists.
  await expect(page.locator("section.related-doctors .doctor-card")).toHaveCount(4);
  // The frames that showed the one doctor within the pause of a key built no more than
  // the window holds: 720 px tall, the list about 400 px down, so room for three cards,
  // one of them the doctor's own.
  const frames = await framesSeen(page);
  const fresh = frames.filter((f) => f.fresh && f.count === found(1));
  expect(fresh.length, JSON.stringify(frames.slice(-20))).toBeGreaterThan(0);
  expect(fresh.every((f) => f.related <= 2), JSON.stringify(fresh)).toBe(true);
});

test("a profile: timetable table, cancelled session, booking by link and phone, JSON-LD", async ({ page }) => {
  await page.goto("/doctors/zhang-wei");
  await appReady(page);
  const table = page.locator("table.timetable");
  await expect(table.locator("caption")).toContainText("Wei Zhang");
  await expect(table.locator('thead th[scope="col"]')).toHaveCount(5);
  await expect(table.locator('tbody th[scope="row"]').first()).toHaveText("Morning");
  await expect(table.locator(".session.cancelled")).toContainText("Cancelled");
  await expect(page.locator('.booking a[href^="tel:+86"]')).toBeVisible();
  await expect(page.locator(".booking a.button")).toHaveAttribute("href", /^https:\/\//);
  await expect(page.locator(".profile-side time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}$/);
  const ld = JSON.parse(await page.locator('head script[type="application/ld+json"]').textContent());
  expect(ld["@type"]).toBe("Physician");
  expect(ld.name).toBe("Wei Zhang");
  await page.locator(".profile-header .chip").first().click();
  await expect(page.locator("main h1")).toHaveText("Cardiology");
  await expectAccessible(page, "department");
});

test("departments are grouped by campus with doctor counts, and each has a week overview", async ({ page }) => {
  await page.goto("/departments");
  await appReady(page);
  await expect(page.locator(".campus-group h2").first()).toBeVisible();
  expect(await page.locator(".campus-group").count()).toBeGreaterThanOrEqual(2);
  await expect(page.locator(".department-card").first()).toContainText(/\d+ doctors?/);
  await page.locator(".department-card a", { hasText: "Cardiology" }).first().click();
  await expect(page.locator("table.overview caption")).toContainText("Cardiology");
  await expect(page.locator("table.overview a", { hasText: "Wei Zhang" }).first()).toBeVisible();
  await page.locator(".department .button").click();
  await expect(page).toHaveURL(/\/doctors\?dept=cardiology$/);
  await expect(page.locator('input[name="dept"][value="cardiology"]')).toBeChecked();
});

test("each card says why it matched: a symptom names the department it led to, in the reader's language", async ({ page }) => {
  await page.goto("/doctors?q=" + encodeURIComponent("stomach ache"));
  await appReady(page);
  const why = page.locator(".doctor-card").first().locator(".why");
  await expect(why).toContainText("Gastroenterology");
  await expect(why.locator("mark").first()).toHaveText(/stomach/i);
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator(".doctor-card").first().locator(".why")).toContainText("消化内科");
  // A name is marked in the heading already; the card adds no reason for it.
  await page.goto("/doctors?q=zhang");
  await appReady(page);
  await expect(page.locator(".doctor-card").first().locator(".doctor-name mark").first()).toBeVisible();
  await expect(page.locator(".doctor-card").first().locator(".why")).toHaveCount(0);
});

test("a condition one doctor lists is followed by the other doctors of that department, in both languages", async ({ page }) => {
  await page.goto("/doctors?q=" + encodeURIComponent("阿尔茨海默病"));
  await appReady(page);
  await expect(page.locator("#doctor-count")).toHaveText(found(1));
  const related = page.locator("section.related-doctors");
  await expect(related.getByRole("heading", { level: 2 })).toHaveText("Other doctors of Neurology");
  await expect(related).toContainText("阿尔茨海默病");
  const tail = await related.locator(".doctor-card .doctor-name a").allTextContents();
  expect(tail.length).toBeGreaterThan(0);
  // Nobody is listed twice, and the count stays that of the doctors who list it.
  const listed = await page.locator(".doctor-list").first().locator(".doctor-name a").allTextContents();
  expect(tail.filter((n) => listed.includes(n))).toEqual([]);
  // Each one of them is a neurologist: their profile says so.
  await related.locator(".doctor-card .doctor-name a").first().click();
  await expect(page.locator("main")).toContainText("Neurology");
  await page.goBack();
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("section.related-doctors h2")).toHaveText("神经内科的其他医生");
  await expectAccessible(page);
  // A name, a department or a symptom brings no such tail.
  for (const q of ["zhang wei", "Cardiology", "headache"]) {
    await page.goto("/doctors?q=" + encodeURIComponent(q));
    await appReady(page);
    await expect(page.locator(".doctor-card").first()).toBeVisible();
    await expect(page.locator("section.related-doctors")).toHaveCount(0);
  }
});
