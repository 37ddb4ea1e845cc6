import "server-only";
/** What the rollouts browser's filter bar offers: the run's programs and steps (no rollout is read). */
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import type { ProgramOrigin } from "@/lib/generated/prisma/enums";
import { findScopedRun, maxVisibleStep } from "./scoped-run";

export interface RolloutFilterOptions {
  runName: string;
  programs: { programId: number; origin: ProgramOrigin; birthStep: number }[];
  /** Highest committed step the caller sees; null before the first commit. */
  lastStep: number | null;
  /** The filtered problem's text when a problem filter is set (shown beside the filter). */
  problem: { id: number; question: string; answer: string } | null;
}

export async function getRolloutFilterOptions(
  scope: ReadScope,
  runId: string,
  problemId?: number,
): Promise<RolloutFilterOptions> {
  const run = await findScopedRun(scope, runId);
  const prisma = getPrisma();
  const maxStep = maxVisibleStep(scope);
  const [programs, last, problem] = await Promise.all([
    prisma.program.findMany({
      where: { runId, birthStep: { lte: maxStep } },
      orderBy: { programId: "asc" },
      select: { programId: true, origin: true, birthStep: true },
    }),
    prisma.step.aggregate({ where: { runId, step: { lte: maxStep } }, _max: { step: true } }),
    // Only a problem of this run's dataset, so the filter never shows another project's text.
    problemId === undefined
      ? null
      : prisma.problem.findFirst({
          where: { id: problemId, dataset: { runs: { some: { id: runId } } } },
          select: { id: true, question: true, answer: true },
        }),
  ]);
  return { runName: run.name, programs, lastStep: last._max.step, problem };
}
