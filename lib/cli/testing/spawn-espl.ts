/** Runs the real CLI (node lib/cli/bin.mjs) as a child process, the way a user's shell does. */
import { spawn, type ChildProcess } from "node:child_process";

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

  function waitForLine(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const line = stdout.split("\n").find((l) => pattern.test(l));
        if (line !== undefined) finish(() => resolve(line));
        else if (child.exitCode !== null || child.signalCode !== null)
          finish(() => reject(new Error(`espl ended before ${pattern}:\n${stdout}\n${stderr}`)));
      };
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(new Error(`no line matching ${pattern} in ${timeoutMs} ms:\n${stdout}\n${stderr}`)),
          ),
        timeoutMs,
      );
      listeners.add(check);
      check();
    });
  }
  return { child, output, waitForLine, done };
}

export function runEspl(args: string[], env: Record<string, string>): Promise<EsplResult> {
  return spawnEspl(args, env).done;
}
