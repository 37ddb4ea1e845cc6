/**
 * Persisting one default-config iteration with commitStep, against the same rows written by plain
 * multi-row INSERT ... VALUES statements on the same connection (the cheapest way a hand-written commit
 * could do it). The iteration is a real simulated one from the middle of a run, completions padded to 2 KB.
 */
import type pg from "pg";
import { getDefaultConfig } from "@/lib/espl/config";
import { quantile } from "@/lib/espl/bench/stats";
import type { EngineState } from "@/lib/espl/iteration/engine-state";
import { runExperiment } from "@/lib/espl/iteration/run-experiment";
import type { IterationResult } from "@/lib/espl/iteration/types";
import { createSimulatorBackend } from "@/lib/espl/simulator";
import { commitStep } from "@/lib/server/runner/persist-step";
import { ensureBuiltinDataset, loadRunProblems } from "@/lib/server/runner/run-problems";
import type { BenchDatabase } from "./bench-database";

const ROUNDS = 20;
const WARMUP_STEPS = 30;
const COMPLETION_BYTES = 2048;

async function captureIteration(): Promise<{ result: IterationResult; state: EngineState }> {
  const config = { ...getDefaultConfig(), seed: 7 };
  const sim = createSimulatorBackend({ seed: 7 });
  let last: { result: IterationResult; state: EngineState } | null = null;
  await runExperiment(
    { config, train: sim.suite.train, test: sim.suite.test, maxSteps: WARMUP_STEPS },
    {
      backend: sim.policy,
      chat: sim.reflection,
      store: { commitStep: async (result, state) => void (last = { result, state }) },
    },
  );
  const captured = last!;
  // Padding with the completion's own text keeps it about as compressible as real reasoning text
  // (TOAST compresses long values; blank padding would understate the disk cost).
  const pad = (text: string) => text.padEnd(COMPLETION_BYTES, ` ${text}`).slice(0, COMPLETION_BYTES);
  for (const r of [...captured.result.trainRollouts, ...captured.result.testRollouts])
    r.completion = pad(r.completion);
  return captured;
}

/** A run whose pool programs (those born before this step) are already stored, as mid-run. */
async function prepareRun(db: BenchDatabase, projectId: string, state: EngineState, result: IterationResult) {
  const run = await db.prisma.run.create({
    data: { projectId, name: "persist", trainMode: "evolution_rl", config: {}, seed: 7, status: "running" },
  });
  const newIds = new Set(result.newPrograms.map((p) => p.programId));
  const stored = state.pool.evolution_pool.filter((p) => !newIds.has(p.program_id));
  const ids = new Set(stored.map((p) => p.program_id));
  const referenced = [
    result.testProgramId,
    ...result.selectedProgramIds,
    ...result.newPrograms.flatMap((p) => p.parentIds),
  ];
  await db.prisma.program.createMany({
    data: [
      ...stored.map((p) => ({
        runId: run.id,
        programId: p.program_id,
        principles: Object.entries(p.principles).map(([id, text]) => ({ id, text })),
        origin: "mutation" as const,
        birthStep: p.timestep ?? -1,
        mu: p.rating.mu,
        sigma: p.rating.sigma,
      })),
      // Parents already evicted from the pool still have rows.
      ...[...new Set(referenced)]
        .filter((id) => !ids.has(id) && !newIds.has(id))
        .map((programId) => ({
          runId: run.id,
          programId,
          principles: [],
          origin: "mutation" as const,
          birthStep: 0,
          mu: 25,
          sigma: 8,
        })),
    ],
  });
  return run.id;
}

type Row = unknown[];

async function insertValues(
  client: pg.PoolClient,
  table: string,
  columns: string[],
  rows: Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(", ")})`);
  await client.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`, params);
}

/** The same rows as commitStep writes, as plain multi-row INSERTs (program ids resolved up front). */
async function commitRaw(client: pg.PoolClient, runId: string, result: IterationResult, state: EngineState) {
  await client.query("BEGIN");
  const step = result.step;
  await insertValues(
    client,
    "steps",
    ["run_id", "step", "epoch", "selected_program_ids", "test_program_id", "metrics", "started_at"],
    [
      [
        runId,
        step,
        result.epoch,
        result.selectedProgramIds,
        result.testProgramId,
        JSON.stringify(result.metrics),
        new Date(),
      ],
    ],
  );
  await insertValues(
    client,
    "programs",
    ["run_id", "program_id", "principles", "origin", "birth_step", "mu", "sigma"],
    result.newPrograms.map((p) => [
      runId,
      p.programId,
      JSON.stringify(p.principles),
      p.origin,
      p.birthStep,
      p.rating.mu,
      p.rating.sigma,
    ]),
  );
  const { rows } = await client.query<{ id: number; program_id: number }>(
    "SELECT id, program_id FROM programs WHERE run_id = $1",
    [runId],
  );
  const rowOf = new Map(rows.map((r) => [r.program_id, r.id]));
  const rollouts = [...result.trainRollouts, ...result.testRollouts];
  const ids = await client.query<{ id: string }>(
    "SELECT nextval(pg_get_serial_sequence('rollouts', 'id')) AS id FROM generate_series(1, $1)",
    [rollouts.length],
  );
  await insertValues(
    client,
    "rollouts",
    [
      "id",
      "run_id",
      "step",
      "split",
      "slot",
      "program_id",
      "problem_index",
      "sample_index",
      "reward",
      "advantage",
      "trained",
      "completion_chars",
    ],
    rollouts.map((r, i) => [
      ids.rows[i]!.id,
      runId,
      step,
      r.split,
      r.slot,
      rowOf.get(r.programId),
      r.problemIndex,
      r.sampleIndex,
      r.reward,
      r.advantage,
      r.trained,
      r.completion.length,
    ]),
  );
  await insertValues(
    client,
    "rollout_texts",
    ["rollout_id", "completion"],
    rollouts.map((r, i) => [ids.rows[i]!.id, r.completion]),
  );
  await insertValues(
    client,
    "rating_updates",
    [
      "run_id",
      "step",
      "program_id",
      "mu_before",
      "sigma_before",
      "mu_after",
      "sigma_after",
      "score",
      "rank",
      "tie_group",
    ],
    result.ratingUpdates.map((u) => [
      runId,
      step,
      rowOf.get(u.programId),
      u.before.mu,
      u.before.sigma,
      u.after.mu,
      u.after.sigma,
      u.score,
      u.rank,
      u.tieGroup,
    ]),
  );
  for (const event of result.evolution.events) {
    const inserted = await client.query<{ id: number }>(
      "INSERT INTO evolution_events (run_id, step, kind, status, parent_program_ids, details) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      [runId, step, event.kind, event.status, event.parentIds, JSON.stringify(event.details)],
    );
    await insertValues(
      client,
      "llm_calls",
      ["event_id", "ordinal", "purpose", "prompt", "raw_reply"],
      event.calls.map((c) => [inserted.rows[0]!.id, c.ordinal, c.purpose, c.prompt, c.rawReply]),
    );
  }
  await client.query("UPDATE runs SET current_step = $2, engine_state = $3 WHERE id = $1", [
    runId,
    step + 1,
    JSON.stringify({ engine: state }),
  ]);
  await client.query("COMMIT");
}

export async function benchPersistence(db: BenchDatabase) {
  const { result, state } = await captureIteration();
  const project = await db.prisma.project.create({ data: { name: "persist", slug: "persist" } });
  const problems = await loadRunProblems(db.prisma, await ensureBuiltinDataset(db.prisma, project.id));
  const commitMs: number[] = [];
  const rawMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const runId = await prepareRun(db, project.id, state, result);
    let t = performance.now();
    await commitStep(db.pool, {
      runId,
      leaseOwner: null,
      result,
      engineState: state,
      backendState: null,
      totalSteps: 260,
      problemIds: problems.problemIds,
      startedAt: new Date(),
    });
    commitMs.push(performance.now() - t);
    const rawRun = await prepareRun(db, project.id, state, result);
    const client = await db.pool.connect();
    t = performance.now();
    await commitRaw(client, rawRun, result, state);
    rawMs.push(performance.now() - t);
    client.release();
  }
  const size = await db.pool.query<{ bytes: string }>(
    `SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r'
       AND c.relname IN ('steps', 'rollouts', 'rollout_texts', 'rating_updates', 'evolution_events', 'llm_calls', 'evaluations', 'program_edges')`,
  );
  const rollouts = result.trainRollouts.length + result.testRollouts.length;
  return {
    rows: rollouts * 2 + result.ratingUpdates.length + result.newPrograms.length + 2,
    bytes: rollouts * COMPLETION_BYTES,
    commitMedianMs: quantile(commitMs, 0.5),
    rawMedianMs: quantile(rawMs, 0.5),
    // Both methods wrote ROUNDS steps each into these tables.
    diskBytesPerStep: Number(size.rows[0]!.bytes) / (2 * ROUNDS),
  };
}
