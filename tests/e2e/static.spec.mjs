// What a crawler, a link preview or Lighthouse sees before any script runs: every route
// known from the dataset answers 200 with its own head; the sitemap, feed and robots.txt.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ORIGIN_SLUG } from "./helpers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const sample = JSON.parse(fs.readFileSync(path.join(here, "../../data/sample.json"), "utf8"));
const en = (t) => (typeof t === "string" ? t : t.en);
const jsonLd = (html) => {
  const m = /<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s.exec(html);
  return m ? JSON.parse(m[1]) : null;
};
const unescape = (s) => s.replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">");

test("every article, doctor and department answers 200 with its own title and JSON-LD", async ({ request }) => {
  for (const a of sample.articles) {
    const res = await request.get(`/news/${a.slug}`);
    expect(res.status(), a.slug).toBe(200);
    const html = await res.text();
    expect(unescape(/<title>(.*?)<\/title>/s.exec(html)[1])).toContain(en(a.title));
    const ld = jsonLd(html);
    expect(ld["@type"]).toBe("NewsArticle");
    expect(ld.headline).toBe(en(a.title));
    expect(html).toContain('property="og:type" content="article"');
    expect(html).toContain(`<link rel="canonical" href="http://127.0.0.1:8080/news/${a.slug}"`);
  }
  for (const d of sample.doctors) {
    const res = await request.get(`/doctors/${d.id}`);
    expect(res.status(), d.id).toBe(200);
    const ld = jsonLd(await res.text());
    expect(ld["@type"]).toBe("Physician");
    expect(ld.name).toBe(en(d.name));
  }
  for (const d of sample.departments) {
    const res = await request.get(`/departments/${d.id}`);
    expect(res.status(), d.id).toBe(200);
    expect(unescape(await res.text())).toContain(`<h1>${en(d.name)}</h1>`);
  }
  for (const list of ["/", "/news/", "/doctors/", "/departments/"]) {
    expect((await request.get(list)).status(), list).toBe(200);
  }
});

test("the pre-rendered preview and head are there before scripts run, and the CSP meta is in every page", async ({ request }) => {
  const html = await (await request.get(`/news/${ORIGIN_SLUG}`)).text();
  expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src &#39;self&#39; &#39;wasm-unsafe-eval&#39; &#39;sha256-/);
  expect(html).toContain('<link rel="alternate" type="application/atom+xml"');
  // The app's own markup for the page, the whole article in it (see static-first.spec).
  // It shows an article: their file is fetched with the records (data-hs-articles).
  expect(html).toMatch(/<div id="app" data-hospital-site-root data-hs-prerendered data-hs-articles data-hs-params="[a-z ]+"><div lang="en" class="hs">/);
  const finder = await (await request.get("/doctors/")).text();
  expect(finder).toMatch(/<div id="app" data-hospital-site-root data-hs-prerendered data-hs-params="[a-z ]+">/);
  expect(html).toMatch(/<main id="main"[^>]*>.*<article class="article".*<h1>/s);
  expect(html).not.toContain("<!--hs:");
});

test("each page has its Chinese edition under /zh/, in Chinese, and each names the other", async ({ request }) => {
  for (const [en, zh] of [["/", "/zh/"], [`/news/${ORIGIN_SLUG}`, `/zh/news/${ORIGIN_SLUG}`], ["/doctors/zhang-wei", "/zh/doctors/zhang-wei"]]) {
    const res = await request.get(zh);
    expect(res.status(), zh).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="zh">');
    expect(html).toContain('<div lang="zh" class="hs">');
    expect(html).toContain(`<link rel="canonical" href="http://127.0.0.1:8080${zh === "/zh/" ? "/zh/" : zh}"`);
    for (const page of [html, await (await request.get(en)).text()]) {
      expect(page).toContain(`<link rel="alternate" hreflang="en" href="http://127.0.0.1:8080${en}">`);
      expect(page).toContain(`<link rel="alternate" hreflang="zh-Hans" href="http://127.0.0.1:8080${zh}">`);
    }
  }
  const profile = await (await request.get("/zh/doctors/zhang-wei")).text();
  expect(profile).toContain("张伟");
  expect(profile).toContain('href="/zh/doctors"');
});

test("unknown paths answer 404 with the app and noindex", async ({ request }) => {
  const res = await request.get("/no/such/page");
  expect(res.status()).toBe(404);
  const html = await res.text();
  expect(html).toContain('<meta name="robots" content="noindex">');
  expect(html).toContain('id="app"');
});

test("the sitemap lists every page; robots.txt points to it; the Atom feed lists the news", async ({ request }) => {
  const sitemap = await (await request.get("/sitemap.xml")).text();
  const locs = [...sitemap.matchAll(/<loc>(.*?)<\/loc>/g)].map((m) => m[1]);
  // Every page twice: in English, and in Chinese under /zh/.
  // The feed's later pages have their own paths: 10 articles a page.
  const feedPages = Math.ceil(sample.articles.length / 10);
  const perLanguage = 4 + (feedPages - 1) + sample.articles.length + sample.doctors.length + sample.departments.length;
  expect(locs.length).toBe(2 * perLanguage);
  expect(locs).toContain("http://127.0.0.1:8080/news/page/2");
  expect(locs).toContain("http://127.0.0.1:8080/zh/news/page/2");
  expect(locs).toContain(`http://127.0.0.1:8080/zh/news/${ORIGIN_SLUG}`);
  expect(locs).toContain("http://127.0.0.1:8080/zh/doctors/zhang-wei");
  expect(locs).toContain(`http://127.0.0.1:8080/news/${ORIGIN_SLUG}`);
  expect(locs).toContain("http://127.0.0.1:8080/doctors/zhang-wei");
  expect(await (await request.get("/robots.txt")).text()).toContain("Sitemap: http://127.0.0.1:8080/sitemap.xml");
  const feed = await (await request.get("/feed.xml")).text();
  expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  expect([...feed.matchAll(/<entry>/g)].length).toBe(sample.articles.length);
  expect(feed.indexOf("chest-pain-centre-opens")).toBeLessThan(feed.indexOf(ORIGIN_SLUG));
});

test("the sub-path build puts its prefix in canonical URLs, assets and the feed", async ({ request }) => {
  const res = await request.get(`/hospital-site/news/${ORIGIN_SLUG}`);
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html).toContain(`<link rel="canonical" href="http://127.0.0.1:8080/hospital-site/news/${ORIGIN_SLUG}"`);
  expect(html).toContain('<base href="/hospital-site/"');
  expect(html).toContain("/hospital-site/hospital_site.js");
  const sitemap = await (await request.get("/hospital-site/sitemap.xml")).text();
  expect(sitemap).toContain("http://127.0.0.1:8080/hospital-site/doctors/zhang-wei");
});
