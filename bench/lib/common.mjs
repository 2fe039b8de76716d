// Helpers shared by the benchmark's parts: the test server, the browser, statistics.
import fs from "node:fs";
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const benchDir = path.join(repo, "bench");
export const outDir = path.join(benchDir, "out");
export const dataDir = path.join(benchDir, "data");

/** The flags of the brief, plus what measuring needs (precise heap sizes, gc()). */
export const CHROME_FLAGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
export const MEASURE_FLAGS = ["--enable-precise-memory-info", "--js-flags=--expose-gc"];

export async function launch(extra = []) {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROME_FLAGS, ...MEASURE_FLAGS, ...extra] });
}

/**
 * Starts tests/e2e/server.mjs (GitHub-Pages behaviour) with `/` from `root` and the
 * benchmark's own mounts; resolves once it listens. Should the server die during a long
 * run (another job on a shared machine may stop node processes), it is started again.
 */
export function startServer(port, root) {
  const args = [
    path.join(repo, "tests/e2e/server.mjs"), "--port", String(port), "--root", root,
    "--mount", `/bench/=${path.join(benchDir, "www")}`,
    "--mount", `/bench-pkg/=${path.join(outDir, "pkg")}`,
    "--mount", `/bench-node/=${path.join(repo, "node_modules")}`,
    "--mount", `/bench-data/=${dataDir}`,
    "--mount", `/bench-out/=${outDir}`,
  ];
  let stopping = false;
  let child = null;
  const spawnOnce = () =>
    new Promise((resolve, reject) => {
      child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
      let up = false;
      child.once("error", reject);
      child.stdout.on("data", (b) => {
        if (!up && String(b).includes("test server on")) {
          up = true;
          resolve();
        }
      });
      child.once("exit", (code, signal) => {
        if (!up) return reject(new Error(`server on port ${port} exited with ${code ?? signal}`));
        if (stopping) return;
        log(`server on port ${port} stopped (${code ?? signal}); starting it again`);
        spawnOnce().catch((e) => log(String(e)));
      });
    });
  return spawnOnce().then(() => ({
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      stopping = true;
      child.kill();
    },
  }));
}

/**
 * Drops the Subresource Integrity attributes from every page under `dir`, and the import
 * map that carries the app script's own hash: a copy of a site whose app files are swapped
 * for another build's would otherwise refuse to load them. The map carries nothing else,
 * and an inline script less leaves the Content-Security-Policy's hashes true.
 */
export function stripIntegrity(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) stripIntegrity(p);
    else if (e.name.endsWith(".html")) fs.writeFileSync(p, fs.readFileSync(p, "utf8").replace(/ integrity="[^"]*"/g, "").replace(/<script type="importmap">[^<]*<\/script>/g, ""));
  }
}

/** Linear interpolation between closest ranks (numpy's default); `null` for no values. */
export function quantile(values, q) {
  const v = values.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}
export const median = (v) => quantile(v, 0.5);
export const p95 = (v) => quantile(v, 0.95);
export const max = (v) => (v.length ? Math.max(...v) : null);

export function log(...args) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
}
