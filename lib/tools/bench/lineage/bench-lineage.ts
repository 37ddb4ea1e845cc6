/**
 * npm run bench:lineage — seeds a scratch database with a run of 1,000 programs and 1,500 lineage edges
 * (see seed-lineage.ts), then times getRunLineage (the lineage page's whole server-side read) and
 * prints p50/p95/max and the payload size. Goal: ≤ 150 ms.
 */
import { performance } from "node:perf_hooks";
import { createBenchDatabase } from "@/lib/tools/bench/runner/bench-database";
import { LINEAGE_PROGRAMS, seedLargeLineage } from "./seed-lineage";
import { percentile } from "@/lib/espl/bench/stats";

const SAMPLES = 60;

async function main() {
  const db = await createBenchDatabase();
  process.env.DATABASE_URL = db.url;
  const { getRunLineage } = await import("@/lib/server/read/run-lineage");
  const { getLineageNode } = await import("@/lib/server/read/lineage-node");
  try {
    const t0 = performance.now();
    const project = await db.prisma.project.create({ data: { name: "Bench", slug: "bench" } });
    const { runId, edges } = await seedLargeLineage(db.pool, project.id, "large lineage");
    console.log(
      `seeded: ${LINEAGE_PROGRAMS} programs, ${edges} edges in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const scope = { projectIds: [project.id] };
    const time = async (fn: () => Promise<unknown>) => {
      for (let i = 0; i < 5; i++) await fn(); // warm connections and plans
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const start = performance.now();
        await fn();
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b);
    };
    const graph = await time(() => getRunLineage(scope, runId));
    const bytes = Buffer.byteLength(JSON.stringify(await getRunLineage(scope, runId)));
    console.log(
      `getRunLineage (${LINEAGE_PROGRAMS} nodes, ${edges} edges, ${(bytes / 1024).toFixed(0)} KiB JSON): p50 ${percentile(graph, 50).toFixed(1)} ms, p95 ${percentile(graph, 95).toFixed(1)} ms, max ${graph.at(-1)!.toFixed(1)} ms over ${SAMPLES} calls (goal ≤ 150 ms)`,
    );
    const frozen = await time(() => getRunLineage({ ...scope, frozenAtStep: 1250 }, runId));
    console.log(
      `getRunLineage frozen at step 1,250: p50 ${percentile(frozen, 50).toFixed(1)} ms, p95 ${percentile(frozen, 95).toFixed(1)} ms`,
    );
    const node = await time(() => getLineageNode(scope, runId, 500));
    console.log(
      `getLineageNode (side panel): p50 ${percentile(node, 50).toFixed(1)} ms, p95 ${percentile(node, 95).toFixed(1)} ms`,
    );
  } finally {
    await db.drop();
  }
}

await main();
