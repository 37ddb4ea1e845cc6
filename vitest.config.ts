import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const alias = {
  "@": fileURLToPath(new URL("./", import.meta.url)),
  // Outside React's server bundle `server-only` throws on import; tests call server modules directly.
  "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
};
const exclude = ["node_modules/**", ".next/**", "e2e/**", ".data/**"];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          // A hang guard, not a speed check: property tests and whole simulated runs take seconds on a
          // busy 2-core machine.
          testTimeout: 60_000,
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts"],
          exclude: [...exclude, "**/*.db.test.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          environment: "node",
          include: ["lib/**/*.db.test.ts"],
          exclude,
          // One database server for the whole run; each test file gets its own database (see lib/tools/testing).
          globalSetup: ["lib/tools/testing/global-db-setup.ts"],
          // A hang guard too: several files spawn the CLI, which runs whole simulated runs in a worker of
          // its own; on a 2-core CI machine one such test has taken over 30 s.
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
