/**
 * Grades an evaluation cell by cell (position order). Each cell is sampled from a fresh policy restored
 * from its checkpoint (the base weights for "base"), so a cell's samples depend only on (run seed,
 * checkpoint, program, problems, evaluation seed): a resumed or repeated evaluation writes the same rows.
 * A transfer row samples another backend's model instead (no checkpoint of the run is loaded); an
 * imported run's recorded cells copy its test rollouts, and its cells that need a live backend were
 * finished, ungraded, when the evaluation was created (plan-cells.ts).
 * A cell's samples, its metrics and the job's progress are written in one transaction, the samples with
 * ON CONFLICT DO NOTHING, so a worker killed at any point leaves no duplicate and no half-counted cell;
 * the next attempt skips the finished cells. Cancellation is read before every cell.
 */
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { validateConfig } from "@/lib/espl/config";
import { getSamplingParams } from "@/lib/espl/iteration/run-iteration";
import type { PolicyBackend } from "@/lib/espl/ports";
import { createProgram } from "@/lib/espl/program";
import { SimPolicy } from "@/lib/espl/simulator";
import {
  applySamplingOverrides,
  evaluationSpecSchema,
  TRANSFER_STEP,
} from "@/lib/domain/evaluations/evaluation-spec";
import { createRunBackends, loadBackendConnection } from "@/lib/server/runner/run-backends";
import { redactSecrets } from "@/lib/server/security/redact";
import { loadEvaluationProblems } from "./evaluation-problems";
import { copyRecordedCell, gradeSampledCell } from "./grade-cell";

export type EvaluationOutcome = "completed" | "cancelled" | "failed" | "interrupted";

export interface ExecuteEvaluationOptions {
  /** Aborted at shutdown: the evaluation stops between cells and is resumed by the job's retry. */
  signal?: AbortSignal;
  /** Called after each committed cell (tests use it to kill the worker at a chosen point). */
  onCellDone?: (position: number) => void | Promise<void>;
  now?: () => number;
  /** How often the evaluation's heartbeat is renewed while it is graded. Default 5 s. */
  heartbeatMs?: number;
}

export const DEFAULT_EVALUATION_HEARTBEAT_MS = 5_000;

const OVER = new Set(["completed", "failed", "cancelled"]);

function plainError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactSecrets(message.split("\n")[0]!.slice(0, 300));
}

export async function executeEvaluation(
  prisma: PrismaClient,
  evaluationId: string,
  options: ExecuteEvaluationOptions = {},
): Promise<EvaluationOutcome> {
  const now = options.now ?? (() => Date.now());
  const job = await prisma.evaluationJob.findUnique({ where: { id: evaluationId } });
  if (!job) return "failed";
  if (OVER.has(job.status)) return job.status as EvaluationOutcome;
  await prisma.evaluationJob.updateMany({
    where: { id: evaluationId, status: { in: ["queued", "running"] } },
    data: { status: "running", startedAt: job.startedAt ?? new Date(), heartbeatAt: new Date() },
  });
  // A beat that fails is only late: the reaper waits several periods before it queues the job again.
  const beat = setInterval(() => {
    prisma.evaluationJob
      .updateMany({ where: { id: evaluationId, status: "running" }, data: { heartbeatAt: new Date() } })
      .catch(() => {});
  }, options.heartbeatMs ?? DEFAULT_EVALUATION_HEARTBEAT_MS);
  try {
    return await gradeCells(prisma, evaluationId, options, now);
  } catch (error) {
    if (options.signal?.aborted) return "interrupted";
    await prisma.evaluationJob.updateMany({
      where: { id: evaluationId, status: "running" },
      data: { status: "failed", error: plainError(error), finishedAt: new Date(), etaSeconds: null },
    });
    return "failed";
  } finally {
    clearInterval(beat);
  }
}

async function gradeCells(
  prisma: PrismaClient,
  evaluationId: string,
  options: ExecuteEvaluationOptions,
  now: () => number,
): Promise<EvaluationOutcome> {
  const job = await prisma.evaluationJob.findUniqueOrThrow({
    where: { id: evaluationId },
    select: {
      seed: true,
      spec: true,
      run: {
        select: {
          id: true,
          projectId: true,
          datasetId: true,
          source: true,
          seed: true,
          config: true,
          policyBackendId: true,
          checkpoints: { select: { step: true, name: true, backendRef: true, state: true } },
          programs: { select: { programId: true, principles: true } },
        },
      },
      cells: { orderBy: { position: "asc" } },
    },
  });
  const { run } = job;
  const spec = evaluationSpecSchema.parse(job.spec);
  const config = validateConfig(run.config);
  if (!config.ok) throw new Error("the run's config is invalid");
  const params = applySamplingOverrides(getSamplingParams({ ...config.config, seed: run.seed }), spec);
  const pending = job.cells.filter((c) => c.finishedAt === null);
  // Recorded cells copy rows: the problems are read only when some cell samples.
  const loaded = pending.some((c) => c.source === "sampled")
    ? await loadEvaluationProblems(prisma, run, spec)
    : { problems: [], problemIds: new Map<number, number>() };
  const { problems } = loaded;
  const connections = new Map<string | null, Awaited<ReturnType<typeof loadBackendConnection>>>();
  const connectionOf = async (backendId: string | null) => {
    if (!connections.has(backendId))
      connections.set(backendId, await loadBackendConnection(prisma, backendId));
    return connections.get(backendId)!;
  };

  /** The run's own policy (its backend, else the simulator), or the transfer row's backend. */
  const createPolicy = async (backendId: string | null): Promise<PolicyBackend> => {
    const connection = await connectionOf(backendId ?? run.policyBackendId);
    return connection === null || connection.kind === "sim"
      ? new SimPolicy({ seed: run.seed, streamSalt: job.seed })
      : createRunBackends(
          { policy: connection, reflection: connection },
          { runId: run.id, seed: run.seed, config: config.config, problems: { train: [], test: problems } },
        ).policy;
  };

  const started = now();
  let graded = 0;
  for (const cell of pending) {
    if (options.signal?.aborted) return "interrupted";
    const current = await prisma.evaluationJob.findUniqueOrThrow({
      where: { id: evaluationId },
      select: { status: true },
    });
    if (current.status !== "running") return current.status === "cancelled" ? "cancelled" : "interrupted";

    const progress = {
      evaluationId,
      cellId: cell.id,
      cellsTotal: job.cells.length,
      etaSeconds: (remaining: number) => Math.round((((now() - started) / graded) * remaining) / 1000),
    };
    graded += 1;
    if (cell.source === "recorded") {
      await copyRecordedCell(prisma, progress, {
        runId: run.id,
        step: cell.recordedStep ?? 0,
        programId: cell.programId,
        samples: spec.samples,
        maxProblems: spec.maxProblems,
      });
    } else {
      const transfer = cell.checkpointStep === TRANSFER_STEP;
      if (transfer && cell.backendId === null)
        throw new Error(`the backend of "${cell.checkpointLabel}" is no longer stored`);
      const policy = await createPolicy(transfer ? cell.backendId : null);
      if (!transfer && cell.checkpointName !== null) {
        const saved = run.checkpoints.find(
          (c) => c.step === cell.checkpointStep && c.name === cell.checkpointName,
        );
        if (!saved) throw new Error(`checkpoint "${cell.checkpointLabel}" is no longer stored`);
        await policy.loadCheckpoint({ backendRef: saved.backendRef, state: saved.state ?? undefined });
      }
      const programRow = run.programs.find((p) => p.programId === cell.programId);
      if (!programRow) throw new Error(`program ${cell.programId} is no longer stored`);
      const program = createProgram({
        programId: cell.programId,
        principles: programRow.principles as { id: string; text: string }[],
      });
      await gradeSampledCell(prisma, progress, {
        policy,
        program,
        problems,
        problemIds: loaded.problemIds,
        samples: spec.samples,
        params,
        signal: options.signal,
      });
    }
    await options.onCellDone?.(cell.position);
  }
  const { count } = await prisma.evaluationJob.updateMany({
    where: { id: evaluationId, status: "running" },
    data: { status: "completed", finishedAt: new Date(), etaSeconds: 0 },
  });
  return count > 0 ? "completed" : "cancelled";
}
