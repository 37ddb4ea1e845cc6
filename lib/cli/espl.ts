/**
 * `espl`, the command line of E-SPL Studio (started by lib/cli/bin.mjs). Reads the repository's .env
 * as `npm start` does, turns the first Ctrl-C into a graceful stop (a second one exits at once), and
 * exits with the command's status.
 */
import { config as loadEnv } from "dotenv";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "./cli";
import { EXIT } from "./cli-error";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
loadEnv({ path: join(repoRoot, ".env"), quiet: true });

const stop = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    if (stop.signal.aborted) process.exit(EXIT.interrupted);
    stop.abort();
  });
// `espl export … | head`: the reader left, which is not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(EXIT.ok);
});

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  signal: stop.signal,
  repoRoot,
});
if (process.stdout.writableNeedDrain) await once(process.stdout, "drain");
process.exit(code);
