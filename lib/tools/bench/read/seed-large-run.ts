/**
 * Seeds one large run (2,500 steps, 1,000 programs, 400,000 rollouts with short texts) beside 10,000
 * small runs into a project, set-based (INSERT … SELECT over generate_series, one statement per table).
 * Shared by npm run bench:dashboard (a scratch database) and npm run bench:lcp (the e2e server's).
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const STEPS = 2500;
export const PROGRAMS = 1000;
export const ROLLOUTS = 400_000;
export const SMALL_RUNS = 10_000;

export async function seedLargeRun(
  p: PrismaClient,
  projectId: string,
  name = "large",
): Promise<{ id: string }> {
  const run = await p.run.create({
    data: {
      projectId,
      name,
      status: "running",
      trainMode: "evolution_rl",
      config: { batch_size: 16 },
      seed: 1,
      totalSteps: STEPS,
      currentStep: STEPS,
      bestProgramId: 500,
    },
  });
  await p.$executeRaw`
    INSERT INTO runs (id, project_id, name, status, train_mode, config, seed, total_steps, current_step, updated_at)
    SELECT gen_random_uuid(), ${projectId}::uuid, 'small ' || i, 'completed', 'evolution_rl', '{}', i, 20, 20, now()
    FROM generate_series(1, ${SMALL_RUNS}::int) i`;
  await p.$executeRaw`
    INSERT INTO steps (run_id, step, epoch, metrics, samples_consumed, started_at, committed_at)
    SELECT ${run.id}::uuid, s, s / 250,
      jsonb_build_object('logged', jsonb_build_object(
        'rollout/Agg_avg_reward', random(), 'rollout/Agg_Pass@3', random(),
        'rollout/avg_question_Pass@1', random(), 'rollout/min_question_Pass@1', random(), 'rollout/max_question_Pass@1', random(),
        'rollout/avg_PROGRAM_Pass@1', random(), 'rollout/min_PROGRAM_Pass@1', random(), 'rollout/max_PROGRAM_Pass@1', random(),
        'testing/Pass@1', random(), 'testing/Pass@2', random(), 'optim/lr', 4e-5)),
      s * 160, now() - (${STEPS} - s) * interval '2 seconds', now() - (${STEPS} - s) * interval '2 seconds' + interval '1.5 seconds'
    FROM generate_series(0, ${STEPS - 1}::int) s`;
  await p.$executeRaw`
    INSERT INTO programs (run_id, program_id, principles, origin, birth_step, mu, sigma)
    SELECT ${run.id}::uuid, i, jsonb_build_array(jsonb_build_object('id', 1, 'text', 'principle ' || i)),
      CASE WHEN i = 0 THEN 'root'::program_origin WHEN i % 3 = 0 THEN 'crossover' ELSE 'mutation' END,
      CASE WHEN i = 0 THEN -1 ELSE (i * 2.5)::int END, 25 + random() * 10, 1 + random() * 7
    FROM generate_series(0, ${PROGRAMS - 1}::int) i`;
  await p.$executeRaw`
    INSERT INTO evolution_events (run_id, step, kind, status, parent_program_ids, error)
    SELECT ${run.id}::uuid, s, CASE WHEN s % 3 = 0 THEN 'crossover'::evolution_kind ELSE 'mutation' END,
      CASE WHEN s % 50 = 0 THEN 'failed'::event_status ELSE 'ok' END, ARRAY[0], CASE WHEN s % 50 = 0 THEN 'unparseable reply' END
    FROM generate_series(0, ${STEPS - 1}::int) s`;
  await p.$executeRaw`
    INSERT INTO rollouts (run_id, step, split, slot, program_id, problem_index, sample_index, reward, completion_chars)
    SELECT ${run.id}::uuid, i / 160, 'train', (i / 32) % 5, pr.id, (i / 5) % 32, i % 5, (i % 2)::float8, 40
    FROM generate_series(0, ${ROLLOUTS - 1}::int) i
    JOIN programs pr ON pr.run_id = ${run.id}::uuid AND pr.program_id = (i / 400)`;
  await p.$executeRaw`INSERT INTO rollout_texts (rollout_id, completion) SELECT id, 'short completion' FROM rollouts WHERE run_id = ${run.id}::uuid`;
  return run;
}
