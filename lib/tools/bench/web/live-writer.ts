/**
 * A run in progress for benchmarks that need one while they measure reads: every `intervalMs` one more
 * step (the metrics of lib/tools/bench/read/seed-large-run.ts and an evolution event) is committed with
 * the run row's progress, as the step writer does, so the runs trigger announces it on "espl_runs".
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const LIVE_TOTAL = 2500;

/** Creates the run with `steps` steps already stored. */
export async function seedLiveRun(p: PrismaClient, projectId: string, steps: number): Promise<string> {
  const run = await p.run.create({
    data: {
      projectId,
      name: "live bench run",
      status: "running",
      trainMode: "evolution_rl",
      config: { batch_size: 16 },
      seed: 2,
      totalSteps: LIVE_TOTAL,
      currentStep: steps,
      startedAt: new Date(),
    },
  });
  await insertSteps(p, run.id, 0, steps - 1);
  return run.id;
}

async function insertSteps(p: PrismaClient, runId: string, from: number, to: number): Promise<void> {
  await p.$transaction([
    p.$executeRaw`
      INSERT INTO steps (run_id, step, epoch, metrics, samples_consumed, started_at, committed_at)
      SELECT ${runId}::uuid, s, s / 250,
        jsonb_build_object('logged', jsonb_build_object(
          'rollout/Agg_avg_reward', random(), 'rollout/Agg_Pass@3', random(),
          'rollout/avg_question_Pass@1', random(), 'rollout/min_question_Pass@1', random(), 'rollout/max_question_Pass@1', random(),
          'rollout/avg_PROGRAM_Pass@1', random(), 'rollout/min_PROGRAM_Pass@1', random(), 'rollout/max_PROGRAM_Pass@1', random(),
          'testing/Pass@1', random(), 'testing/Pass@2', random(), 'optim/lr', 4e-5)),
        s * 160, now() - (${to} - s) * interval '1 second' - interval '0.5 seconds', now() - (${to} - s) * interval '1 second'
      FROM generate_series(${from}::int, ${to}::int) s`,
    p.$executeRaw`
      INSERT INTO evolution_events (run_id, step, kind, status, parent_program_ids, error)
      SELECT ${runId}::uuid, s, CASE WHEN s % 3 = 0 THEN 'crossover'::evolution_kind ELSE 'mutation' END,
        CASE WHEN s % 50 = 0 THEN 'failed'::event_status ELSE 'ok' END, ARRAY[0],
        CASE WHEN s % 50 = 0 THEN 'unparseable reply' END
      FROM generate_series(${from}::int, ${to}::int) s`,
    p.$executeRaw`UPDATE runs SET current_step = ${to + 1}::int, updated_at = now() WHERE id = ${runId}::uuid`,
  ]);
}

/** Commits one step every `intervalMs` from step `next` on; `stop` waits for the commit in flight. */
export function startLiveWriter(p: PrismaClient, runId: string, next: number, intervalMs: number) {
  let step = next;
  let stopped = false;
  const committedAt = new Map<number, number>();
  const loop = (async () => {
    while (!stopped && step < LIVE_TOTAL) {
      await new Promise((r) => setTimeout(r, intervalMs));
      await insertSteps(p, runId, step, step);
      committedAt.set(step, Date.now());
      step++;
    }
  })();
  return {
    committedAt,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
