import "server-only";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import {
  DEFAULT_CHOSEN,
  STRIP_WINDOW,
  type LeaderboardRow,
  type RankStrip,
  type RatingHistory,
  type RatingsQuery,
  type RatingsSelection,
  type RunRatings,
} from "@/lib/view/lineage/types";
import { readProgramSummaries } from "./run-lineage";
import { findScopedRun } from "./scoped-run";

/**
 * The ratings view's data: the leaderboard of every program, the μ/σ histories of the chosen programs
 * (default: the top DEFAULT_CHOSEN by μ − 3σ) and a window of the per-step rank strip (default: the last 100 steps).
 * Scoped; a frozen share link sees the run as it was at its step.
 */
export async function getRunRatings(
  scope: ReadScope,
  runId: string,
  query: RatingsQuery = {},
): Promise<RunRatings> {
  const run = await findScopedRun(scope, runId);
  const prisma = getPrisma();
  const { maxStep } = run;
  const [programs, means, last] = await Promise.all([
    readProgramSummaries(runId, scope.frozenAtStep),
    prisma.$queryRaw<{ id: number; mean: number }[]>`
      SELECT p.program_id AS id, avg(r.score)::float8 AS mean
      FROM rating_updates r JOIN programs p ON p.id = r.program_id
      WHERE r.run_id = ${runId}::uuid AND r.step <= ${maxStep}::int
      GROUP BY p.program_id`,
    prisma.step.aggregate({ where: { runId, step: { lte: maxStep } }, _max: { step: true } }),
  ]);
  const meanOf = new Map(means.map((m) => [m.id, m.mean]));
  const leaderboard: LeaderboardRow[] = programs
    .map((p) => ({
      id: p.id,
      origin: p.origin,
      mu: p.mu,
      sigma: p.sigma,
      conservative: p.mu - 3 * p.sigma,
      timesSelected: p.timesSelected,
      meanScore: meanOf.get(p.id) ?? null,
      birthStep: p.birthStep,
      evictedAtStep: p.evictedAtStep,
    }))
    .sort((a, b) => b.conservative - a.conservative || a.id - b.id);
  const lastStep = last._max.step;
  const selection = await readRatingsSelection(runId, maxStep, lastStep, {
    ...query,
    programs: query.programs ?? leaderboard.slice(0, DEFAULT_CHOSEN).map((r) => r.id),
  });
  return { runId: run.id, runName: run.name, lastStep, leaderboard, ...selection };
}

/** Histories and strip only (the route's refetch when the user picks other programs or steps). */
export async function getRatingsSelection(
  scope: ReadScope,
  runId: string,
  query: RatingsQuery,
): Promise<RatingsSelection> {
  const { maxStep } = await findScopedRun(scope, runId);
  const last = await getPrisma().step.aggregate({
    where: { runId, step: { lte: maxStep } },
    _max: { step: true },
  });
  return readRatingsSelection(runId, maxStep, last._max.step, { ...query, programs: query.programs ?? [] });
}

async function readRatingsSelection(
  runId: string,
  maxStep: number,
  lastStep: number | null,
  query: RatingsQuery & { programs: number[] },
): Promise<RatingsSelection> {
  const prisma = getPrisma();
  const end = lastStep ?? -1;
  const to = Math.min(query.to ?? end, end, maxStep);
  const from = Math.max(-1, Math.min(query.from ?? to - STRIP_WINDOW + 1, to));
  const boundedFrom = Math.max(from, to - STRIP_WINDOW + 1);
  const [historyRows, stripRows, owners] = await Promise.all([
    prisma.$queryRaw<{ id: number; step: number; mb: number; sb: number; mu: number; sigma: number }[]>`
      SELECT p.program_id AS id, r.step, r.mu_before AS mb, r.sigma_before AS sb, r.mu_after AS mu, r.sigma_after AS sigma
      FROM programs p JOIN rating_updates r ON r.program_id = p.id
      WHERE p.run_id = ${runId}::uuid AND p.program_id = ANY(${query.programs}::int[]) AND r.step <= ${maxStep}::int
      ORDER BY p.program_id, r.step`,
    prisma.$queryRaw<{ id: number; step: number; rank: number; tie: number; score: number }[]>`
      SELECT p.program_id AS id, r.step, r.rank, r.tie_group AS tie, r.score
      FROM rating_updates r JOIN programs p ON p.id = r.program_id
      WHERE r.run_id = ${runId}::uuid AND r.step BETWEEN ${boundedFrom}::int AND ${to}::int
      ORDER BY r.step, r.rank, p.program_id`,
    prisma.program.findMany({
      where: { runId, programId: { in: query.programs }, birthStep: { lte: maxStep } },
      select: { programId: true, birthStep: true, evictedAtStep: true },
    }),
  ]);
  const histories: RatingHistory[] = owners
    .sort((a, b) => query.programs.indexOf(a.programId) - query.programs.indexOf(b.programId))
    .map((o) => ({
      id: o.programId,
      birthStep: o.birthStep,
      evictedAtStep: o.evictedAtStep !== null && o.evictedAtStep <= maxStep ? o.evictedAtStep : null,
      points: historyRows
        .filter((h) => h.id === o.programId)
        .map((h) => ({ step: h.step, muBefore: h.mb, sigmaBefore: h.sb, mu: h.mu, sigma: h.sigma })),
    }));
  const strip: RankStrip = { from: boundedFrom, to, steps: [] };
  for (const r of stripRows) {
    let column = strip.steps.at(-1);
    if (!column || column.step !== r.step) strip.steps.push((column = { step: r.step, entries: [] }));
    column.entries.push({ id: r.id, rank: r.rank, tieGroup: r.tie, score: r.score });
  }
  return { chosen: histories.map((h) => h.id), histories, strip };
}
