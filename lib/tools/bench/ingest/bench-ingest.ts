/**
 * `npm run bench:ingest`: prints live-logging figures (no assertions). A fresh database, the app's /api/v1
 * route handlers behind a node:http server (as the db tests serve them), an editor's API token, and the
 * TypeScript client logging STEPS synthetic steps of 450 rollouts each (400 train: 50 problems × 8
 * samples; 50 test), one call per step in order, as a trainer would: steps per second, and p50/p95/max of
 * one logStep call (request, validation, the step's transaction, answer).
 */
import { EsplClient, type ExternalStep } from "@/lib/client-sdk/espl-client";
import { createApiTokenRow } from "@/lib/server/auth/testing/api-token-fixtures";
import { createProjectRow, createUserRow } from "@/lib/server/auth/testing/auth-fixtures";
import { startRouteServer } from "@/lib/server/http/testing/route-server";
import { createBenchDatabase } from "@/lib/tools/bench/runner/bench-database";

const STEPS = Number(process.env.STEPS ?? 40);
const PROBLEMS = 50;
const GROUP = 8;
const COMPLETION = "Let me reason step by step about the problem. ".repeat(20);

const ROOT = {
  principles: {},
  program_id: 0,
  timestep: 0,
  self_modified_from: -1,
  rating: { mu: 25, sigma: 8.333 },
};

function syntheticStep(step: number): ExternalStep {
  const rollouts: ExternalStep["rollouts"] = [];
  for (let p = 0; p < PROBLEMS; p++) {
    for (let s = 0; s < GROUP; s++)
      rollouts.push({
        split: "train",
        slot: 0,
        programId: 0,
        problemIndex: p,
        sampleIndex: s,
        reward: (p + s + step) % 3 === 0 ? 1 : 0,
        completion: `${COMPLETION}${step}/${p}/${s}`,
      });
    rollouts.push({
      split: "test",
      slot: 0,
      programId: 0,
      problemIndex: p,
      sampleIndex: 0,
      reward: (p + step) % 2,
      completion: `${COMPLETION}test ${step}/${p}`,
    });
  }
  return {
    step,
    selectedProgramIds: [0],
    poolBefore: [ROOT],
    poolAfter: [ROOT],
    rollouts,
    stats: {
      epoch: 0,
      batch: step,
      test_time_program_id: 0,
      test: { "Pass@1": 0.5 },
      rollout: { reward: 0.33 },
    },
  };
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main() {
  const db = await createBenchDatabase();
  process.env.DATABASE_URL = db.url;
  const server = await startRouteServer("app/api/v1");
  try {
    const project = await createProjectRow(db.prisma, "Bench ingest");
    const user = await createUserRow(db.prisma, [{ projectId: project.id, role: "editor" }]);
    const { token } = await createApiTokenRow(db.prisma, {
      projectId: project.id,
      userId: user.id,
      role: "editor",
    });
    const client = new EsplClient({ url: server.url, token });
    const run = await client.createRun({
      projectId: project.id,
      name: "bench ingest",
      config: { group_size: GROUP, test_group_size: 1 },
      totalSteps: STEPS,
    });
    // One warm-up step (route modules load, connections open), not counted.
    await client.logStep(run.id, syntheticStep(0));
    const payloadBytes = JSON.stringify(syntheticStep(1)).length;
    const calls: number[] = [];
    const started = performance.now();
    for (let step = 1; step < STEPS; step++) {
      const body = syntheticStep(step);
      const t0 = performance.now();
      await client.logStep(run.id, body);
      calls.push(performance.now() - t0);
    }
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...calls].sort((a, b) => a - b);
    const rollouts = await db.prisma.rollout.count({ where: { runId: run.id } });
    console.log(
      `steps logged: ${calls.length} (+1 warm-up), 450 rollouts each, ${(payloadBytes / 1024).toFixed(0)} KiB per step`,
    );
    console.log(`rollouts stored: ${rollouts}`);
    console.log(
      `steps/s: ${(calls.length / seconds).toFixed(2)}  (rollouts/s: ${((calls.length * 450) / seconds).toFixed(0)})`,
    );
    console.log(
      `logStep ms: p50 ${percentile(sorted, 0.5).toFixed(1)}  p95 ${percentile(sorted, 0.95).toFixed(1)}  max ${sorted.at(-1)!.toFixed(1)}`,
    );
  } finally {
    await server.close();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
