/**
 * npm run bench:dashboard — seeds a scratch database with one large run (2,500 steps, 1,000 programs,
 * 400,000 rollouts with short texts) beside 10,000 small runs, then times the run-overview data function
 * (the run page's whole server-side read): the first read, then p50/p95/max of later reads. Goal: p95 ≤
 * 100 ms. Seeding is
 * set-based (INSERT … SELECT over generate_series), one statement per table.
 */
import { performance } from "node:perf_hooks";
import { createBenchDatabase } from "@/lib/tools/bench/runner/bench-database";
import { PROGRAMS, ROLLOUTS, seedLargeRun, SMALL_RUNS, STEPS } from "./seed-large-run";
import { percentile } from "@/lib/espl/bench/stats";

const SAMPLES = 60;

async function main() {
  const db = await createBenchDatabase();
  process.env.DATABASE_URL = db.url;
  const { getRunOverview } = await import("@/lib/server/read/run-overview");
  const { queryDownsampledSeries } = await import("@/lib/server/read/run-series");
  const { queryAxisPositions } = await import("@/lib/server/read/axis-positions");
  const { bucketSteps } = await import("@/lib/view/charts/axis-positions");
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
    // The first read of a run aggregates every completed bucket once and stores it (lib/server/read/run-series.ts).
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
    // The x-axis positions (cumulative samples/tokens/time at the bucket ends): native runs read the
    // step columns; an import without per-step counts counts its stored rollouts per step, the
    // costlier path, timed on the same run as if it were such an import (after the overview timings).
    const ends = bucketSteps(Object.values(await queryDownsampledSeries(p, run.id, keys, 3, 2_147_483_647)));
    for (const source of ["native", "imported"] as const) {
      // An import that recorded no per-step counts: samples come from counting its rollouts.
      if (source === "imported")
        await p.$executeRaw`UPDATE steps SET samples_consumed = 0 WHERE run_id = ${run.id}::uuid`;
      const axisTimes: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const start = performance.now();
        await queryAxisPositions(p, run.id, source, ends, 2_147_483_647);
        axisTimes.push(performance.now() - start);
      }
      axisTimes.sort((a, b) => a - b);
      console.log(
        `  of which the x-axis positions (${source} path, ${ends.length} steps): p50 ${percentile(axisTimes, 50).toFixed(1)} ms, p95 ${percentile(axisTimes, 95).toFixed(1)} ms`,
      );
    }
    console.log(
      `getRunOverview (large run, ${points} points over all series): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms over ${SAMPLES} calls (goal p95 ≤ 100 ms)`,
    );
  } finally {
    await db.drop();
  }
}

await main();
