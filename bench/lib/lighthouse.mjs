// Part 4: Lighthouse 12.2.3 (bench/node_modules), mobile (its default form factor and
// simulated throttling), on pages opened directly by URL.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { benchDir, outDir, log, median } from "./common.mjs";

const CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

function lighthouse(url, outFile) {
  const bin = path.join(benchDir, "node_modules/.bin/lighthouse");
  const args = [url, "--output=json", `--output-path=${outFile}`, `--only-categories=${CATEGORIES.join(",")}`, `--chrome-flags=${CHROME_FLAGS}`, "--quiet"];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, CHROME_PATH: "/usr/bin/chromium" }, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (b) => (err += b));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse ${url} exited ${code}: ${err.slice(-500)}`))));
  });
}

/**
 * A gzip proxy in front of the test server, answering as a static host that compresses
 * (GitHub Pages does): the test server itself sends every file uncompressed.
 */
export function startGzipProxy(port, target) {
  const t = new URL(target);
  const server = http.createServer((req, res) => {
    const up = http.request({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      const headers = { ...r.headers };
      const type = String(headers["content-type"] || "");
      const compress = /gzip/.test(req.headers["accept-encoding"] || "") && /text|javascript|json|wasm|svg|xml/.test(type);
      if (!compress) {
        res.writeHead(r.statusCode, headers);
        return r.pipe(res);
      }
      delete headers["content-length"];
      headers["content-encoding"] = "gzip";
      headers.vary = "accept-encoding";
      res.writeHead(r.statusCode, headers);
      r.pipe(zlib.createGzip({ level: 9 })).pipe(res);
    });
    up.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${port}`, stop: () => server.close() })));
}

/** The pages audited, one of each kind: `[name, path]` for the given dataset. */
export function auditedPages(dataset) {
  return [
    ["home", "/"],
    ["article", `/news/${dataset.articles[0].slug}`],
    ["doctor finder", "/doctors"],
    ["doctor profile", `/doctors/${dataset.doctors[0].id}`],
  ];
}

/** Runs each page `runs` times; medians of the scores and of LCP, TBT and CLS. */
export async function runLighthouse({ baseUrl, pages, runs, label }) {
  const dir = path.join(outDir, "lighthouse", label);
  fs.mkdirSync(dir, { recursive: true });
  const out = [];
  for (const [name, pathname] of pages) {
    // Follow redirects once (a folder answers `/x` with `/x/`) so Lighthouse audits the page itself.
    const res = await fetch(baseUrl + pathname, { redirect: "follow" });
    const url = res.url;
    if (res.status !== 200) log(`lighthouse: ${url} answers ${res.status}`);
    const reports = [];
    for (let i = 0; i < runs; i++) {
      const file = path.join(dir, `${name.replace(/\W+/g, "-")}-${i}.json`);
      try {
        await lighthouse(url, file);
        reports.push(JSON.parse(fs.readFileSync(file, "utf8")));
      } catch (e) {
        log(`lighthouse: ${e.message}`);
      }
    }
    const pick = (f) => median(reports.map(f).filter((x) => x != null));
    const row = {
      page: name,
      url: new URL(url).pathname,
      status: res.status,
      runs: reports.length,
      scores: Object.fromEntries(CATEGORIES.map((c) => [c, pick((r) => (r.categories[c] ? Math.round(r.categories[c].score * 100) : null))])),
      lcpMs: pick((r) => r.audits["largest-contentful-paint"]?.numericValue),
      fcpMs: pick((r) => r.audits["first-contentful-paint"]?.numericValue),
      tbtMs: pick((r) => r.audits["total-blocking-time"]?.numericValue),
      cls: pick((r) => r.audits["cumulative-layout-shift"]?.numericValue),
      warnings: [...new Set(reports.flatMap((r) => r.runWarnings || []))],
      failed: [...new Set(reports.flatMap((r) => Object.values(r.audits).filter((a) => a.score === 0 && a.scoreDisplayMode === "binary").map((a) => a.id)))],
    };
    log(`lighthouse ${label} ${name}: perf ${row.scores.performance} a11y ${row.scores.accessibility} bp ${row.scores["best-practices"]} seo ${row.scores.seo}, LCP ${Math.round(row.lcpMs)} ms, TBT ${Math.round(row.tbtMs)} ms, CLS ${row.cls?.toFixed(3)}`);
    out.push(row);
  }
  return out;
}
