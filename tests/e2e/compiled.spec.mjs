// The doctor index compiled at build time (`doctors.idx`, `hospital-data site` or
// `compile`): a page of a large hospital reads it instead of building the index itself;
// a damaged one is reported with Retry; one of another dataset is not trusted.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { cli, expectAccessible, serveFile } from "./helpers.mjs";

const HOST = "/host/compiled.html";
const widget = (page) => page.locator("#remote .hs");

/** A generated hospital, its compiled doctor index and its compiled records, made by the
 * project's own CLI. */
function hospital(doctors, seed) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-compiled-"));
  cli("generate", "--doctors", String(doctors), "--articles", "0", "--seed", String(seed), "--out", dir);
  cli("compile", path.join(dir, "hospital.json"));
  // Above 1,000 doctors the biographies, education and timetable rooms are in files of
  // their own.
  const details = Object.fromEntries(
    fs.readdirSync(dir)
      .filter((f) => /^hospital\.details\.\d+\.bin$/.test(f))
      .map((f) => [f, fs.readFileSync(path.join(dir, f))]),
  );
  return {
    json: fs.readFileSync(path.join(dir, "hospital.json")),
    index: fs.readFileSync(path.join(dir, "doctors.idx")),
    records: fs.readFileSync(path.join(dir, "hospital.bin")),
    details,
  };
}

// Above the 1,000 doctors whose index the app builds at once without asking for a file.
let big;
let other;
test.beforeAll(() => {
  big = hospital(1500, 3);
  other = hospital(1500, 4);
});

/** Serves the dataset (JSON or compiled records: the app tells them apart by their first
 * bytes), and the index answers in turn (the last one repeats). */
async function serve(page, dataset, indexes) {
  const asked = [];
  await page.route("**/fixtures/hospital.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/octet-stream", body: dataset }),
  );
  await page.route("**/fixtures/doctors.idx", (route) => {
    const r = indexes[Math.min(asked.length, indexes.length - 1)];
    asked.push(route.request().url());
    if (r === 404) return route.fulfill({ status: 404, body: "not here" });
    return route.fulfill({ status: 200, contentType: "application/octet-stream", body: r });
  });
  return asked;
}

function warnings(page) {
  const seen = [];
  page.on("console", (m) => {
    if (m.type() === "warning" && m.text().includes("doctor index")) seen.push(m.text());
  });
  return seen;
}

/** What the finder shows for a query: the count and the first five names. */
async function answer(page, q) {
  const before = await page.evaluate(() => location.search);
  await widget(page).getByRole("searchbox").fill(q);
  // The address follows once typing pauses, after the results: then they are final.
  await page.waitForFunction((prev) => location.search !== prev, before);
  await expect(widget(page).locator(".doctor-card").first()).toBeVisible();
  return {
    count: await widget(page).locator(".result-count").textContent(),
    names: await widget(page).locator(".doctor-card .doctor-name").evaluateAll((els) =>
      els.slice(0, 5).map((e) => e.textContent.trim()),
    ),
  };
}

test("a large hospital's finder reads the compiled index and answers as the index built in the page", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const asked = await serve(page, big.json, [big.index]);
  const warned = warnings(page);
  await page.goto(HOST);
  await expect(widget(page).locator(".doctor-card").first()).toBeVisible({ timeout: 60_000 });
  expect(asked.length).toBe(1);
  const queries = ["zhang", "心内科", "cardiolgy", "headache"];
  const compiled = [];
  for (const q of queries) compiled.push(await answer(page, q));
  expect(warned).toEqual([]);

  // The same hospital without a compiled index: the page builds its own, and says so.
  const page2 = await browser.newPage();
  await serve(page2, big.json, [404]);
  const warned2 = warnings(page2);
  await page2.goto(HOST);
  await expect(widget(page2).locator(".doctor-card").first()).toBeVisible({ timeout: 60_000 });
  for (const [i, q] of queries.entries()) {
    expect(await answer(page2, q), q).toEqual(compiled[i]);
  }
  expect(warned2.join(" ")).toContain("building it here");
  await page2.close();

  // The same hospital as compiled records (`hospital-data compile` writes them beside the
  // JSON): read without parsing, and the index of the JSON they came from belongs to them.
  const page3 = await browser.newPage();
  const asked3 = await serve(page3, big.records, [big.index]);
  const warned3 = warnings(page3);
  await page3.goto(HOST);
  await expect(widget(page3).locator(".doctor-card").first()).toBeVisible({ timeout: 60_000 });
  for (const [i, q] of queries.entries()) {
    expect(await answer(page3, q), q).toEqual(compiled[i]);
  }
  expect(asked3.length).toBe(1);
  expect(warned3).toEqual([]);
  await page3.close();
});

/** Serves the large hospital's files where its own site publishes them (the site's root:
 * hospital.json, hospital.bin, doctors.idx); the paths asked for, in order. */
async function publishLarge(page) {
  const asked = [];
  const files = { json: big.json, bin: big.records, idx: big.index };
  await page.route(/\/(hospital\.json|hospital\.bin|doctors\.idx)$/, (route) => {
    const url = new URL(route.request().url()).pathname;
    asked.push(url);
    return route.fulfill({ contentType: "application/octet-stream", body: files[url.split(".").pop()] });
  });
  return asked;
}

/** Serves the large hospital's records in ten parts over `ms` (as on a slow connection)
 * and its index at once; the times, from `Date.now()`, when the records were asked for
 * (`records`) and ended (`recordsDone`), and when the index was asked for (`index`). */
async function slowRecords(page, name, ms) {
  const records = serveFile(`records-${name}-${process.pid}.bin`, big.records);
  const times = {};
  await page.route("**/fixtures/hospital.json", (route) => {
    times.records = Date.now();
    const url = new URL(records, route.request().url()).href;
    return route.continue({ url, headers: { ...route.request().headers(), "x-hs-slow": String(ms) } });
  });
  // The request goes on to the slow copy's address; the app lets it go once the file
  // has the length its header says, so its end is either event.
  const ended = (r) => {
    if (/\/fixtures\/hospital\.json$|\/__tmp\/records-/.test(r.url())) times.recordsDone = Date.now();
  };
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  await page.route("**/fixtures/doctors.idx", (route) => {
    times.index = Date.now();
    return route.fulfill({ status: 200, contentType: "application/octet-stream", body: big.index });
  });
  return times;
}

test("a large hospital's finder asks for its index as soon as the records' first bytes name it, not after them", async ({ page }) => {
  test.setTimeout(90_000);
  // The records arrive in ten parts over 3 s, as on a slow connection.
  const times = await slowRecords(page, "finder", 3000);
  await page.goto(HOST);
  await expect(widget(page).locator(".result-count")).toContainText("1,500 doctors found", { timeout: 60_000 });
  // Asked for while most of the records were still on their way, and used.
  await expect.poll(() => times.recordsDone ?? 0).toBeGreaterThan(0);
  expect(times.index - times.records).toBeLessThan(times.recordsDone - times.records);
  expect(times.recordsDone - times.index).toBeGreaterThan(1000);
  const found = await answer(page, "zhang");
  expect(found.count).not.toContain("1,500");
  expect(found.names.length).toBeGreaterThan(0);
});

test("a large hospital's finder shows its first page and filters before the index's words arrive; a search typed meanwhile waits for them", async ({ page, browser }) => {
  test.setTimeout(90_000);
  // The records at once; the index in ten parts over 15 s. Its browse part (facets and
  // orders, 4 % of the file at 1,500 doctors) is in the first part.
  await page.route("**/fixtures/hospital.json", (route) => route.fulfill({ contentType: "application/octet-stream", body: big.records }));
  const slowIndex = serveFile(`index-browse-${process.pid}.idx`, big.index);
  let indexDone = 0;
  await page.route("**/fixtures/doctors.idx", (route) => {
    const url = new URL(slowIndex, route.request().url()).href;
    return route.continue({ url, headers: { ...route.request().headers(), "x-hs-slow": "15000" } });
  });
  // The app lets the request go once the file has the length its header says, so its
  // end is either event.
  const ended = (r) => {
    if (r.url().includes("/__tmp/index-browse-") || r.url().endsWith("/fixtures/doctors.idx")) indexDone = Date.now();
  };
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  await page.goto(HOST);
  const count = widget(page).locator(".result-count");
  await expect(count).toContainText("1,500 doctors found", { timeout: 60_000 });
  const firstPage = await widget(page).locator(".doctor-card .doctor-name").allTextContents();
  expect(firstPage.length).toBeGreaterThan(0);
  // A filter is answered from the browse part too.
  const department = widget(page).locator('#doctor-filters input[name="dept"]').first();
  await department.check();
  await expect(count).not.toContainText("1,500");
  const filtered = { count: await count.textContent(), names: await widget(page).locator(".doctor-card .doctor-name").allTextContents() };
  expect(indexDone, "the index was still on its way").toBe(0);
  // Words wait for the index: the results say so, and the count is not read out.
  await widget(page).getByRole("searchbox").fill("zhang");
  const waiting = widget(page).locator(".results .loading [role=status]");
  await expect(waiting).toContainText("Preparing");
  expect(indexDone, "the index was still on its way").toBe(0);
  await expect(waiting).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(() => indexDone).toBeGreaterThan(0);
  await expect(count).toContainText(/doctors? found/);
  expect(await count.textContent()).not.toBe(filtered.count);
  await expect(widget(page).locator(".doctor-card").first()).toBeVisible();

  // The same first page and filter with the whole index at once: the same answers.
  const page2 = await browser.newPage();
  await serve(page2, big.records, [big.index]);
  await page2.goto(HOST);
  await expect(widget(page2).locator(".result-count")).toContainText("1,500 doctors found", { timeout: 60_000 });
  expect(await widget(page2).locator(".doctor-card .doctor-name").allTextContents()).toEqual(firstPage);
  await widget(page2).locator('#doctor-filters input[name="dept"]').first().check();
  await expect(widget(page2).locator(".result-count")).toHaveText(filtered.count);
  expect(await widget(page2).locator(".doctor-card .doctor-name").allTextContents()).toEqual(filtered.names);
  await page2.close();
});

test("a large hospital's news widget asks for the doctor index only once its records are in", async ({ page }) => {
  test.setTimeout(90_000);
  // The same widget showing the news: no doctor search waits for the index there, so it
  // must not share the records' bandwidth.
  await page.route("**/host/compiled.html", async (route) => {
    const original = await (await route.fetch()).text();
    return route.fulfill({ contentType: "text/html", body: original.replace('data-view="doctors"', 'data-view="home"') });
  });
  const times = await slowRecords(page, "home", 2000);
  await page.goto(HOST);
  await expect.poll(() => times.index ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
  await expect.poll(() => times.recordsDone ?? 0).toBeGreaterThan(0);
  expect(times.index).toBeGreaterThanOrEqual(times.recordsDone);
});

test("damaged compiled records are reported with what is wrong, and Retry recovers", async ({ page }) => {
  test.setTimeout(90_000);
  const damaged = Buffer.from(big.records);
  damaged[damaged.length - 100] ^= 0x20;
  let answers = 0;
  await page.route("**/fixtures/hospital.json", (route) =>
    route.fulfill({ contentType: "application/octet-stream", body: answers++ === 0 ? damaged : big.records }),
  );
  await page.route("**/fixtures/doctors.idx", (route) => route.fulfill({ contentType: "application/octet-stream", body: big.index }));
  await page.goto(HOST);
  const alert = widget(page).locator(".load-problem");
  await expect(alert).toContainText("hospital information file", { timeout: 60_000 });
  await expect(alert).toContainText("checksum");
  await expect(alert).toContainText("/fixtures/hospital.json");
  await expectAccessible(page, "damaged records");
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(widget(page).locator(".doctor-card").first()).toBeVisible({ timeout: 60_000 });
  await expect(alert).toHaveCount(0);
});

test("a damaged compiled index is reported with what is wrong, and Retry recovers", async ({ page }) => {
  test.setTimeout(90_000);
  const damaged = Buffer.from(big.index);
  damaged[damaged.length - 100] ^= 0x20;
  await serve(page, big.json, [damaged, big.index]);
  await page.goto(HOST);
  const alert = widget(page).locator(".load-problem");
  await expect(alert).toContainText("doctor search file", { timeout: 60_000 });
  await expect(alert).toContainText("checksum");
  await expect(alert).toContainText("/fixtures/doctors.idx");
  await expectAccessible(page, "damaged index");
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(widget(page).locator(".doctor-card").first()).toBeVisible({ timeout: 60_000 });
  await expect(alert).toHaveCount(0);
});

test("an index compiled from another dataset is not used: the page builds its own", async ({ page }) => {
  test.setTimeout(90_000);
  await serve(page, big.json, [other.index]);
  const warned = warnings(page);
  await page.goto(HOST);
  await expect(widget(page).locator(".doctor-card").first()).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => warned.join(" ")).toContain("another dataset");
  await widget(page).getByRole("searchbox").fill("zhang");
  await expect(widget(page).locator(".result-count")).toContainText(/doctors? found/);
  await expect(widget(page).locator(".load-problem")).toHaveCount(0);
});

test("a small hospital never fetches the compiled index: its index costs less than the request", async ({ page }) => {
  const asked = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/doctors.idx")) asked.push(r.url());
  });
  await page.goto("/doctors/");
  await page.waitForFunction(() => document.querySelector("[data-hs-prerendered]")?.hasAttribute("data-hs-live"));
  await page.getByRole("searchbox").first().fill("heart");
  await expect(page.locator(".doctor-card").first()).toBeVisible();
  expect(asked).toEqual([]);
});

test("a large hospital's own site reads the index its build published beside its dataset", async ({ page }) => {
  test.setTimeout(90_000);
  // What `make build DATA=<large hospital>` publishes, served without building again.
  const asked = await publishLarge(page);
  const warned = warnings(page);
  await page.goto("/doctors");
  await expect(page.locator(".result-count")).toContainText("1,500 doctors found", { timeout: 60_000 });
  await page.locator("#doctor-q").fill("zhang");
  await expect(page.locator(".result-count")).not.toContainText("1,500");
  await expect(page.locator(".doctor-card").first()).toBeVisible();
  // Its compiled records and the index compiled beside them; never the JSON, nor
  // any biography.
  expect(asked).toEqual(["/hospital.bin", "/doctors.idx"]);
  expect(warned).toEqual([]);

  // A word only biographies hold: each card says where it was found, from the index.
  await page.locator("#doctor-q").fill("experience");
  await expect(page.locator(".doctor-card").first().locator(".why")).toContainText("Biography: experience");
  expect(asked).toEqual(["/hospital.bin", "/doctors.idx"]);

  // A profile fetches the one file of its doctor's biography and education.
  const detailsAsked = [];
  await page.route(/\/hospital\.details\.\d+\.bin$/, (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    detailsAsked.push(name);
    const body = big.details[name];
    // Slow, so that the profile is shown before its file arrives.
    return new Promise((r) => setTimeout(r, 700)).then(() =>
      body
        ? route.fulfill({ contentType: "application/octet-stream", body })
        : route.fulfill({ status: 404, body: "not here" }),
    );
  });
  const card = page.locator(".doctor-card").nth(3);
  const name = (await card.locator(".doctor-name a").textContent()).trim();
  // Pointing at the name starts the fetch; the click then finds the file there.
  await card.locator(".doctor-name a").hover();
  await expect.poll(() => detailsAsked.length).toBe(1);
  await card.locator(".doctor-name a").click();
  await expect(page.locator("h1")).toContainText(name);
  await expect(page.locator(".profile-main .loading")).toContainText("Loading the biography");
  await expect(page.locator("h1")).toBeFocused();
  await expect(page.getByRole("heading", { name: "Biography" })).toBeVisible();
  // Only the parts the file brings changed: the heading navigation focused is still there.
  await expect(page.locator("h1")).toBeFocused();
  await expect(page.locator(".profile-main .loading")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Education and training" })).toBeVisible();
  await expect(page.locator(".profile-main")).toContainText("years of clinical experience");
  // The timetable's rooms come with it: the finder never needs them.
  await expect(page.locator(".profile-timetable")).toContainText(/Building \d+, Room \d+/);
  expect(detailsAsked).toHaveLength(1);
  await expectAccessible(page, "a large hospital's profile");

  // Reloaded there: the file comes before the profile's first render, once.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Biography" })).toBeVisible({ timeout: 60_000 });
  expect(detailsAsked).toHaveLength(2);
  expect(detailsAsked[1]).toBe(detailsAsked[0]);
});

test("a large hospital's department page starts a profile's fetch when a doctor's name is pointed at", async ({ page }) => {
  test.setTimeout(90_000);
  await publishLarge(page);
  const detailsAsked = [];
  await page.route(/\/hospital\.details\.\d+\.bin$/, (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    detailsAsked.push(name);
    return route.fulfill({ contentType: "application/octet-stream", body: big.details[name] });
  });
  // The app live with the large hospital first (the pages were written for the sample).
  await page.goto("/doctors");
  await expect(page.locator(".result-count")).toContainText("1,500 doctors found", { timeout: 60_000 });
  // By keyboard, so that no pointer rests over the names when they appear.
  await page.locator("header a[href='/departments']").first().focus();
  await page.keyboard.press("Enter");
  await page.locator("main a[href^='/departments/']").first().focus();
  await page.keyboard.press("Enter");
  const doctors = page.locator(".link-list li a[href^='/doctors/']");
  await expect(doctors.first()).toBeVisible({ timeout: 60_000 });
  expect(detailsAsked).toEqual([]);
  const second = doctors.nth(1);
  const name = (await second.textContent()).trim();
  await second.hover();
  await expect.poll(() => detailsAsked.length).toBe(1);
  await second.click();
  await expect(page.locator("h1")).toContainText(name);
  await expect(page.getByRole("heading", { name: "Biography" })).toBeVisible();
  await expect(page.locator(".profile-main .loading")).toHaveCount(0);
  // The click found the file there: it was not asked for again.
  expect(detailsAsked.length).toBe(1);
});

test("a large hospital's profile whose biography cannot be fetched says so, with Retry", async ({ page }) => {
  test.setTimeout(90_000);
  await publishLarge(page);
  let tries = 0;
  await page.route(/\/hospital\.details\.\d+\.bin$/, (route) => {
    tries += 1;
    if (tries === 1) return route.fulfill({ status: 503, body: "busy" });
    const name = new URL(route.request().url()).pathname.slice(1);
    return route.fulfill({ contentType: "application/octet-stream", body: big.details[name] });
  });
  await page.goto("/doctors");
  await expect(page.locator(".result-count")).toContainText("1,500 doctors found", { timeout: 60_000 });
  await page.locator(".doctor-card .doctor-name a").first().click();
  const problem = page.locator(".profile-main .load-problem");
  await expect(problem).toContainText("The biography and education could not be loaded.");
  // The rest of the profile is there meanwhile: the timetable, without its rooms.
  await expect(page.getByRole("heading", { name: "Weekly outpatient timetable" })).toBeVisible();
  await expect(page.locator(".profile-timetable")).not.toContainText("Room");
  await expectAccessible(page, "a profile without its biography");
  // From the keyboard, as a screen-reader user would.
  await problem.getByRole("button", { name: "Try again" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Biography" })).toBeVisible();
  await expect(page.locator(".profile-timetable")).toContainText(/Building \d+, Room \d+/);
  await expect(problem).toHaveCount(0);
  expect(tries).toBe(2);
  // The button went with the problem; the focus stayed in the part it reloaded, so the
  // next Tab goes on from there, not from the top of the page.
  expect(await page.evaluate(() => document.activeElement?.className)).toBe("profile-main");
  // And a sighted keyboard user sees where it went: the part has a focus ring.
  expect(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle)).toBe("solid");
  await page.keyboard.press("Tab");
  const next = await page.evaluate(() => {
    const part = document.querySelector(".profile-main");
    const at = document.activeElement;
    const after = part.compareDocumentPosition(at) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY);
    return { after: after !== 0, top: at === document.body || !!at.closest("header, .skip-link") };
  });
  expect(next).toEqual({ after: true, top: false });
});

test("a large hospital's pre-rendered profile has its script fetch the biography's file with the records", async ({ page }) => {
  // The site build writes data-hs-details on such a profile (crates/hospital-cli/tests/site.rs);
  // here the sample's profile is given one as that build would, and one no build writes.
  const asked = [];
  page.on("request", (r) => {
    const name = new URL(r.url()).pathname;
    if (/\/hospital\.(bin|details\.\d+\.bin)$/.test(name) || name.includes("elsewhere")) asked.push(name);
  });
  for (const [value, expected] of [
    ["hospital.details.0.bin", ["/hospital.bin", "/hospital.details.0.bin"]],
    ["../elsewhere/x.bin", ["/hospital.bin"]],
  ]) {
    asked.length = 0;
    await page.route("**/doctors/hu-wei", async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace("data-hospital-site-root data-hs-prerendered", `data-hospital-site-root data-hs-prerendered data-hs-details="${value}"`);
      return route.fulfill({ response, body: html });
    });
    await page.route(/\/hospital\.details\.\d+\.bin$/, (route) => route.fulfill({ status: 404, body: "" }));
    await page.goto("/doctors/hu-wei");
    await page.waitForFunction(() => document.querySelector("[data-hs-prerendered]")?.hasAttribute("data-hs-live"));
    expect(asked.slice(0, 2), value).toEqual(expected);
    await page.unrouteAll();
  }
});
