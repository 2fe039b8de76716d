import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a downloaded browser. These flags keep it off the
// closed network of the build machines.
const chromium = {
  browserName: "chromium",
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  },
};

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "target/test-logs/playwright.json" }]],
  use: { ...chromium, trace: "off", screenshot: "only-on-failure" },
  webServer: [
    { command: "node tests/e2e/server.mjs --port 4173", url: "http://127.0.0.1:4173/robots.txt", reuseExistingServer: false },
    { command: "node tests/e2e/server.mjs --port 4174 --csp", url: "http://127.0.0.1:4174/robots.txt", reuseExistingServer: false },
  ],
  projects: [
    { name: "site", testIgnore: /csp\.spec/, use: { baseURL: "http://127.0.0.1:4173" } },
    { name: "csp", testMatch: /csp\.spec/, use: { baseURL: "http://127.0.0.1:4174" } },
  ],
});
