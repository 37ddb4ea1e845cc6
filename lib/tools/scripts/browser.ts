/**
 * Which Chromium the e2e tests drive: Playwright's own build when it is installed, else the system's.
 * `npm run test:e2e` calls `ensureBrowser` first; as root on Debian it installs `chromium` with apt,
 * because Playwright's own browser download is not reachable from every machine.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** undefined = let Playwright launch its own browser. */
export function pickBrowserExecutable(): string | undefined {
  if (!process.env.CHROMIUM_PATH) {
    try {
      if (existsSync(chromium.executablePath())) return undefined;
    } catch {
      // Playwright has no browser registered for this platform; fall through to the system one.
    }
  }
  return SYSTEM_CHROMIUM;
}

export function ensureBrowser(): void {
  const executable = pickBrowserExecutable();
  if (executable === undefined || existsSync(executable)) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log("[espl] installing Debian's chromium for the e2e tests…");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    return;
  }
  throw new Error(
    `no Chromium for the e2e tests: install Playwright's (npx playwright install chromium) or the system's ` +
      `(apt-get install chromium), or point CHROMIUM_PATH at one`,
  );
}

if (process.argv[1]?.endsWith("browser.ts") && process.argv.includes("--ensure")) {
  try {
    ensureBrowser();
  } catch (error) {
    console.error(`[espl] ${(error as Error).message}`);
    process.exit(1);
  }
}
