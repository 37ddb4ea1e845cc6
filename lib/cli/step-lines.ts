/**
 * What `--wait` prints per committed step: the step's test Pass@1 and the best conservative rating
 * (μ − 3σ) in the pool after that step. The run row only keeps the latest best, and a follower may
 * read several steps at once, so the pool as of each step is rebuilt from the stored history: the
 * programs born by then and not yet evicted, each with its rating after its last update up to that
 * step (or before its first later one, or as stored when never rated).
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface StepLine {
  step: number;
  testPass1: number | null;
  bestConservative: number | null;
}

const PAGE = 200;

export function readStepLines(prisma: PrismaClient, runId: string, afterStep: number): Promise<StepLine[]> {
  return prisma.$queryRaw<StepLine[]>`
    SELECT s.step,
      (s.metrics -> 'test' ->> 'Pass@1')::float8 AS "testPass1",
      (SELECT max(rating.mu - 3 * rating.sigma)
         FROM programs p
         CROSS JOIN LATERAL (
           SELECT c.mu, c.sigma FROM (
             (SELECT u.mu_after AS mu, u.sigma_after AS sigma, 0 AS pref FROM rating_updates u
               WHERE u.program_id = p.id AND u.step <= s.step ORDER BY u.step DESC LIMIT 1)
             UNION ALL
             (SELECT u.mu_before, u.sigma_before, 1 FROM rating_updates u
               WHERE u.program_id = p.id AND u.step > s.step ORDER BY u.step LIMIT 1)
             UNION ALL
             SELECT p.mu, p.sigma, 2
           ) c ORDER BY c.pref LIMIT 1
         ) rating
         WHERE p.run_id = s.run_id AND p.birth_step <= s.step
           AND (p.evicted_at_step IS NULL OR p.evicted_at_step > s.step)) AS "bestConservative"
    FROM steps s
    WHERE s.run_id = ${runId}::uuid AND s.step > ${afterStep}::int
    ORDER BY s.step
    LIMIT ${PAGE}::int`;
}

const fixed = (value: number | null, digits: number) => (value === null ? "–" : value.toFixed(digits));

export function formatStepLine(line: StepLine, totalSteps: number): string {
  const total = totalSteps > 0 ? `/${totalSteps}` : "";
  return (
    `step ${line.step + 1}${total}  test Pass@1 ${fixed(line.testPass1, 3)}  ` +
    `best μ−3σ ${fixed(line.bestConservative, 3)}`
  );
}
