import "server-only";
/**
 * A run's summary (status, progress, per-step metrics) through a ReadScope: a run outside the scope is
 * "not found", and a frozen scope hides every step after its step. The share page renders this; richer
 * run pages take the same scope.
 */
import { runWhere, type ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { flattenStepMetrics } from "@/lib/server/io/export/export-csv";
import { notFound } from "@/lib/domain/errors";
import type { RunStatus, TrainMode } from "@/lib/generated/prisma/enums";

export interface RunSummary {
  id: string;
  name: string;
  status: RunStatus;
  trainMode: TrainMode;
  currentStep: number;
  totalSteps: number;
  steps: { step: number; epoch: number; metrics: Record<string, number | null> }[];
}

const MAX_STEPS = 1000;

/** Flat key → number: native steps nest rollout/test/logged, so the flat `logged` line is what a table shows. */
function readNumericMetrics(metrics: unknown): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [key, value] of flattenStepMetrics(metrics))
    if (typeof value === "number" || value === null) out[key] = value;
  return out;
}

export async function getRunSummaries(scope: ReadScope): Promise<RunSummary[]> {
  const prisma = getPrisma();
  const runs = await prisma.run.findMany({
    where: runWhere(scope),
    orderBy: { createdAt: "asc" },
    take: 20,
    select: { id: true, name: true, status: true, trainMode: true, currentStep: true, totalSteps: true },
  });
  const steps = await prisma.step.findMany({
    where: {
      runId: { in: runs.map((r) => r.id) },
      ...(scope.frozenAtStep !== undefined ? { step: { lte: scope.frozenAtStep } } : {}),
    },
    orderBy: [{ runId: "asc" }, { step: "asc" }],
    take: MAX_STEPS * Math.max(1, runs.length),
    select: { runId: true, step: true, epoch: true, metrics: true },
  });
  return runs.map((run) => ({
    ...run,
    // A frozen view shows the run as it was at that step, progress included.
    currentStep:
      scope.frozenAtStep !== undefined ? Math.min(run.currentStep, scope.frozenAtStep) : run.currentStep,
    steps: steps
      .filter((s) => s.runId === run.id)
      .map((s) => ({ step: s.step, epoch: s.epoch, metrics: readNumericMetrics(s.metrics) })),
  }));
}

export async function getRunSummary(scope: ReadScope, runId: string): Promise<RunSummary> {
  const [run] = await getRunSummaries({
    ...scope,
    runIds: scope.runIds ? scope.runIds.filter((id) => id === runId) : [runId],
  });
  if (!run) throw notFound("run");
  return run;
}
