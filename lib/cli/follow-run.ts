/**
 * `--wait`: follows a run until it ends, one line per committed step. The run row is the truth (polled,
 * and re-read at once when a step is notified); when the run waits for a worker and none takes it up
 * within the pickup time, and no worker is alive, the CLI executes it itself.
 */
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RunControl, RunStatus } from "@/lib/generated/prisma/enums";
import { isTerminal } from "@/lib/domain/runs/run-status";
import { EXIT } from "./cli-error";
import { formatRunEnd } from "./format-run";
import { isWorkerAlive, startInProcess, type InProcessRun } from "./in-process";
import { StepListener } from "./step-listener";
import { formatStepLine, readStepLines } from "./step-lines";

export interface FollowDeps {
  prisma: PrismaClient;
  /** For LISTEN. */
  url: string;
  /** Started on first use: only needed to execute in this process. */
  getBoss: () => Promise<PgBoss>;
  /** Step lines and the final line (stdout). */
  out: (line: string) => void;
  /** Remarks about what the follower does (stderr). */
  note: (line: string) => void;
  /** Aborted by Ctrl-C. */
  signal: AbortSignal;
  /** How long a waiting run may go untaken before the CLI considers executing it. */
  pickupMs: number;
  pollMs?: number;
}

interface RunState {
  status: RunStatus;
  control: RunControl;
  currentStep: number;
  totalSteps: number;
  bestTestPass1: number | null;
  error: string | null;
  /** Nobody holds a live lease on it. */
  leaseFree: boolean;
}

async function readRunState(prisma: PrismaClient, runId: string): Promise<RunState> {
  // Lease expiry is compared with the database's clock, the one the workers use.
  const rows = await prisma.$queryRaw<RunState[]>`
    SELECT status::text AS status, control::text AS control, current_step AS "currentStep",
      total_steps AS "totalSteps", best_test_pass1 AS "bestTestPass1", error,
      (lease_owner IS NULL OR lease_expires_at IS NULL OR lease_expires_at < now()) AS "leaseFree"
    FROM runs WHERE id = ${runId}::uuid`;
  const run = rows[0];
  if (!run) throw new Error(`run ${runId} disappeared`);
  return run;
}

class Follower {
  private printed = -1;
  private waitingSince: number | null = null;
  private inProcess: InProcessRun | null = null;
  private said = new Set<string>();

  constructor(
    private readonly deps: FollowDeps,
    private readonly runId: string,
    private readonly listener: StepListener,
  ) {}

  /** A remark once per situation, not once per poll. */
  private noteOnce(key: string, line: string): void {
    if (this.said.has(key)) return;
    this.said.add(key);
    this.deps.note(line);
  }

  private async printNewSteps(totalSteps: number): Promise<void> {
    for (;;) {
      const lines = await readStepLines(this.deps.prisma, this.runId, this.printed);
      for (const line of lines) {
        this.deps.out(formatStepLine(line, totalSteps));
        this.printed = line.step;
      }
      if (lines.length === 0) return;
    }
  }

  private async maybeExecuteHere(run: RunState): Promise<void> {
    const waiting = run.status === "queued" || (run.status === "running" && run.leaseFree);
    if (!waiting || this.inProcess) {
      this.waitingSince = null;
      return;
    }
    this.waitingSince ??= Date.now();
    if (Date.now() - this.waitingSince < this.deps.pickupMs) return;
    const { prisma } = this.deps;
    if (await isWorkerAlive(prisma)) {
      this.noteOnce("busy", "waiting for a free worker");
      return;
    }
    const started = await startInProcess({ prisma, boss: await this.deps.getBoss() }, this.runId);
    if (started === null) return;
    this.inProcess = started;
    this.noteOnce(
      "in-process",
      "no worker took the run up (is `npm start` running?): executing it in this process",
    );
    void started.done.finally(() => {
      if (this.inProcess === started) this.inProcess = null;
      this.waitingSince = null;
      this.listener.wake();
    });
  }

  async follow(): Promise<number> {
    const { signal, prisma } = this.deps;
    let first = true;
    for (;;) {
      if (signal.aborted) return this.interrupted();
      const run = await readRunState(prisma, this.runId);
      if (first && run.currentStep > 0 && !isTerminal(run.status)) {
        // A run well under way: its history is in `espl export`, the follower shows what comes next.
        this.printed = run.currentStep - 1;
        this.deps.note(`following from step ${run.currentStep}/${run.totalSteps}`);
      }
      first = false;
      await this.printNewSteps(run.totalSteps);
      if (isTerminal(run.status)) {
        await this.inProcess?.done;
        this.deps.out(formatRunEnd(run));
        return run.status === "completed" ? EXIT.ok : EXIT.failed;
      }
      if (run.status === "paused")
        this.noteOnce(
          `paused-${run.currentStep}`,
          `paused after ${run.currentStep} steps; waiting for it to be resumed (espl resume ${this.runId})`,
        );
      await this.maybeExecuteHere(run);
      await this.listener.wait(this.deps.pollMs ?? 500, signal);
    }
  }

  private async interrupted(): Promise<number> {
    const { note, prisma } = this.deps;
    const executing = this.inProcess;
    if (!executing) {
      note(`stopped following; the run goes on (espl status ${this.runId})`);
      return EXIT.interrupted;
    }
    note("interrupted: stopping the step in flight…");
    await executing.interrupt();
    const run = await readRunState(prisma, this.runId).catch(() => null);
    if (run === null)
      note("the database went away: the run continues when a worker or `espl wait` takes it up");
    else if (run.status === "paused")
      note(`paused after ${run.currentStep} steps; continue with: espl resume ${this.runId} --wait`);
    else if (isTerminal(run.status)) note(formatRunEnd(run));
    else note(`the run goes on in a worker (espl status ${this.runId})`);
    return EXIT.interrupted;
  }
}

/** Follows the run to its end; returns the exit code (0 completed, 1 failed or cancelled, 130 Ctrl-C). */
export async function followRun(deps: FollowDeps, runId: string): Promise<number> {
  const listener = await StepListener.open(deps.url, runId);
  try {
    return await new Follower(deps, runId, listener).follow();
  } finally {
    await listener.close();
  }
}
