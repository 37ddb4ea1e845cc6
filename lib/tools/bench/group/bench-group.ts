/**
 * npm run bench:group: seeds a scratch database with one experiment of 20 runs × 2,500 steps (two
 * crossover_prob settings × 10 seeds; test Pass@1, @2, @4 and a rollout reward at every step, batch
 * inserted), then times the group read (lib/server/read/experiment-groups.ts: runs, logged keys, the
 * runs' bucketed series aggregated in the database, the results table and the aggregate curves): the
 * first read (which stores the completed buckets), then repeated reads, printing p50/p95/max.
 * Prints figures; asserts nothing.
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { percentile } from "@/lib/espl/bench/stats";
import { readExperimentGroups } from "@/lib/server/read/experiment-groups";
import { createBenchDatabase } from "@/lib/tools/bench/runner/bench-database";
import { seedExperimentGroup } from "./seed-group";

const RUNS = 20;
const STEPS = 2_500;
const SAMPLES = 40;

async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) await fn(); // warm plans and connections
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(56)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms  max ${times.at(-1)!.toFixed(1).padStart(6)} ms`,
  );
}

async function main() {
  const db = await createBenchDatabase();
  process.env.DATABASE_URL = db.url;
  try {
    const project = await db.prisma.project.create({ data: { name: "Bench", slug: "bench" } });
    let start = performance.now();
    const { experimentId } = await seedExperimentGroup(db.prisma, {
      projectId: project.id,
      name: "bench",
      runs: RUNS,
      steps: STEPS,
    });
    await db.pool.query("ANALYZE");
    console.log(`seeded ${RUNS} runs × ${STEPS} steps in ${(performance.now() - start).toFixed(0)} ms`);
    const scope = { projectIds: [project.id] };

    start = performance.now();
    const first = await readExperimentGroups(db.prisma, scope, experimentId, { by: "settings" });
    console.log(
      `first group read (stores every run's completed buckets): ${(performance.now() - start).toFixed(1)} ms; ` +
        `bucket width ${first.bucketWidth}, ${first.table.groups.length} groups, ` +
        `${first.curves[0]!.curves["testing/Pass@1"]!.length} points per curve`,
    );
    // Shared machines skew timings: say how busy this one was.
    console.log(
      `group read, ${RUNS} runs × ${STEPS} steps (${SAMPLES} samples each; ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}):`,
    );
    await time("by settings: table + Pass@1,2,4 curves", () =>
      readExperimentGroups(db.prisma, scope, experimentId, { by: "settings" }),
    );
    await time("by experiment: table + Pass@1,2,4 curves", () =>
      readExperimentGroups(db.prisma, scope, experimentId, { by: "experiment" }),
    );
    await time("table + Pass@1,2,4 + rollout reward curves", () =>
      readExperimentGroups(db.prisma, scope, experimentId, {
        by: "settings",
        keys: ["testing/Pass@1", "testing/Pass@2", "testing/Pass@4", "rollout/Agg_avg_reward"],
      }),
    );
    await time("table only (the export)", () =>
      readExperimentGroups(db.prisma, scope, experimentId, { by: "settings", keys: [] }),
    );
  } finally {
    await db.drop();
  }
}

await main();
