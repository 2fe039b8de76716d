// Content is data, never code: a corpus of script-injection payloads in every text field
// of articles (and in names) must neither run nor add any element the app did not mean to.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const sample = JSON.parse(fs.readFileSync(path.join(here, "../../data/sample.json"), "utf8"));

// Each payload tries to call window.__pwned() or alert() if it ever runs.
const PAYLOADS = [
  "<script>window.__pwned('script')</script>",
  "<img src=x onerror=\"window.__pwned('img')\">",
  "<svg onload=\"window.__pwned('svg')\"></svg>",
  "<iframe src=\"javascript:window.parent.__pwned('iframe')\"></iframe>",
  "<a href=\"javascript:window.__pwned('a')\">click</a>",
  "\"><script>window.__pwned('attr')</script>",
  "' onmouseover='window.__pwned(\"quote\")' x='",
  "<body onload=\"window.__pwned('body')\">",
  "<details open ontoggle=\"window.__pwned('details')\">",
  "<object data=\"javascript:window.__pwned('object')\"></object>",
  "<embed src=\"javascript:window.__pwned('embed')\">",
  "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned('math')>",
  "[click](javascript:window.__pwned('md-link'))",
  "[click](JaVaScRiPt:window.__pwned('md-case'))",
  "[click](java\tscript:window.__pwned('md-tab'))",
  "![img](javascript:window.__pwned('md-img'))",
  "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj48L3N2Zz4=)",
  "<javascript:window.__pwned('autolink')>",
  "[ref][r]\n\n[r]: javascript:window.__pwned('ref')",
  "<style>*{display:none}</style>",
  "<form action=\"javascript:window.__pwned('form')\"><button>go</button></form>",
  "{{constructor.constructor('window.__pwned(\"template\")')()}}",
  "</script><script>window.__pwned('close')</script>",
  "<a href=\"&#106;avascript:window.__pwned('entity')\">x</a>",
];

function hostileDataset() {
  const data = structuredClone(sample);
  data.hospital.name = { en: PAYLOADS[0], zh: PAYLOADS[1] };
  data.articles = data.articles.slice(0, 1).flatMap(() =>
    PAYLOADS.map((p, i) => ({
      ...structuredClone(sample.articles[i % sample.articles.length]),
      slug: `hostile-${i}`,
      title: { en: `Payload ${i} ${p}`, zh: p },
      summary: p,
      tags: [p.slice(0, 40), `t${i}`],
      author: p,
      body: `# ${p}\n\n${p}\n\n- ${p}\n\n> ${p}\n\n| a | b |\n|---|---|\n| ${p.replace(/\|/g, "")} | x |\n\n![${p}](images/heart.svg "${p}")\n`,
      cover: { src: "images/heart.svg", alt: p, caption: p },
      source_url: "https://example.org/source",
    })),
  );
  data.doctors[0].name = { en: PAYLOADS[2], zh: PAYLOADS[3] };
  data.doctors[0].bio = PAYLOADS[4];
  data.doctors[0].specialties = [PAYLOADS[5]];
  return data;
}

async function expectNothingInjected(page) {
  const found = await page.locator("#xss").evaluate((host) => {
    const root = host.shadowRoot;
    // The front door's own search form (#home-search) is the one form the app renders.
    const bad = root.querySelectorAll(
      "script, iframe, object, embed, svg, style, form:not(#home-search), details, math, [onerror], [onload], [onclick], [onmouseover], [ontoggle]",
    );
    const links = [...root.querySelectorAll("a[href], img[src]")]
      .map((el) => el.getAttribute("href") ?? el.getAttribute("src"))
      .filter((u) => /^\s*(javascript|data|vbscript):/i.test(u.replace(/[\t\n\r]/g, "")));
    return { tags: [...bad].map((e) => e.outerHTML.slice(0, 80)), links };
  });
  expect(found).toEqual({ tags: [], links: [] });
}

test("payloads in every text field show as text and never run", async ({ page }) => {
  // Every hostile article in turn: many page loads, more than one test's usual time on a
  // busy 2-core machine (it timed out there at 30 s).
  test.setTimeout(120_000);
  const ran = [];
  await page.exposeFunction("__pwned", (where) => ran.push(where));
  page.on("dialog", (d) => {
    ran.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
  const body = JSON.stringify(hostileDataset());
  await page.route("**/fixtures/xss.json", (route) => route.fulfill({ contentType: "application/json", body }));
  await page.goto("/host/xss.html");
  const widget = page.locator("#xss .hs");
  await expect(widget.locator(".news-card").first()).toBeVisible();
  // The payload is visible as text, exactly as written.
  await expect(widget.locator(".brand-name")).toHaveText(PAYLOADS[0]);
  await expectNothingInjected(page);
  // Open every hostile article (feed pages of ten), hover and click what is there.
  for (let i = 0; i < PAYLOADS.length; i++) {
    await page.goto(`/host/xss.html?hs-xss=${encodeURIComponent(`/news/hostile-${i}`)}`);
    await expect(widget.locator("main h1")).toContainText(`Payload ${i}`);
    await expect(widget.locator(".prose")).toBeVisible();
    for (const link of await widget.locator(".prose a").all()) {
      await link.hover();
    }
    await expectNothingInjected(page);
  }
  // And a doctor whose name is a payload.
  await page.goto(`/host/xss.html?hs-xss=${encodeURIComponent(`/doctors/${sample.doctors[0].id}`)}`);
  await expect(widget.locator("main h1")).toContainText("<svg");
  await expectNothingInjected(page);
  expect(ran).toEqual([]);
});

test("payloads in URL fields are refused by validation and shown as text", async ({ page }) => {
  const ran = [];
  await page.exposeFunction("__pwned", (where) => ran.push(where));
  page.on("dialog", (d) => {
    ran.push("dialog");
    d.dismiss();
  });
  const data = structuredClone(sample);
  data.articles[0].source_url = "javascript:window.__pwned('source')";
  data.articles[1].cover.src = "data:text/html,<script>window.__pwned('cover')</script>";
  data.doctors[0].booking = { url: "javascript:window.__pwned('booking')" };
  data.hospital.website = "vbscript:msgbox(1)";
  await page.route("**/fixtures/xss.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(data) }));
  await page.goto("/host/xss.html");
  const paths = page.locator("#xss .hs .problem-path");
  await expect(paths.first()).toBeVisible();
  expect(await paths.allTextContents()).toEqual(
    expect.arrayContaining(["articles[0].source_url", "articles[1].cover.src", "doctors[0].booking.url", "hospital.website"]),
  );
  await expect(page.locator("#xss .hs .problems")).toContainText("javascript:window.__pwned");
  await expectNothingInjected(page);
  expect(ran).toEqual([]);
});
