/**
 * A worker process kept alive the way `npm start` keeps its worker (lib/tools/scripts/start.ts): whenever it
 * exits, a fresh process (a new worker id, as a restart gets a new pid) takes its place, until stop().
 * The tests kill it, or let a poison run crash it, and watch what the successors make of the runs.
 */
import { spawnWorker, type WorkerProcess } from "./worker-processes";

export interface SupervisedWorker {
  /** Every process started so far, the live one last. */
  readonly generations: readonly WorkerProcess[];
  current(): WorkerProcess;
  /** Exits seen (each followed by a restart while not stopped). */
  exits(): number;
  /** SIGKILLs the live process and resolves once its successor is ready (started, with `ready: false`). */
  killAndRestart(options?: { ready?: boolean }): Promise<WorkerProcess>;
  /** Stops restarting and kills the live process. */
  stop(): Promise<void>;
}

export function superviseWorker(
  url: string,
  prefix: string,
  env: Record<string, string>,
  entry?: string,
): SupervisedWorker {
  const generations: WorkerProcess[] = [];
  let stopped = false;
  let exits = 0;

  function start(): WorkerProcess {
    const worker = spawnWorker(url, `${prefix}-${generations.length}`, env, entry);
    generations.push(worker);
    void worker.exited.then(() => {
      exits++;
      if (!stopped) start();
    });
    return worker;
  }
  start();

  return {
    generations,
    current: () => generations[generations.length - 1]!,
    exits: () => exits,
    async killAndRestart({ ready = true } = {}) {
      const victim = generations[generations.length - 1]!;
      const before = generations.length;
      victim.child.kill("SIGKILL");
      await victim.exited;
      // The exit handler has started the successor synchronously after the exit.
      await Promise.resolve();
      const successor = generations[before];
      if (!successor) throw new Error("no successor was started");
      if (ready) await successor.waitForLine(/^worker ready$/, 60_000);
      return successor;
    },
    async stop() {
      stopped = true;
      const live = generations[generations.length - 1];
      if (live && live.child.exitCode === null && live.child.signalCode === null) {
        live.child.kill("SIGKILL");
        await live.exited;
      }
    },
  };
}
