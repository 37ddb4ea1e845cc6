/**
 * `npm run bench:runner`: prints the runner's figures (no assertions). On a fresh database (an ephemeral
 * embedded server, or TEST_DATABASE_URL):
 *  1. persisting one default-config iteration (150 train rollouts of 2 KB, 300 test rollouts, pool and
 *     ratings): median ms, and its ratio to raw multi-row INSERTs of the same rows on the same connection;
 *  2. a full default-config simulated run through the queue, with persistence: wall time;
 *  3. live latency: from a step's commit (NOTIFY heard by a direct LISTEN) to its Server-Sent Event from
 *     a production web server (needs `npm run build` first; skipped with a note otherwise).
 */
import { existsSync } from "node:fs";
import pg from "pg";
import { getDefaultConfig } from "@/lib/espl/config";
import { quantile } from "@/lib/espl/bench/stats";
import { startBoss } from "@/lib/queue/boss";
import { enqueueRun } from "@/lib/runs/controls";
import { executeRun } from "../execute-run";
import { startWorker } from "../worker";
import { createBenchDatabase } from "./bench-database";
import { benchPersistence } from "./bench-persistence";
import { measureLiveLatency } from "./live-latency";

const db = await createBenchDatabase();
process.env.DATABASE_URL = db.url;
try {
  const persistence = await benchPersistence(db);
  console.log(
    `persist one default-config iteration (${persistence.rows} rows, ${(persistence.bytes / 1024).toFixed(0)} KB): ` +
      `median ${persistence.commitMedianMs.toFixed(1)} ms; raw multi-row INSERT of the same rows: median ` +
      `${persistence.rawMedianMs.toFixed(1)} ms; ratio ${(persistence.commitMedianMs / persistence.rawMedianMs).toFixed(2)}×`,
  );
  console.log(
    `  disk per default-config step: ${(persistence.diskBytesPerStep / 1024).toFixed(0)} KB (tables + indexes + TOAST)`,
  );

  const boss = await startBoss(db.url);
  const worker = startWorker({ prisma: db.prisma, boss, executor: executeRun, log: () => {} });
  const project = await db.prisma.project.create({ data: { name: "bench", slug: "bench" } });
  const run = await db.prisma.run.create({
    data: {
      projectId: project.id,
      name: "bench",
      trainMode: "evolution_rl",
      config: getDefaultConfig(),
      seed: 1,
    },
  });
  const webReady = existsSync(".next/BUILD_ID");
  const live = webReady ? measureLiveLatency(db.url, run.id) : null;
  await live?.ready;
  const started = performance.now();
  await enqueueRun(run.id, { prisma: db.prisma, boss });
  const listen = new pg.Client({ connectionString: db.url });
  await listen.connect();
  await new Promise<void>((resolve) => {
    listen.on("notification", (m) => {
      const change = JSON.parse(m.payload ?? "{}") as { runId?: string; status?: string };
      if (change.runId === run.id && change.status === "completed") resolve();
    });
    void listen.query("LISTEN espl_runs");
  });
  const wallS = (performance.now() - started) / 1000;
  const steps = await db.prisma.step.count({ where: { runId: run.id } });
  console.log(
    `full default-config simulated run through the queue with persistence: ${wallS.toFixed(1)} s (${steps} steps)`,
  );
  if (live) {
    const latencies = await live.stop();
    console.log(
      `live latency, commit → Server-Sent Event (${latencies.length} steps): p50 ${quantile(latencies, 0.5).toFixed(1)} ms, ` +
        `p95 ${quantile(latencies, 0.95).toFixed(1)} ms`,
    );
  } else console.log("live latency: skipped (run `npm run build` first)");
  await listen.end();
  await worker.stop();
  await boss.stop({ graceful: false });
} finally {
  await db.drop();
}
process.exit(0);
