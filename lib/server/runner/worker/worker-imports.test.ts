import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { ALLOW_SERVER_ONLY } from "@/lib/server/plain-node/paths";

/**
 * The worker runs under plain Node (tsx's loader), outside React's server bundle, where a module marked
 * `server-only` throws on import. Vitest aliases that marker away, so only a real Node process can prove
 * the worker's module graph loads.
 */
test("the worker's modules load under plain Node", async () => {
  const modules = ["./lib/server/runner/worker/worker-process.ts", "./lib/server/runner/execute-run.ts"];
  const script = `Promise.all(${JSON.stringify(modules)}.map((m) => import(m))).then(() => console.log("loaded"))`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", ALLOW_SERVER_ONLY, "--import", "tsx", "-e", script],
    {
      cwd: process.cwd(),
    },
  );
  expect(stdout.trim()).toBe("loaded");
});
