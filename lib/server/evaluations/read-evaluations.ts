/**
 * The scoped reads of a run's evaluations: the list (status, progress, ETA) and one evaluation with its
 * grid and attribution. Both start from findScopedRun, so another project's ids answer "not found".
 */
import "server-only";
import { z } from "zod";
import { notFound } from "@/lib/domain/errors";
import { TRANSFER_STEP, type EvaluationSpec } from "@/lib/domain/evaluations/evaluation-spec";
import { rankPrograms } from "@/lib/domain/evaluations/resolve-pairs";
import { prepareEvaluation, type EvaluationView } from "@/lib/view/evaluations/prepare-evaluation";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { findScopedRun } from "@/lib/server/read/scoped-run";

export interface EvaluationSummary {
  id: string;
  status: "queued" | "running" | "completed" | "failed" | "cancelled";
  spec: EvaluationSpec;
  seed: number;
  cellsTotal: number;
  cellsDone: number;
  samplesTotal: number;
  samplesDone: number;
  etaSeconds: number | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface EvaluationDetail extends EvaluationSummary {
  runId: string;
  /** The run's best program by μ − 3σ, the decomposition's "best prompt". */
  bestProgramId: number | null;
  view: EvaluationView;
}

const SUMMARY = {
  id: true,
  status: true,
  spec: true,
  seed: true,
  cellsTotal: true,
  cellsDone: true,
  samplesTotal: true,
  samplesDone: true,
  etaSeconds: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

type SummaryRow = {
  [K in keyof typeof SUMMARY]: K extends "createdAt"
    ? Date
    : K extends "startedAt" | "finishedAt"
      ? Date | null
      : unknown;
};

function toSummary(row: SummaryRow): EvaluationSummary {
  return {
    ...(row as unknown as EvaluationSummary),
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function listEvaluations(scope: ReadScope, runId: string): Promise<EvaluationSummary[]> {
  await findScopedRun(scope, runId);
  const rows = await getPrisma().evaluationJob.findMany({
    where: { runId },
    orderBy: { createdAt: "desc" },
    select: SUMMARY,
    take: 100,
  });
  return rows.map(toSummary);
}

/** What the launch form offers: the project's saved backends (transfer) and datasets, by name. */
export interface EvaluationChoices {
  backends: string[];
  datasets: string[];
}

export async function listEvaluationChoices(scope: ReadScope, runId: string): Promise<EvaluationChoices> {
  await findScopedRun(scope, runId);
  const prisma = getPrisma();
  const { projectId } = await prisma.run.findUniqueOrThrow({
    where: { id: runId },
    select: { projectId: true },
  });
  const [backends, datasets] = await Promise.all([
    prisma.modelBackend.findMany({ where: { projectId }, select: { name: true }, orderBy: { name: "asc" } }),
    prisma.dataset.findMany({ where: { projectId }, select: { name: true }, orderBy: { name: "asc" } }),
  ]);
  return { backends: backends.map((b) => b.name), datasets: datasets.map((d) => d.name) };
}

export async function getEvaluation(
  scope: ReadScope,
  runId: string,
  evaluationId: string,
): Promise<EvaluationDetail> {
  await findScopedRun(scope, runId);
  if (!z.guid().safeParse(evaluationId).success) throw notFound("evaluation");
  const prisma = getPrisma();
  const job = await prisma.evaluationJob.findFirst({
    where: { id: evaluationId, runId },
    select: {
      ...SUMMARY,
      cells: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          checkpointLabel: true,
          checkpointStep: true,
          programId: true,
          n: true,
          metrics: true,
          source: true,
          note: true,
        },
      },
      run: { select: { programs: { select: { programId: true, mu: true, sigma: true } } } },
    },
  });
  if (!job) throw notFound("evaluation");
  const means = await prisma.$queryRaw<{ cell_id: number; mean: number }[]>`
    SELECT cell_id, avg(reward)::float8 AS mean FROM evaluation_samples
    WHERE evaluation_id = ${evaluationId}::uuid GROUP BY cell_id, problem_index ORDER BY cell_id, problem_index`;
  const byCell = new Map<number, number[]>();
  for (const row of means) byCell.set(row.cell_id, [...(byCell.get(row.cell_id) ?? []), row.mean]);
  const bestProgramId = rankPrograms(job.run.programs)[0]?.programId ?? null;
  const view = prepareEvaluation(
    job.cells.map((cell) => ({
      position: cell.position,
      checkpointLabel: cell.checkpointLabel,
      programId: cell.programId,
      n: cell.n,
      metrics: cell.metrics as Record<string, number | null> | null,
      problemMeans: byCell.get(cell.id) ?? [],
      source: cell.source,
      note: cell.note,
      transfer: cell.checkpointStep === TRANSFER_STEP,
    })),
    bestProgramId,
    job.status,
  );
  const { cells: _cells, run: _run, ...summary } = job;
  return { ...toSummary(summary), runId, bestProgramId, view };
}
