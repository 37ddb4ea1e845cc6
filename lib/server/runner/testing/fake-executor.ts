/**
 * A stand-in for the real executor in the worker's tests: it "executes" the number of steps set in the
 * run's config (`config.fake`), each step a fake backend call followed by a committed step row, and
 * records what it did in test-only tables, so a test can tell which worker did what, and whether anything
 * ran twice. It resumes from the run's committed step like the real one, and fences each commit with the
 * lease, the way the real executor should.
 */
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { BackendError, formatRetryDetail, sleep, withRetry } from "../retry";
import type { ExecutionContext, ExecutionOutcome, RunExecutor } from "../types";

const fakeConfigSchema = z.object({
  fake: z.object({
    steps: z.number().int().min(0),
    stepMs: z.number().int().min(0).default(50),
    /** At this step the backend fails `transientFaults` times with `faultStatus` before it answers. */
    faultAtStep: z.number().int().optional(),
    transientFaults: z.number().int().min(0).default(0),
    faultStatus: z.number().int().default(503),
    /** At this step the backend refuses for good (400). */
    permanentFaultAtStep: z.number().int().optional(),
    /** Time spent inside each step's commit transaction, so that connection faults hit it mid-way. */
    commitMs: z.number().int().min(0).default(0),
    /**
     * Reaching this step kills the worker process (SIGKILL, as the kernel's OOM killer would), before
     * the step commits: the run that crashes its worker on every claim, for poison-run detection.
     */
    crashAtStep: z.number().int().optional(),
    /** Base of the retry backoff; jitter is fixed to its maximum so that waits are predictable. */
    retryBaseMs: z.number().int().min(0).default(500),
  }),
});

/** Test-only tables, created by the test in its own database before workers start. */
export const FAKE_TABLES_SQL = [
  `CREATE TABLE fake_executions (id serial PRIMARY KEY, run_id uuid NOT NULL, worker_id text NOT NULL,
     started_at timestamptz NOT NULL DEFAULT clock_timestamp(), ended_at timestamptz, outcome text)`,
  `CREATE TABLE fake_events (id serial PRIMARY KEY, run_id uuid NOT NULL, worker_id text NOT NULL,
     kind text NOT NULL, detail text, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
];

class LeaseLostError extends Error {
  constructor() {
    super("the lease was lost: another worker owns the run");
    this.name = "LeaseLostError";
  }
}

async function recordEvent(prisma: PrismaClient, runId: string, workerId: string, kind: string, detail = "") {
  await prisma.$executeRaw`
    INSERT INTO fake_events (run_id, worker_id, kind, detail) VALUES (${runId}::uuid, ${workerId}, ${kind}, ${detail})`;
}

async function commitStep(
  prisma: PrismaClient,
  runId: string,
  workerId: string,
  step: number,
  startedAt: Date,
  commitMs: number,
) {
  await prisma.$transaction(async (tx) => {
    if (commitMs > 0) await tx.$executeRaw`SELECT pg_sleep(${commitMs / 1000}::float8)`;
    const held = await tx.$executeRaw`
      UPDATE runs SET current_step = ${step}, updated_at = now()
      WHERE id = ${runId}::uuid AND lease_owner = ${workerId} AND status = 'running'`;
    if (held === 0) throw new LeaseLostError();
    await tx.step.create({
      data: { runId, step, epoch: 0, selectedProgramIds: [], metrics: { worker: workerId }, startedAt },
    });
  });
}

async function executeSteps(context: ExecutionContext, workerId: string): Promise<ExecutionOutcome> {
  const { runId, prisma, signal } = context;
  const run = await prisma.run.findUniqueOrThrow({
    where: { id: runId },
    select: { config: true, currentStep: true },
  });
  const fake = fakeConfigSchema.parse(run.config).fake;
  let faultsLeft = fake.transientFaults;
  for (let step = run.currentStep + 1; step <= fake.steps; step++) {
    const control = await context.pendingControl();
    if (control === "pause") return { kind: "paused" };
    if (control === "cancel" || control === "hard_cancel") return { kind: "cancelled" };
    if (step === fake.crashAtStep) {
      await recordEvent(prisma, runId, workerId, "crash", String(step));
      process.kill(process.pid, "SIGKILL");
    }
    const startedAt = new Date();
    let retried = false;
    await withRetry(
      async () => {
        // Lets a test act while a call is surely in flight (past this step's control check).
        await recordEvent(prisma, runId, workerId, "call", String(step));
        await sleep(fake.stepMs, signal);
        if (step === fake.permanentFaultAtStep)
          throw new BackendError("400 from policy backend: the prompt is too long", {
            status: 400,
            backend: "policy backend",
          });
        if (step === fake.faultAtStep && faultsLeft > 0) {
          faultsLeft--;
          throw new BackendError(`${fake.faultStatus} from policy backend`, {
            status: fake.faultStatus,
            backend: "policy backend",
          });
        }
      },
      {
        signal,
        baseDelayMs: fake.retryBaseMs,
        random: () => 0.999,
        onRetry: async (reason, attempt) => {
          retried = true;
          const detail = formatRetryDetail(reason, attempt);
          await recordEvent(prisma, runId, workerId, "retry", detail);
          await context.setStatusDetail(detail);
        },
      },
    );
    if (retried) await context.setStatusDetail(null);
    await commitStep(prisma, runId, workerId, step, startedAt, fake.commitMs);
  }
  return { kind: "completed" };
}

export function createFakeExecutor(workerId: string): RunExecutor {
  return async (context) => {
    const { prisma, runId } = context;
    const rows = await prisma.$queryRaw<{ id: number }[]>`
      INSERT INTO fake_executions (run_id, worker_id) VALUES (${runId}::uuid, ${workerId}) RETURNING id`;
    const executionId = rows[0]?.id ?? 0;
    const end = async (outcome: string) => {
      await prisma.$executeRaw`
        UPDATE fake_executions SET ended_at = clock_timestamp(), outcome = ${outcome} WHERE id = ${executionId}`.catch(
        () => {},
      );
    };
    try {
      const outcome = await executeSteps(context, workerId);
      await end(outcome.kind);
      return outcome;
    } catch (error) {
      await end(`threw: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  };
}
