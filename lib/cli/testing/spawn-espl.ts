/** Runs the real CLI (node lib/cli/bin.mjs) as a child process, the way a user's shell does. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitForLine as waitForOutputLine } from "@/lib/tools/testing/wait-for-line";

export interface EsplResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface EsplProcess {
  child: ChildProcess;
  /** Everything printed so far. */
  output(): EsplResult;
  /** Resolves once stdout has a line matching, rejects if the process ends first or after the timeout. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  done: Promise<EsplResult>;
}

const EMPTY_CONFIG_HOME = mkdtempSync(join(tmpdir(), "espl-config-"));

export function spawnEspl(args: string[], env: Record<string, string>): EsplProcess {
  const child = spawn(process.execPath, ["lib/cli/bin.mjs", ...args], {
    // A login stored by the person running the tests (or ESPL_URL in their shell) would send the
    // commands over HTTP: tests get an empty config dir and no server unless they pass one.
    env: { ...process.env, XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, ESPL_URL: "", ESPL_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<EsplResult>((resolve) =>
    child.once("close", (code) => {
      for (const listener of listeners) listener();
      resolve({ code, stdout, stderr });
    }),
  );
  const output = () => ({ code: child.exitCode, stdout, stderr });

  const waitForLine = (pattern: RegExp, timeoutMs = 60_000) =>
    waitForOutputLine({
      listeners,
      findLine: () => stdout.split("\n").find((l) => pattern.test(l)),
      timeoutMs,
      timeoutError: () => new Error(`no line matching ${pattern} in ${timeoutMs} ms:\n${stdout}\n${stderr}`),
      failure: () =>
        child.exitCode !== null || child.signalCode !== null
          ? new Error(`espl ended before ${pattern}:\n${stdout}\n${stderr}`)
          : undefined,
    });
  return { child, output, waitForLine, done };
}

export function runEspl(args: string[], env: Record<string, string>): Promise<EsplResult> {
  return spawnEspl(args, env).done;
}
