// Static first (issue 14), side by side in one run: two builds of the site (a build of an
// earlier commit, and today's), each served like GitHub Pages with gzip, on the same pages.
//   node bench/static-first.mjs --before DIR --after DIR [--runs 3] [--out bench/out/static-first.json]
// Reports per page and build: Lighthouse mobile (scores, FCP, LCP, TBT, CLS), and in Chromium
// without throttling: when the first content was painted, whether the first card or paragraph
// was in the HTML response itself, and when the page was live (the app in place).
import fs from "node:fs";
import path from "node:path";
import { launch, log, median, repo, startServer } from "./lib/common.mjs";
import { auditedPages, runLighthouse, startGzipProxy } from "./lib/lighthouse.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const builds = [["before", arg("before")], ["after", arg("after")]];
const runs = Number(arg("runs", 3));
const outFile = arg("out", path.join(repo, "bench/out/static-first.json"));
const pages = auditedPages(JSON.parse(fs.readFileSync(path.join(repo, "data/sample.json"), "utf8")));
// What a reader comes for on each page: in the HTML itself, or only once the app runs?
const FIRST = { home: ".news-card", article: ".article .prose p", "doctor finder": ".doctor-card", "doctor profile": "table.timetable" };

async function paintTimes(baseUrl) {
  const browser = await launch();
  const rows = [];
  try {
    for (const [name, pathname] of pages) {
      const html = await (await fetch(baseUrl + pathname)).text();
      const inHtml = await (async () => {
        const ctx = await browser.newContext({ javaScriptEnabled: false });
        const p = await ctx.newPage();
        await p.setContent(html);
        const n = await p.locator(FIRST[name]).count();
        await ctx.close();
        return n > 0;
      })();
      const fcp = [];
      const live = [];
      for (let i = 0; i < runs; i++) {
        const ctx = await browser.newContext();
        const page = await ctx.newPage();
        await page.goto(baseUrl + pathname);
        await page.locator(".hs main h1").first().waitFor();
        await page.waitForFunction((sel) => {
          const root = document.querySelector("#app");
          const prerendered = root && root.hasAttribute("data-hs-prerendered");
          return prerendered ? root.hasAttribute("data-hs-live") : document.querySelector(sel) !== null;
        }, FIRST[name]);
        const t = await page.evaluate(() => ({
          fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
          now: performance.now(),
        }));
        fcp.push(t.fcp);
        live.push(t.now);
        await ctx.close();
      }
      rows.push({ page: name, contentInHtml: inHtml, fcpMs: median(fcp), liveMs: median(live) });
    }
  } finally {
    await browser.close();
  }
  return rows;
}

const results = { date: new Date().toISOString(), runs, builds: {} };
let port = 4320;
for (const [label, root] of builds) {
  const server = await startServer(port++, path.resolve(root));
  const proxy = await startGzipProxy(port++, server.url);
  try {
    log(`static-first: ${label} (${root})`);
    results.builds[label] = {
      lighthouse: await runLighthouse({ baseUrl: proxy.url, pages, runs, label: `static-first-${label}` }),
      chromium: await paintTimes(proxy.url),
    };
  } finally {
    proxy.stop();
    server.stop();
  }
}
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(results, null, 2));

const fmt = (x, d = 0) => (x == null ? "–" : Number(x).toFixed(d));
console.log("| page | build | perf | a11y | best pr. | SEO | FCP (LH) | LCP (LH) | TBT (LH) | CLS | content in HTML | FCP (Chromium) | live (Chromium) |");
console.log("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|");
for (const [name] of pages) {
  for (const [label] of builds) {
    const b = results.builds[label];
    const l = b.lighthouse.find((r) => r.page === name);
    const c = b.chromium.find((r) => r.page === name);
    console.log(`| ${name} | ${label} | ${l.scores.performance} | ${l.scores.accessibility} | ${l.scores["best-practices"]} | ${l.scores.seo} | ${fmt(l.fcpMs)} ms | ${fmt(l.lcpMs)} ms | ${fmt(l.tbtMs)} ms | ${fmt(l.cls, 3)} | ${c.contentInHtml ? "yes" : "no"} | ${fmt(c.fcpMs)} ms | ${fmt(c.liveMs)} ms |`);
  }
}
