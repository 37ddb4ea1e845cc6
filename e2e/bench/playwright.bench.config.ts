import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

/** npm run bench:lineage-paint: the e2e server and browser, running only the benchmarks in e2e/bench. */
export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: "*.bench.ts",
  timeout: 180_000,
});
