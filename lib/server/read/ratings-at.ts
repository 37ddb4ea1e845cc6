import "server-only";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RatingsAt } from "@/lib/view/lineage/replay";
import { findScopedRun } from "./scoped-run";

/**
 * The per-program state after step `at`, as CTEs keyed by the programs row id (pool id for `sel`):
 * `rated` its last rating update by then, `prior` the rating before its first update ever (what it
 * had until rated), `scores` its mean score by then, `sel` how many slots the steps gave it by then.
 * Shared by the replay below and the frozen share link's lineage (run-lineage.ts).
 */
export function asOfStepCtes(runId: string, at: number): Prisma.Sql {
  return Prisma.sql`sel AS (
      SELECT sp.pid, count(*)::int AS n FROM steps s, unnest(s.selected_program_ids) AS sp(pid)
      WHERE s.run_id = ${runId}::uuid AND s.step <= ${at}::int GROUP BY sp.pid
    ), rated AS (
      SELECT DISTINCT ON (r.program_id) r.program_id, r.mu_after, r.sigma_after FROM rating_updates r
      WHERE r.run_id = ${runId}::uuid AND r.step <= ${at}::int ORDER BY r.program_id, r.step DESC
    ), scores AS (
      SELECT r.program_id, avg(r.score)::float8 AS mean FROM rating_updates r
      WHERE r.run_id = ${runId}::uuid AND r.step <= ${at}::int GROUP BY r.program_id
    ), prior AS (
      SELECT DISTINCT ON (r.program_id) r.program_id, r.mu_before, r.sigma_before FROM rating_updates r
      WHERE r.run_id = ${runId}::uuid ORDER BY r.program_id, r.step
    )`;
}

/**
 * Every program born by step `step` as it stood after that step, for the lineage and leaderboard
 * replay: μ/σ from its last rating update by then (else the prior of its first update, else the stored
 * value of a program never rated), times selected counted from the steps' selections, its mean score
 * over updates by then, and an eviction only if it had happened. The step is clamped to what the scope
 * may see (a frozen share link cannot replay past its step).
 */
export async function getRatingsAt(scope: ReadScope, runId: string, step: number): Promise<RatingsAt> {
  const { maxStep } = await findScopedRun(scope, runId);
  const at = Math.min(step, maxStep);
  const [row] = await getPrisma().$queryRaw<{ items: RatingsAt["programs"] }[]>`
    WITH ${asOfStepCtes(runId, at)}
    SELECT coalesce(json_agg(json_build_object(
             'id', p.program_id,
             'mu', coalesce(rated.mu_after, prior.mu_before, p.mu),
             'sigma', coalesce(rated.sigma_after, prior.sigma_before, p.sigma),
             'timesSelected', coalesce(sel.n, 0),
             'meanScore', scores.mean,
             'evictedAtStep', CASE WHEN p.evicted_at_step <= ${at}::int THEN p.evicted_at_step END
           ) ORDER BY p.program_id), '[]') AS items
    FROM programs p
    LEFT JOIN rated ON rated.program_id = p.id
    LEFT JOIN prior ON prior.program_id = p.id
    LEFT JOIN scores ON scores.program_id = p.id
    LEFT JOIN sel ON sel.pid = p.program_id
    WHERE p.run_id = ${runId}::uuid AND p.birth_step <= ${at}::int`;
  return { step: at, programs: row?.items ?? [] };
}
