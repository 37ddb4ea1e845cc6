/**
 * npm run bench:dashboard — seeds a scratch database with one large run (2,500 steps, 1,000 programs,
 * 400,000 rollouts with short texts) beside 10,000 small runs, then times the run-overview data function
 * (the run page's whole server-side read): the first read, then p50/p95/max of later reads. Goal: p95 ≤
 * 100 ms. Seeding is
 * set-based (INSERT … SELECT over generate_series), one statement per table.
 */
import { performance } from "node:perf_hooks";
import { createBenchDatabase } from "@/lib/runner/bench/bench-database";
import { PROGRAMS, ROLLOUTS, seedLargeRun, SMALL_RUNS, STEPS } from "./seed-large-run";
import { percentile } from "@/lib/espl/bench/stats";

const SAMPLES = 60;

async function main() {
  const db = await createBenchDatabase();
  process.env.DATABASE_URL = db.url;
  const { getRunOverview } = await import("@/lib/data/run-overview");
  const { queryDownsampledSeries } = await import("@/lib/data/run-series");
  try {
    const t0 = performance.now();
    const p = db.prisma;
    const project = await p.project.create({ data: { name: "Bench", slug: "bench" } });
    const run = await seedLargeRun(p, project.id);
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
