import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import base from "@/playwright.config";

const root = fileURLToPath(new URL("../..", import.meta.url));
const server = base.webServer && !Array.isArray(base.webServer) ? base.webServer : undefined;

/** npm run bench:lineage-paint: the e2e server and browser, running only the benchmarks in e2e/bench. */
export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: "*.bench.ts",
  timeout: 180_000,
  webServer: server ? { ...server, cwd: root } : undefined,
});
