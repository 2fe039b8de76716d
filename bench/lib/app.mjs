// Part 3: the app itself, end to end, on the release build served by tests/e2e/server.mjs:
// bytes transferred, navigation to the first news card and to the first doctor card, long
// tasks during the load, and keystroke-to-results-painted latency in the doctor finder.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { outDir, launch, log, median, p95, max } from "./common.mjs";
import { QUERIES } from "../www/shared.mjs";

const PROBE = path.join(path.dirname(new URL(import.meta.url).pathname), "../www/probe.js");

/**
 * The release build with `data-src` on `#app` in every page: the app fetches that dataset;
 * with `compiledIndex`, also `data-index-src`: the app reads that dataset's `doctors.idx`.
 */
export function siteWithData(site, size, { compiledIndex = false, records = false, label = "", data = "" } = {}) {
  const dir = path.join(outDir, `site-${size}${compiledIndex ? "-compiled" : ""}${records ? "-records" : ""}${label ? `-${label}` : ""}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(site, dir, { recursive: true });
  pointAtData(dir, size, { compiledIndex, records, data });
  return dir;
}

/** Rewrites every app page of the site in `dir` in place, as `siteWithData` describes;
 * with `records`, data-src names the dataset's compiled records (hospital.bin); with `data`,
 * the compiled files are those in that folder of the dataset's (another build's format). */
export function pointAtData(dir, size, { compiledIndex = false, records = false, data = "" } = {}) {
  const compiled = data ? `${size}/${data}` : `${size}`;
  const index = compiledIndex ? ` data-index-src="/bench-data/${compiled}/doctors.idx"` : "";
  const dataset = records ? `${compiled}/hospital.bin` : `${size}/hospital.json`;
  const walk = (d) =>
    fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
      const p = path.join(d, e.name);
      if (e.isDirectory()) return walk(p);
      if (!e.name.endsWith(".html")) return;
      const html = fs.readFileSync(p, "utf8");
      // Pages without the app (the CMS's admin page) stay as they are.
      if (!html.includes("data-hospital-site-root")) return;
      // The page as the JSON path serves it: the app reads the generated dataset named by
      // data-src and renders in the browser; the sample's pre-rendered content goes.
      const next = html.replace(
        /<div id="app" data-hospital-site-root( data-hs-prerendered[^>]*)?>[\s\S]*<\/div>(\s*(?:<script>[\s\S]*?<\/script>\s*)?<\/body>)/,
        `<div id="app" data-src="/bench-data/${dataset}"${index} data-hospital-site-root></div>$2`,
      );
      if (next === html) throw new Error(`no #app element in ${p}`);
      fs.writeFileSync(p, next);
    });
  walk(dir);
}

const sizeCache = new Map();
/** Brotli's best quality takes minutes on the 100,000-doctor file: quality 9 above this size. */
const BROTLI_11_MAX = 32e6;
/**
 * Raw, gzip (level 9) and brotli (quality 11, or 9 for files over 32 MB) sizes of a file,
 * as a static host would precompress it.
 */
export function fileSizes(file) {
  if (!sizeCache.has(file)) {
    const buf = fs.readFileSync(file);
    const quality = buf.length > BROTLI_11_MAX ? 9 : 11;
    sizeCache.set(file, {
      raw: buf.length,
      gzip: zlib.gzipSync(buf, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(buf, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
      }).length,
      brotliQuality: quality,
    });
  }
  return sizeCache.get(file);
}

function kindOf(url) {
  const p = new URL(url).pathname;
  if (p.endsWith(".wasm")) return "wasm";
  if (p.endsWith(".js") || p.endsWith(".mjs")) return "js";
  if (p.endsWith(".css")) return "css";
  if (p.endsWith(".json") || p.endsWith(".md")) return "data";
  if (/\.(svg|png|jpe?g|webp|gif|ico)$/.test(p)) return "image";
  return "html";
}

/** One cold load (new context, nothing cached) of `url` until `selector` is painted. */
async function load(browser, url, key, fileFor) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript({ path: PROBE });
  const responses = [];
  page.on("response", (r) => responses.push({ url: r.url(), status: r.status() }));
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction((k) => window.__bench && window.__bench.marks[k] && window.__bench.marks[k].painted, key, {
      timeout: 600000,
      polling: 50,
    });
    await page.waitForTimeout(500);
    const m = await page.evaluate((k) => {
      const B = window.__bench;
      const nav = performance.getEntriesByType("navigation")[0];
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      const data = performance.getEntriesByType("resource").find((e) => /\/bench-data\/.*hospital\.json$/.test(e.name));
      const mark = B.marks[k];
      return {
        dom: mark.dom,
        painted: mark.painted,
        fcp: fcp ? fcp.startTime : null,
        lcp: B.lcp,
        domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
        dataFetched: data ? data.responseEnd : null,
        longtasks: B.longtasks.filter((t) => t.start <= mark.painted + 500),
      };
    }, key);
    const bytes = {};
    for (const r of responses) {
      const file = fileFor(r.url);
      if (!file || r.status >= 400) continue;
      const k = kindOf(r.url);
      const s = fileSizes(file);
      bytes[k] ||= { files: [], raw: 0, gzip: 0, brotli: 0 };
      bytes[k].files.push(new URL(r.url).pathname);
      bytes[k].raw += s.raw;
      bytes[k].gzip += s.gzip;
      bytes[k].brotli += s.brotli;
    }
    return { ...m, bytes, errors };
  } finally {
    await context.close();
  }
}

/** Types the query script into `#doctor-q`, one key at a time, clearing the box between queries. */
export async function typeScript(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript({ path: PROBE });
  try {
    await page.goto(url);
    await page.waitForSelector(".doctor-card", { timeout: 600000 });
    // A pre-rendered page's box works once the app has taken the page over.
    await page.waitForFunction(() => !document.querySelector("[data-hs-prerendered]") || document.querySelector("[data-hs-live]"), null, { timeout: 600000 });
    await page.waitForTimeout(300);
    const box = page.locator("#doctor-q");
    const keys = [];
    for (const q of QUERIES) {
      await box.fill("");
      await page.waitForFunction(() => window.__bench.keys.every((k) => k.done), null, { polling: 10 });
      const from = await page.evaluate(() => window.__bench.keys.length);
      for (const ch of q.typed) {
        const before = await page.evaluate(() => window.__bench.keys.length);
        await page.keyboard.type(ch);
        await page.waitForFunction((n) => window.__bench.keys.length > n && window.__bench.keys.every((k) => k.done), before, { polling: 10 });
        await page.waitForTimeout(30);
      }
      const recs = await page.evaluate((n) => window.__bench.keys.slice(n), from);
      recs.forEach((r) => keys.push({ kind: q.kind, value: r.value, input: r.input, latency: r.latency, work: r.work, changed: r.changed, count: r.countAfter }));
    }
    const events = await page.evaluate(() => window.__bench.events);
    const longtasks = await page.evaluate(() => window.__bench.longtasks);
    return { keys, events, longtasks };
  } finally {
    await context.close();
  }
}

export function typingSummary(t) {
  const lat = t.keys.map((k) => k.latency);
  return {
    keystrokes: t.keys.length,
    p50: median(lat),
    p95: p95(lat),
    max: max(lat),
    workP50: median(t.keys.map((k) => k.work)),
    workP95: p95(t.keys.map((k) => k.work)),
  };
}

/**
 * The floor of the keystroke measurement in this browser: bench/www/calibrate.html, a page
 * whose input handler only writes one text node, typed with the same script and probe.
 */
export async function runCalibration(serverUrl) {
  const browser = await launch();
  try {
    const t = await typeScript(browser, `${serverUrl}/bench/calibrate.html`);
    const out = typingSummary(t);
    log(`calibration (a page that writes one text node per key): keystroke → painted p50 ${out.p50.toFixed(1)} p95 ${out.p95.toFixed(1)} ms`);
    return out;
  } finally {
    await browser.close();
  }
}

/**
 * Measures one site (the sample build, or a copy reading a generated dataset).
 * `fileFor(url)` maps a URL of the server to the file it serves, for the byte counts.
 */
export async function runApp({ label, serverUrl, runs, fileFor, typing = true }) {
  const browser = await launch();
  try {
    const home = [];
    const finder = [];
    for (let i = 0; i < runs; i++) {
      home.push(await load(browser, `${serverUrl}/`, "news", fileFor));
      finder.push(await load(browser, `${serverUrl}/doctors/`, "doctors", fileFor));
    }
    const summary = (loads) => ({
      runs: loads.length,
      paintedP50: median(loads.map((l) => l.painted)),
      paintedP95: p95(loads.map((l) => l.painted)),
      fcpP50: median(loads.map((l) => l.fcp)),
      lcpP50: median(loads.map((l) => l.lcp)),
      dataFetchedP50: median(loads.map((l) => l.dataFetched)),
      // From the dataset's last byte to the first card in the DOM: parse, both indexes, first render.
      afterDataP50: median(loads.filter((l) => l.dataFetched != null).map((l) => l.dom - l.dataFetched)),
      longestTaskP50: median(loads.map((l) => max(l.longtasks.map((t) => t.duration)) ?? 0)),
      longestTaskMax: max(loads.map((l) => max(l.longtasks.map((t) => t.duration)) ?? 0)),
      longTasksP50: median(loads.map((l) => l.longtasks.length)),
      bytes: loads[0].bytes,
      errors: [...new Set(loads.flatMap((l) => l.errors))],
      all: loads.map(({ bytes, ...rest }) => rest),
    });
    const out = { label, home: summary(home), finder: summary(finder) };
    log(`app ${label}: feed painted p50 ${out.home.paintedP50.toFixed(0)} ms, doctor list p50 ${out.finder.paintedP50.toFixed(0)} ms, longest task ${out.home.longestTaskP50.toFixed(0)} ms`);
    if (typing) {
      const t = await typeScript(browser, `${serverUrl}/doctors/`);
      const lat = t.keys.map((k) => k.latency);
      // Event Timing entries of the typed keys only (not of the clearing between queries).
      const typedAt = t.keys.map((k) => k.input);
      const slow = t.events.filter((e) => (e.name === "input" || e.name === "keydown") && typedAt.some((x) => Math.abs(x - e.start) < 1.5 || (e.name === "keydown" && x - e.start >= 0 && x - e.start < 50)));
      out.typing = {
        keystrokes: t.keys.length,
        p50: median(lat),
        p95: p95(lat),
        max: max(lat),
        changedShare: t.keys.filter((k) => k.changed).length / t.keys.length,
        workP50: median(t.keys.map((k) => k.work)),
        workP95: p95(t.keys.map((k) => k.work)),
        byKind: Object.fromEntries(
          [...new Set(t.keys.map((k) => k.kind))].map((kind) => {
            const v = t.keys.filter((k) => k.kind === kind).map((k) => k.latency);
            return [kind, { p50: median(v), p95: p95(v), max: max(v) }];
          }),
        ),
        // Chrome's own Event Timing: entries exist only for events of 16 ms or more.
        eventTiming: {
          inputOver16: slow.filter((e) => e.name === "input").length,
          keydownOver16: slow.filter((e) => e.name === "keydown").length,
          maxDuration: max(slow.map((e) => e.duration)),
          inputDurationP50: median(slow.filter((e) => e.name === "input").map((e) => e.duration)),
          inputProcessingP50: median(slow.filter((e) => e.name === "input").map((e) => e.processingEnd - e.processingStart)),
        },
        longestTask: max(t.longtasks.map((x) => x.duration)) ?? 0,
        keys: t.keys,
      };
      log(`app ${label}: keystroke → painted p50 ${out.typing.p50.toFixed(1)} p95 ${out.typing.p95.toFixed(1)} max ${out.typing.max.toFixed(1)} ms`);
    }
    return out;
  } finally {
    await browser.close();
  }
}
