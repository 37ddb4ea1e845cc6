/**
 * bench:list — seeds 10,000 runs across 4 projects in a scratch database and prints listRuns p50/p95 for
 * a few filter/sort/group combinations (config keys, last logged metrics), scoped to one project (≈2,500 runs) and to all four. Figures only; the
 * goal (p95 ≤ 100 ms) is read, not asserted.
 */
import { parseRunListQuery } from "@/lib/domain/runs/list/list-query";
import { createBenchDatabase } from "@/lib/tools/bench/runner/bench-database";
import { quantile } from "@/lib/espl/bench/stats";
import { listRuns } from "@/lib/server/read/list-runs";

const RUNS = 10_000;
const REPEATS = 40;
const STATUSES = ["queued", "running", "paused", "completed", "failed", "cancelled"] as const;
const MODES = ["evolution_rl", "evolution", "rl"] as const;

async function main() {
  const db = await createBenchDatabase();
  process.env.DATABASE_URL = db.url;
  try {
    const projects = await Promise.all(
      [0, 1, 2, 3].map((i) => db.prisma.project.create({ data: { name: `bench ${i}`, slug: `bench-${i}` } })),
    );
    const rows = Array.from({ length: RUNS }, (_, i) => ({
      projectId: projects[i % 4]!.id,
      name: `run ${i} ${i % 7 === 0 ? "lucb sweep" : "baseline"}`,
      status: STATUSES[i % STATUSES.length]!,
      trainMode: MODES[i % MODES.length]!,
      config: { crossover_prob: [0, 0.25, 0.5][i % 3], lora_rank: 8 * (1 + (i % 4)) },
      seed: i,
      tags: i % 10 === 0 ? ["sweep", `t${i % 3}`] : [`t${i % 3}`],
      currentStep: i % 250,
      totalSteps: 250,
      bestTestPass1: i % 13 === 0 ? null : (i % 997) / 997,
      bestConservative: i % 13 === 0 ? null : (i % 541) / 20,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    }));
    for (let i = 0; i < rows.length; i += 2_000)
      await db.prisma.run.createMany({ data: rows.slice(i, i + 2_000) });
    // Five steps a run logging a test Pass@1 (the last one only a rollout metric), for the final-metric columns.
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO steps (run_id, step, epoch, selected_program_ids, metrics, started_at)
      SELECT r.id, g.s, 0, '{}', CASE WHEN g.s < 5
          THEN jsonb_build_object('testing/Pass@1', ((hashtext(r.id::text || g.s) & 1023) / 1023.0)::float8)
          ELSE '{"rollout/Agg_avg_reward": 0.5}'::jsonb END, now()
      FROM runs r CROSS JOIN generate_series(1, 5) AS g(s)`);
    await db.prisma.$executeRawUnsafe("ANALYZE runs");
    await db.prisma.$executeRawUnsafe("ANALYZE steps");

    const cases: [string, Record<string, string>][] = [
      ["newest first, page 1", {}],
      ["newest first, page 40", { page: "40", size: "50" }],
      ["status=running", { status: "running" }],
      ["mode=rl, sort best Pass@1 desc", { mode: "rl", sort: "bestTestPass1" }],
      ["tag=sweep", { tag: "sweep" }],
      ["name contains 'lucb', sort name asc", { q: "lucb", sort: "name", dir: "asc" }],
      ["sort μ−3σ asc, page 10", { sort: "bestConservative", dir: "asc", page: "10" }],
      ["sort config lora_rank asc", { sort: "config:lora_rank", dir: "asc", cols: "config:lora_rank" }],
      ["where crossover_prob = 0.25", { where: "config:crossover_prob|eq|0.25" }],
      [
        "sort final Pass@1 desc (+column)",
        { sort: "final:testing/Pass@1", cols: "best,final:testing/Pass@1" },
      ],
      ["where final Pass@1 ≥ 0.9", { where: "final:testing/Pass@1|gte|0.9" }],
      [
        "group crossover_prob, mean final Pass@1",
        { group: "config:crossover_prob", cols: "best,final:testing/Pass@1" },
      ],
      ["starred only", { starred: "1" }],
    ];
    const scopes: [string, string[]][] = [
      ["1 project (2,500 runs)", [projects[0]!.id]],
      ["4 projects (10,000 runs)", projects.map((p) => p.id)],
    ];
    console.log(`listRuns over ${RUNS} runs, ${REPEATS} calls each (ms)`);
    for (const [scopeLabel, projectIds] of scopes) {
      for (const [label, params] of cases) {
        const query = parseRunListQuery(params);
        await listRuns({ projectIds }, query);
        const times: number[] = [];
        for (let r = 0; r < REPEATS; r++) {
          const started = performance.now();
          await listRuns({ projectIds }, query);
          times.push(performance.now() - started);
        }
        console.log(
          `${scopeLabel.padEnd(26)} ${label.padEnd(40)} p50 ${quantile(times, 0.5).toFixed(1).padStart(6)}  p95 ${quantile(times, 0.95).toFixed(1).padStart(6)}`,
        );
      }
    }
  } finally {
    await db.drop();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
