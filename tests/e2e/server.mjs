// A static file server that answers like GitHub Pages, for the e2e tests:
// real files as they are; `/x` from `x.html`; a directory from its index.html
// (redirecting `/dir` to `/dir/`); anything else 404 with the site's 404.html.
// Mounts: `/` the root build (dist/), `/hospital-site/` the sub-path build (dist-sub/),
// `/host/` the widget host pages (tests/e2e/host/), `/__tmp/` the files tests generate
// (E2E_FILES, in the system's temp folder).
// For the benchmark (bench/), `--root DIR` serves `/` from DIR instead of dist/, and each
// `--mount /prefix/=DIR` (repeatable) adds a mount before the others; the defaults are unchanged.
// With --csp it sends the Content-Security-Policy that the page's own meta tag declares
// (plus frame-ancestors, which only a header can carry), as a host that can send headers would.
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where tests put the files they generate (helpers.mjs names it too), served at `/__tmp/`. */
const E2E_FILES = path.join(os.tmpdir(), "hs-e2e-files");

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const args = process.argv.slice(2);
const port = Number(args[args.indexOf("--port") + 1] || 4173);
const csp = args.includes("--csp");

const optionValues = (name) => args.flatMap((a, i) => (a === name && i + 1 < args.length ? [args[i + 1]] : []));
const rootArg = optionValues("--root").pop();
const extraMounts = optionValues("--mount").map((m) => {
  const at = m.indexOf("=");
  if (at < 1 || !m.startsWith("/") || !m.slice(0, at).endsWith("/")) throw new Error(`--mount wants /prefix/=DIR, got ${m}`);
  return [m.slice(0, at), path.resolve(m.slice(at + 1))];
});
const mounts = [
  ...extraMounts,
  ["/hospital-site/", path.join(repo, "dist-sub")],
  ["/host/", path.join(here, "host")],
  ["/fixtures/", path.join(here, "fixtures")],
  ["/__tmp/", E2E_FILES],
  ["/", rootArg ? path.resolve(rootArg) : path.join(repo, "dist")],
];

const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json",
  ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8", ".md": "text/markdown; charset=utf-8",
};

function isFile(p) {
  try { return fs.statSync(p).isFile(); } catch { return false; }
}
function isDir(p) {
  try { return fs.statSync(p).isDirectory(); } catch { return false; }
}

function send(res, status, file, extraHeaders = {}, req = null) {
  const body = fs.readFileSync(file);
  const headers = { "content-type": types[path.extname(file)] || "application/octet-stream", "cache-control": "no-store", ...extraHeaders };
  if (csp && file.endsWith(".html")) {
    const m = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(body.toString("utf8"));
    headers["content-security-policy"] = (m ? m[1].replaceAll("&#39;", "'") : "default-src 'self'") + "; frame-ancestors 'self'";
  }
  res.writeHead(status, headers);
  // A test's `x-hs-slow-html: N` header: a page's HTML in ten parts over N ms, at its own
  // address (so that what the page names by its path still matches); `x-hs-slow: N`, any
  // file so.
  const slowHtml = file.endsWith(".html") ? Number(req?.headers["x-hs-slow-html"]) || 0 : 0;
  const slowMs = Math.min(slowHtml || Number(req?.headers["x-hs-slow"]) || 0, 30000);
  if (!slowMs) return res.end(body);
  streamInParts(res, body, slowMs);
}

/** Writes `body` in ten parts over `ms` milliseconds, then ends the response. */
function streamInParts(res, body, ms) {
  const size = Math.ceil(body.length / 10);
  let i = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(body.subarray(i * size, (i + 1) * size));
    i += 1;
    if (i * size >= body.length) {
      clearInterval(timer);
      res.end();
    }
  }, ms / 10);
}

// `/__slow/<file in dist>?ms=N` streams the file in ten chunks over N milliseconds with
// its Content-Length, so tests can watch a slow download's progress.
function slow(req, res, url) {
  const file = path.join(repo, "dist", url.pathname.slice("/__slow/".length));
  if (!file.startsWith(path.join(repo, "dist")) || !isFile(file)) {
    res.writeHead(404);
    return res.end();
  }
  const body = fs.readFileSync(file);
  const ms = Math.min(Number(url.searchParams.get("ms")) || 2000, 30000);
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream", "content-length": body.length, "cache-control": "no-store" });
  streamInParts(res, body, ms);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (url.pathname.startsWith("/__slow/")) return slow(req, res, url);
  let pathname;
  try { pathname = decodeURIComponent(url.pathname); } catch { pathname = "/"; }
  const [prefix, root] = mounts.find(([p]) => pathname.startsWith(p) || pathname + "/" === p);
  if (pathname + "/" === prefix) {
    res.writeHead(301, { location: prefix + url.search });
    return res.end();
  }
  const rel = pathname.slice(prefix.length);
  const target = path.join(root, rel);
  if (!target.startsWith(root)) {
    res.writeHead(400);
    return res.end("bad path");
  }
  if (isFile(target)) return send(res, 200, target, {}, req);
  if (isFile(target + ".html")) return send(res, 200, target + ".html", {}, req);
  if (isDir(target) && isFile(path.join(target, "index.html"))) {
    if (!pathname.endsWith("/")) {
      res.writeHead(301, { location: pathname + "/" + url.search });
      return res.end();
    }
    return send(res, 200, path.join(target, "index.html"), {}, req);
  }
  const notFound = path.join(root, "404.html");
  if (isFile(notFound)) return send(res, 404, notFound);
  res.writeHead(404, { "content-type": "text/plain" });
  res.end("not found");
});

server.listen(port, "127.0.0.1", () => console.log(`test server on http://127.0.0.1:${port}${csp ? " (CSP header)" : ""}`));
