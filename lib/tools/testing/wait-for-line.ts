/**
 * Waiting on a child process's output for a line, without polling: the caller runs every listener after
 * each chunk it reads, and the wait settles at the first matching line, failure or timeout.
 */
export interface LineWait {
  /** The caller's listeners, run after each chunk of output. */
  listeners: Set<() => void>;
  /** The matching line in the output so far, if any. */
  findLine(): string | undefined;
  timeoutMs: number;
  timeoutError(): Error;
  /** Checked with each chunk when no line matched: an error once no line can come any more. */
  failure?(): Error | undefined;
  /** Settles with the error to reject with when the process goes away, whatever it printed by then. */
  ended?: Promise<Error>;
}

export function waitForLine(wait: LineWait): Promise<string> {
  const { listeners } = wait;
  return new Promise((resolve, reject) => {
    const check = () => {
      const line = wait.findLine();
      if (line !== undefined) finish(() => resolve(line));
      else {
        const error = wait.failure?.();
        if (error) finish(() => reject(error));
      }
    };
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      listeners.delete(check);
      settle();
    };
    const timer = setTimeout(() => finish(() => reject(wait.timeoutError())), wait.timeoutMs);
    listeners.add(check);
    void wait.ended?.then((error) => finish(() => reject(error)));
    check();
  });
}
