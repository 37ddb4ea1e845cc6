import "server-only";
/**
 * What earlier runs' steps cost, per project and policy backend (null: the simulator): the basis the
 * launch form scales an experiment's time and tokens from (lib/domain/launch/experiment-estimate.ts).
 * Only the newest steps count, so a backend that got faster is not held to its first runs.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ReadScope } from "@/lib/server/auth/scope";
import type { StepCostBasis } from "@/lib/domain/launch/experiment-estimate";

/** Newest committed steps per project and backend that the basis is taken from. */
const BASIS_STEPS = 2_000;

export interface StepCostRow extends StepCostBasis {
  projectId: string;
  /** Null: the built-in simulator. */
  policyBackendId: string | null;
}

export async function readStepCosts(prisma: PrismaClient, scope: ReadScope): Promise<StepCostRow[]> {
  if (scope.projectIds.length === 0) return [];
  const rows = await prisma.$queryRaw<
    {
      project_id: string;
      policy_backend_id: string | null;
      runs: bigint;
      steps: bigint;
      samples: bigint;
      seconds: number;
      tokens: bigint;
    }[]
  >`
    SELECT project_id, policy_backend_id, count(DISTINCT run_id) AS runs, count(*) AS steps,
      sum(samples_consumed) AS samples, sum(seconds)::float8 AS seconds, sum(tokens) AS tokens
    FROM (
      SELECT r.project_id, r.policy_backend_id, s.run_id, s.samples_consumed,
        extract(epoch FROM s.committed_at - s.started_at) AS seconds,
        s.policy_prompt_tokens + s.policy_completion_tokens + s.reflection_prompt_tokens
          + s.reflection_completion_tokens + s.train_tokens AS tokens,
        row_number() OVER (PARTITION BY r.project_id, r.policy_backend_id ORDER BY s.committed_at DESC) AS n
      FROM steps s JOIN runs r ON r.id = s.run_id
      WHERE r.project_id = ANY(${[...scope.projectIds]}::uuid[]) AND s.samples_consumed > 0
    ) recent
    WHERE n <= ${BASIS_STEPS}
    GROUP BY project_id, policy_backend_id`;
  return rows.map((r) => ({
    projectId: r.project_id,
    policyBackendId: r.policy_backend_id,
    runs: Number(r.runs),
    steps: Number(r.steps),
    samples: Number(r.samples),
    seconds: r.seconds,
    // No step recorded a token (the simulator counts none): not recorded, not zero.
    tokens: Number(r.tokens) > 0 ? Number(r.tokens) : null,
  }));
}
