import { defineConfig } from "@playwright/test";
import { randomBytes } from "node:crypto";
// The specs arrange data with server modules (fixtures, the Prisma client), which mark themselves server-only.
import "./lib/server/plain-node/allow-server-only.mjs";
import { pickBrowserExecutable } from "@/lib/tools/scripts/browser";

/**
 * E2E runs the product the way `npm start` does, on its own embedded PostgreSQL (fresh every run) or on
 * E2E_DATABASE_URL when given. Browsers: Playwright's own Chromium where installed, else the system one
 * (Debian's `chromium`), since Playwright's browser download is not reachable everywhere.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const pgPort = Number(process.env.E2E_PG_PORT ?? 54339);
const databaseUrl = process.env.E2E_DATABASE_URL ?? `postgresql://espl:espl@127.0.0.1:${pgPort}/espl`;
process.env.E2E_DB_URL = databaseUrl;
// Single sign-on against the OpenID Connect provider e2e/sso.spec.ts starts in its own process (the server
// discovers it lazily, on the first sign-in). Set here so the spec registers the same client and port.
process.env.ESPL_OIDC_ISSUER = `http://127.0.0.1:${port + 20_000}`;
process.env.ESPL_OIDC_CLIENT_ID = "espl-e2e";
process.env.ESPL_OIDC_CLIENT_SECRET = "espl-e2e-client-secret";
process.env.ESPL_OIDC_NAME = "E2E Identity";
// The server signs session cookies with this key, and e2e/auth-helpers.ts mints them with it too.
process.env.ESPL_SECRET_KEY ??= randomBytes(32).toString("base64");

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: pickBrowserExecutable(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `rm -rf .data/e2e-pg && tsx --import ./lib/server/plain-node/allow-server-only.mjs lib/tools/scripts/start.ts`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    env: {
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      EMBEDDED_PG_DIR: ".data/e2e-pg",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      ESPL_OIDC_ISSUER: process.env.ESPL_OIDC_ISSUER,
      ESPL_OIDC_CLIENT_ID: process.env.ESPL_OIDC_CLIENT_ID,
      ESPL_OIDC_CLIENT_SECRET: process.env.ESPL_OIDC_CLIENT_SECRET,
      ESPL_OIDC_NAME: process.env.ESPL_OIDC_NAME,
      ESPL_SECRET_KEY: process.env.ESPL_SECRET_KEY,
    },
  },
});
