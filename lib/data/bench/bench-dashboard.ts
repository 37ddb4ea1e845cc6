/**
 * npm run bench:dashboard — seeds a scratch database with one large run (2,500 steps, 1,000 programs,
 * 400,000 rollouts with short texts) beside 10,000 small runs, then times the run-overview data function
 * (the run page's whole server-side read): the first read, then p50/p95/max of later reads. Goal: p95 ≤
 * 100 ms. Seeding is
 * set-based (INSERT … SELECT over generate_series), one statement per table.
 */
import { performance } from "node:perf_hooks";
import { createBenchDatabase } from "@/lib/runner/bench/bench-database";

const STEPS = 2500;
const PROGRAMS = 1000;
const ROLLOUTS = 400_000;
const SMALL_RUNS = 10_000;
const SAMPLES = 60;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function main() {
  const db = await createBenchDatabase();
  process.env.DATABASE_URL = db.url;
  const { getRunOverview } = await import("@/lib/data/run-overview");
  const { queryDownsampledSeries } = await import("@/lib/data/run-series");
  try {
    const t0 = performance.now();
    const p = db.prisma;
    const project = await p.project.create({ data: { name: "Bench", slug: "bench" } });
    const run = await p.run.create({
      data: {
        projectId: project.id,
        name: "large",
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
      SELECT gen_random_uuid(), ${project.id}::uuid, 'small ' || i, 'completed', 'evolution_rl', '{}', i, 20, 20, now()
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
    await p.$executeRaw`ANALYZE`;
    console.log(
      `seeded: 1 run × ${STEPS} steps, ${PROGRAMS} programs, ${ROLLOUTS} rollouts; ${SMALL_RUNS} small runs in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const scope = { projectIds: [project.id] };
    // The first read of a run aggregates every completed bucket once and stores it (lib/data/run-series.ts).
    const first = performance.now();
    await getRunOverview(scope, run.id);
    console.log(
      `first read (aggregates and stores the completed buckets): ${(performance.now() - first).toFixed(1)} ms`,
    );
    for (let i = 0; i < 5; i++) await getRunOverview(scope, run.id); // warm connections and plans
    const times: number[] = [];
    let points = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const start = performance.now();
      const o = await getRunOverview(scope, run.id);
      times.push(performance.now() - start);
      points = Object.values(o.series).reduce((n, s) => n + s.length, 0);
    }
    times.sort((a, b) => a - b);
    const seriesTimes: number[] = [];
    const keys = Object.keys((await getRunOverview(scope, run.id)).series);
    for (let i = 0; i < SAMPLES; i++) {
      const start = performance.now();
      await queryDownsampledSeries(p, run.id, keys, 3, 2_147_483_647);
      seriesTimes.push(performance.now() - start);
    }
    seriesTimes.sort((a, b) => a - b);
    console.log(
      `  of which the success series: p50 ${percentile(seriesTimes, 50).toFixed(1)} ms, p95 ${percentile(seriesTimes, 95).toFixed(1)} ms`,
    );
    console.log(
      `getRunOverview (large run, ${points} points over all series): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms over ${SAMPLES} calls (goal p95 ≤ 100 ms)`,
    );
  } finally {
    await db.drop();
  }
}

await main();
