import "server-only";
/**
 * The head-to-head view of one step: per (slot, problem) counts aggregated in SQL over the step's train
 * rollouts (k·B groups, never the rollouts themselves), the batch's problem texts, and the crossover
 * event of the step when there was one, so the page can show who crossover itself recorded as winners.
 */
import { z } from "zod";
import type { ReadScope } from "@/lib/server/auth/scope";
import {
  prepareHeadToHead,
  type HeadToHeadGrid,
  type SlotProblemCell,
} from "@/lib/view/charts/prepare-head-to-head";
import { getPrisma } from "@/lib/server/db/client";
import { findScopedRun, maxVisibleStep } from "./scoped-run";

export interface HeadToHead {
  runName: string;
  /** The step shown; null when the run has no visible step yet. */
  step: number | null;
  firstStep: number | null;
  lastStep: number | null;
  grid: HeadToHeadGrid;
  problems: Record<number, { question: string; answer: string }>;
  /** problemIndex → program pool id, as the step's crossover event stored it; null without one. */
  recordedWinners: Record<number, number | null> | null;
  programs: Record<number, { origin: string; birthStep: number }>;
}

const QUESTION_CHARS = 300;

const stepDetailsSchema = z.object({
  ranking: z.object({ uniqueSlots: z.array(z.number().int().min(0)) }),
});

const crossoverDetailsSchema = z.object({
  winners: z.array(z.object({ problemIndex: z.number().int(), programId: z.number().int().nullable() })),
});

async function readCells(runId: string, step: number): Promise<SlotProblemCell[]> {
  const rows = await getPrisma().$queryRaw<
    {
      slot: number;
      programId: number;
      problemIndex: number;
      problemId: number | null;
      n: bigint;
      successes: bigint;
      rewardSum: number;
    }[]
  >`
    SELECT r.slot, p.program_id AS "programId", r.problem_index AS "problemIndex", min(r.problem_id) AS "problemId",
      count(*) AS n, count(*) FILTER (WHERE r.reward > 0) AS successes, sum(r.reward) AS "rewardSum"
    FROM rollouts r JOIN programs p ON p.id = r.program_id
    WHERE r.run_id = ${runId}::uuid AND r.step = ${step}::int AND r.split = 'train'
    GROUP BY r.slot, p.program_id, r.problem_index`;
  return rows.map((r) => ({ ...r, n: Number(r.n), successes: Number(r.successes) }));
}

/** One step's grid (the latest visible step when `step` is not given). A run outside the scope is "not found". */
export async function getHeadToHead(scope: ReadScope, runId: string, step?: number): Promise<HeadToHead> {
  const run = await findScopedRun(scope, runId);
  const prisma = getPrisma();
  const maxStep = maxVisibleStep(scope);
  const bounds = await prisma.step.aggregate({
    where: { runId, step: { lte: maxStep } },
    _min: { step: true },
    _max: { step: true },
  });
  const lastStep = bounds._max.step;
  const shown = step === undefined ? lastStep : Math.min(step, maxStep);
  const empty = { rows: [], columns: [], rankingSource: "recomputed" as const };
  if (shown === null)
    return {
      runName: run.name,
      step: null,
      firstStep: null,
      lastStep: null,
      grid: empty,
      problems: {},
      recordedWinners: null,
      programs: {},
    };

  const [cells, stepRow, crossover] = await Promise.all([
    readCells(runId, shown),
    prisma.step.findUnique({ where: { runId_step: { runId, step: shown } }, select: { details: true } }),
    prisma.evolutionEvent.findFirst({
      where: { runId, step: shown, kind: "crossover" },
      select: { details: true },
    }),
  ]);
  const stored = stepDetailsSchema.safeParse(stepRow?.details);
  const grid = prepareHeadToHead(cells, stored.success ? stored.data.ranking.uniqueSlots : null);
  const problemIds = grid.columns.flatMap((c) => (c.problemId === null ? [] : [c.problemId]));
  const programIds = grid.rows.map((r) => r.programId);
  const [problemRows, programRows] = await Promise.all([
    problemIds.length === 0
      ? []
      : prisma.$queryRaw<{ id: number; question: string; answer: string }[]>`
          SELECT id, left(question, ${QUESTION_CHARS}::int) AS question, left(answer, 200) AS answer
          FROM problems WHERE id = ANY(${problemIds}::int[])`,
    prisma.program.findMany({
      where: { runId, programId: { in: programIds } },
      select: { programId: true, origin: true, birthStep: true },
    }),
  ]);
  const recorded = crossoverDetailsSchema.safeParse(crossover?.details);
  return {
    runName: run.name,
    step: shown,
    firstStep: bounds._min.step,
    lastStep,
    grid,
    problems: Object.fromEntries(
      grid.columns.flatMap((c) => {
        const p = problemRows.find((row) => row.id === c.problemId);
        return p ? [[c.problemIndex, { question: p.question, answer: p.answer }]] : [];
      }),
    ),
    recordedWinners: recorded.success
      ? Object.fromEntries(recorded.data.winners.map((w) => [w.problemIndex, w.programId]))
      : null,
    programs: Object.fromEntries(
      programRows.map((p) => [p.programId, { origin: p.origin, birthStep: p.birthStep }]),
    ),
  };
}
