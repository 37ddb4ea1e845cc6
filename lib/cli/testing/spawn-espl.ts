/** Runs the real CLI (node lib/cli/bin.mjs) as a child process, the way a user's shell does. */
import { spawn, type ChildProcess } from "node:child_process";
import { waitForLine as waitForOutputLine } from "@/lib/testing/wait-for-line";

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

export function spawnEspl(args: string[], env: Record<string, string>): EsplProcess {
  const child = spawn(process.execPath, ["lib/cli/bin.mjs", ...args], {
    env: { ...process.env, ...env },
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
