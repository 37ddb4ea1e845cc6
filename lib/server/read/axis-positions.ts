import "server-only";
import { blankUnrecorded, unknownFrom, type AxisPositions } from "@/lib/view/charts/axis-positions";
import { firstUnrecordedTokenStep } from "./unrecorded-tokens";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { RunSource } from "@/lib/generated/prisma/enums";

/** LLM tokens a step processed: policy sampling and reflection, prompt and completion. */
const TOKENS = Prisma.sql`s.policy_prompt_tokens::bigint + s.policy_completion_tokens + s.reflection_prompt_tokens
  + s.reflection_completion_tokens`;

interface PositionRow {
  step: number;
  samples: number | null;
  tokens: number | null;
  seconds: number | null;
}

/**
 * Cumulative samples, tokens and wall-clock seconds of a run at each of `steps` (the downsampled
 * series' bucket ends), from its stored per-step rows up to `maxStep`: one window pass over the run's
 * steps, returning only the rows asked for.
 *
 * Native runs keep the counts on the step row: samples_consumed, the policy and reflection tokens
 * (prompt and completion), and commit times (seconds from the first step's start). Imported rows are
 * written at import time, so their commit times say nothing about the run: time is the sum of the
 * logged per-step `time/total`, and samples are samples_consumed where the import recorded it, else
 * the rollouts stored for the step. A step lacking its value makes the running total unknown from
 * there on (null), and a total that never leaves zero was not recorded at all. Tokens are likewise
 * unknown from the first step with a reflection call or sampling batch whose counts were not reported.
 */
export async function queryAxisPositions(
  prisma: PrismaClient,
  runId: string,
  source: RunSource,
  steps: readonly number[],
  maxStep: number,
): Promise<AxisPositions> {
  if (steps.length === 0) return { steps: [], samples: [], tokens: [], seconds: [] };
  const wanted = [...steps];
  // Tokens: the step columns for both sources (an import that has no counts leaves them at zero,
  // which blankUnrecorded turns into "not recorded").
  const rows =
    source === "imported"
      ? await prisma.$queryRaw<PositionRow[]>`
          WITH counted AS (
            -- Rollouts per step, for an import that did not record the count (one pass, not one
            -- lookup per step); skipped entirely when every step has its count.
            SELECT ro.step, count(*) AS n FROM rollouts ro
            WHERE ro.run_id = ${runId}::uuid AND ro.step <= ${maxStep}::int
              AND EXISTS (SELECT 1 FROM steps z WHERE z.run_id = ${runId}::uuid AND z.step <= ${maxStep}::int
                AND z.samples_consumed = 0)
            GROUP BY ro.step
          )
          SELECT step, samples, tokens, seconds FROM (
            SELECT s.step,
              CASE WHEN bool_and(n.samples > 0) OVER w THEN (sum(n.samples) OVER w)::float8 END AS samples,
              (sum(${TOKENS}) OVER w)::float8 AS tokens,
              CASE WHEN bool_and(t.seconds IS NOT NULL) OVER w THEN sum(t.seconds) OVER w END AS seconds
            FROM steps s
            LEFT JOIN counted ON counted.step = s.step
            CROSS JOIN LATERAL (
              SELECT CASE WHEN s.samples_consumed > 0 THEN s.samples_consumed::bigint ELSE coalesce(counted.n, 0) END
                AS samples) n
            CROSS JOIN LATERAL (
              SELECT CASE WHEN jsonb_typeof(m -> 'time/total') = 'number' THEN (m ->> 'time/total')::float8 END
                AS seconds
              FROM (SELECT coalesce(s.metrics -> 'logged', s.metrics) AS m) x) t
            WHERE s.run_id = ${runId}::uuid AND s.step <= ${maxStep}::int
            WINDOW w AS (ORDER BY s.step)
          ) c
          WHERE step = ANY(${wanted}::int[])
          ORDER BY step`
      : await prisma.$queryRaw<PositionRow[]>`
          SELECT step, samples, tokens, seconds FROM (
            SELECT s.step,
              (sum(s.samples_consumed) OVER w)::float8 AS samples,
              (sum(${TOKENS}) OVER w)::float8 AS tokens,
              extract(epoch FROM s.committed_at - min(s.started_at) OVER ())::float8 AS seconds
            FROM steps s
            WHERE s.run_id = ${runId}::uuid AND s.step <= ${maxStep}::int
            WINDOW w AS (ORDER BY s.step)
          ) c
          WHERE step = ANY(${wanted}::int[])
          ORDER BY step`;
  // A step with a call whose tokens were not reported (the usage panel's rule) makes the running
  // total a partial sum from there on: unknown, not drawn.
  const incompleteFrom = await firstUnrecordedTokenStep(prisma, { runId, step: { lte: maxStep } });
  const runSteps = rows.map((r) => r.step);
  return {
    steps: runSteps,
    samples: blankUnrecorded(rows.map((r) => r.samples)),
    tokens: blankUnrecorded(
      unknownFrom(
        runSteps,
        rows.map((r) => r.tokens),
        incompleteFrom,
      ),
    ),
    // Rounded to 0.1 s: the chart's resolution, and a smaller payload.
    seconds: rows.map((r) => (r.seconds === null ? null : Math.round(r.seconds * 10) / 10)),
  };
}
