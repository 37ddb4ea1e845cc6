/**
 * npm run bench:rollouts: seeds a scratch database with one run of 2,500 steps × 160 rollouts (400,000:
 * 4 slots × 8 problems × 4 samples of train, 16 test problems × 2), 1,000 programs, a 416-problem
 * dataset and a short text per rollout, then times the rollouts browser's data (a page of 50 under
 * several filter combinations, cursor pages deep in the run, one rollout's detail) and the head-to-head
 * grid of random steps, printing p50/p95/max of each, then full-text searches (a word in 1 of 100 texts, 1 of
 * 7, every text) and the plan of one. Seeding is set-based (INSERT … SELECT).
 */
import { performance } from "node:perf_hooks";
import { createBenchDatabase } from "@/lib/tools/bench/runner/bench-database";
import { rolloutPageQuerySchema } from "@/lib/domain/rollouts/rollout-filters";
import { percentile } from "@/lib/espl/bench/stats";

const STEPS = 2500;
const PER_STEP = 160;
const TRAIN_PER_STEP = 128;
const PROGRAMS = 1000;
const TRAIN_PROBLEMS = 400;
const TEST_PROBLEMS = 16;
const SAMPLES = 40;

async function time(label: string, fn: (i: number) => Promise<unknown>, all: number[]) {
  for (let i = 0; i < 3; i++) await fn(i); // warm plans and connections
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  all.push(...times);
  times.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(48)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms  max ${times.at(-1)!.toFixed(1).padStart(6)} ms`,
  );
}

function summarize(label: string, all: number[]) {
  all.sort((a, b) => a - b);
  console.log(
    `${label}: p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms, max ${all.at(-1)!.toFixed(1)} ms over ${all.length} calls`,
  );
}

/** A deterministic spread of values 0..n-1 for sample i. */
const pick = (i: number, n: number, salt = 0) => ((i + 1) * 7919 + salt * 104_729) % n;

async function seed(db: Awaited<ReturnType<typeof createBenchDatabase>>) {
  const p = db.prisma;
  const project = await p.project.create({ data: { name: "Bench", slug: "bench" } });
  const dataset = await p.dataset.create({
    data: {
      projectId: project.id,
      name: "bench",
      source: "generated",
      trainCount: TRAIN_PROBLEMS,
      testCount: TEST_PROBLEMS,
    },
  });
  const run = await p.run.create({
    data: {
      projectId: project.id,
      datasetId: dataset.id,
      name: "large",
      status: "completed",
      trainMode: "evolution_rl",
      config: { batch_size: 8 },
      seed: 1,
      totalSteps: STEPS,
      currentStep: STEPS,
    },
  });
  await p.$executeRaw`
    INSERT INTO problems (dataset_id, split, position, question, answer)
    SELECT ${dataset.id}::uuid, 'train'::split, i, 'What is ' || i || ' + ' || (i * 7 % 13) || '? Give $\\boxed{}$.', (i + i * 7 % 13)::text
    FROM generate_series(0, ${TRAIN_PROBLEMS - 1}::int) i
    UNION ALL
    SELECT ${dataset.id}::uuid, 'test'::split, i, 'Compute ' || i || ' squared.', (i * i)::text
    FROM generate_series(0, ${TEST_PROBLEMS - 1}::int) i`;
  await p.$executeRaw`
    INSERT INTO steps (run_id, step, epoch, metrics, details, samples_consumed, started_at)
    SELECT ${run.id}::uuid, s, s / 50, '{}', '{"ranking":{"uniqueSlots":[0,1,2,3]}}', s * 160, now()
    FROM generate_series(0, ${STEPS - 1}::int) s`;
  await p.$executeRaw`
    INSERT INTO programs (run_id, program_id, principles, origin, birth_step, mu, sigma)
    SELECT ${run.id}::uuid, i, jsonb_build_array(jsonb_build_object('id', 'G0', 'text', 'principle ' || i)),
      CASE WHEN i = 0 THEN 'root'::program_origin WHEN i % 3 = 0 THEN 'crossover' ELSE 'mutation' END,
      CASE WHEN i = 0 THEN -1 ELSE (i * 2.5)::int END, 25, 5
    FROM generate_series(0, ${PROGRAMS - 1}::int) i`;
  // Slot s of step t runs program max(0, floor(0.4·t) − 3s): distinct programs, each born before the step.
  await p.$executeRaw`
    WITH g AS (
      SELECT i, i / ${PER_STEP}::int AS step, i % ${PER_STEP}::int AS j FROM generate_series(0, ${STEPS * PER_STEP - 1}::int) i
    ), shaped AS (
      SELECT i, step,
        CASE WHEN j < ${TRAIN_PER_STEP}::int THEN 'train' ELSE 'test' END AS split,
        CASE WHEN j < ${TRAIN_PER_STEP}::int THEN j / 32 ELSE 0 END AS slot,
        CASE WHEN j < ${TRAIN_PER_STEP}::int THEN (j / 4) % 8 ELSE (j - ${TRAIN_PER_STEP}::int) / 2 END AS problem_index,
        CASE WHEN j < ${TRAIN_PER_STEP}::int THEN j % 4 ELSE (j - ${TRAIN_PER_STEP}::int) % 2 END AS sample_index
      FROM g
    )
    INSERT INTO rollouts (run_id, step, split, slot, program_id, problem_id, problem_index, sample_index, reward,
      advantage, trained, prompt_tokens, completion_tokens, completion_chars, extracted_answer)
    SELECT ${run.id}::uuid, s.step, s.split::split, s.slot, pr.id, q.id, s.problem_index, s.sample_index,
      CASE WHEN (s.i::bigint * 2654435761) % 100 < 45 THEN 1 ELSE 0 END, ((s.i % 7) - 3) / 4.0, s.split = 'train',
      120 + s.i % 50, 200 + s.i % 300, 900 + s.i % 500, (s.i % 40)::text
    FROM shaped s
      JOIN programs pr ON pr.run_id = ${run.id}::uuid AND pr.program_id = greatest(0, floor(s.step * 0.4)::int - 3 * s.slot)
      JOIN problems q ON q.dataset_id = ${dataset.id}::uuid AND q.split = s.split::split
        AND q.position = CASE WHEN s.split = 'train' THEN (s.step * 8 + s.problem_index) % ${TRAIN_PROBLEMS}::int ELSE s.problem_index END`;
  await p.$executeRaw`
    INSERT INTO rollout_texts (rollout_id, completion)
    SELECT id, 'Step by step: we add the numbers. $$x = ' || id || '$$ '
      -- Words of different frequency for the search timings: 1 in 100 texts, 1 in 7, every text.
      || CASE WHEN id % 100 = 0 THEN 'We carry the one. ' WHEN id % 7 = 0 THEN 'Borrowing from the tens. ' ELSE '' END
      || 'So the answer is $\\boxed{' || (id % 40) || '}$.'
    FROM rollouts WHERE run_id = ${run.id}::uuid`;
  await p.$executeRaw`ANALYZE`;
  return { projectId: project.id, runId: run.id };
}

async function main() {
  const db = await createBenchDatabase();
  process.env.DATABASE_URL = db.url;
  const { listRollouts } = await import("@/lib/server/read/list-rollouts");
  const { getHeadToHead } = await import("@/lib/server/read/head-to-head");
  const { getRolloutDetail } = await import("@/lib/server/read/rollout-detail");
  try {
    const t0 = performance.now();
    const { projectId, runId } = await seed(db);
    const total = Number((await db.pool.query("SELECT count(*) n FROM rollouts")).rows[0].n);
    console.log(
      `seeded 1 run: ${STEPS} steps, ${total} rollouts with texts, ${PROGRAMS} programs in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const scope = { projectIds: [projectId] };
    const page = (q: Record<string, unknown>) => listRollouts(scope, runId, rolloutPageQuerySchema.parse(q));
    // Cursors from the middle and the end of the run, for pages deep in the keyset.
    const deep = await page({ step: 1800 });
    const deepDesc = await page({ sort: "newest", step: 300 });
    const ids = (
      await db.pool.query<{ id: string }>("SELECT id::text FROM rollouts ORDER BY random() LIMIT 60")
    ).rows.map((r) => r.id);

    const all: number[] = [];
    console.log("rollouts page (50 summaries + capped count):");
    await time("no filter, first page", () => page({}), all);
    await time("step", (i) => page({ step: pick(i, STEPS) }), all);
    await time("program", (i) => page({ program: pick(i, PROGRAMS) }), all);
    await time("program, newest first", (i) => page({ program: pick(i, PROGRAMS), sort: "newest" }), all);
    await time("problem", (i) => page({ problem: 1 + pick(i, TRAIN_PROBLEMS) }), all);
    await time("split=test", () => page({ split: "test" }), all);
    await time("correct=no, newest first", () => page({ correct: "no", sort: "newest" }), all);
    await time(
      "step + program + problem (a head-to-head cell)",
      async (i) => {
        const step = pick(i, STEPS);
        const slot = i % 4;
        const program = Math.max(0, Math.floor(step * 0.4) - 3 * slot);
        // Train problems were inserted first, so position p has id p + 1.
        const problem = ((step * 8 + (i % 8)) % TRAIN_PROBLEMS) + 1;
        return page({ step, program, problem, split: "train" });
      },
      all,
    );
    await time(
      "program + split=test + correct=yes",
      (i) => page({ program: pick(i, PROGRAMS), split: "test", correct: "yes" }),
      all,
    );
    await time("next page deep in the run (cursor)", () => page({ cursor: deep.nextCursor }), all);
    await time(
      "next page, newest first (cursor)",
      () => page({ sort: "newest", cursor: deepDesc.nextCursor }),
      all,
    );
    summarize("rollouts page data, all combinations", all);

    const search: number[] = [];
    console.log("full-text search over the completions (page of 50 with snippets + capped count):");
    await time("rare word (1 in 100), oldest first", () => page({ q: "carried" }), search);
    await time("rare word, best match first", () => page({ q: "carried", sort: "match" }), search);
    await time("common word (1 in 7), oldest first", () => page({ q: "borrow" }), search);
    await time("common word, best reward first", () => page({ q: "borrow", sort: "best" }), search);
    await time("word in every text, best match first", () => page({ q: "numbers", sort: "match" }), search);
    await time("rare word + step", (i) => page({ q: "carry", step: pick(i, STEPS) }), search);
    await time(
      "problem text contains",
      (i) => page({ question: `What is ${pick(i, TRAIN_PROBLEMS)} +` }),
      search,
    );
    await time("best reward first, no search", () => page({ sort: "best" }), search);
    summarize("search and sort data", search);
    const plan = await db.pool.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
       SELECT r.id FROM rollouts r JOIN rollout_texts t ON t.rollout_id = r.id
       WHERE r.run_id = $1 AND t.search @@ websearch_to_tsquery('english', 'carried')
       ORDER BY r.step, r.split, r.slot, r.problem_index, r.sample_index LIMIT 51`,
      [runId],
    );
    console.log(
      "plan of a rare-word search page:\n" + plan.rows.map((r) => "  " + r["QUERY PLAN"]).join("\n"),
    );

    const detail: number[] = [];
    await time(
      "one rollout's detail (text on demand)",
      (i) => getRolloutDetail(scope, runId, ids[i % ids.length]!),
      detail,
    );

    const h2h: number[] = [];
    await time("head-to-head of a random step", (i) => getHeadToHead(scope, runId, pick(i, STEPS)), h2h);
    await time("head-to-head of the latest step", () => getHeadToHead(scope, runId), h2h);
    summarize("head-to-head data", h2h);
  } finally {
    await db.drop();
  }
}

await main();
