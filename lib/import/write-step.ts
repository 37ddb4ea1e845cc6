/**
 * Writes one imported step in ONE transaction, idempotent by (run, step): the step row goes first with
 * ON CONFLICT DO NOTHING, and a step already stored rolls back untouched. Programs of both pool
 * snapshots are upserted (an import may start anywhere), then lineage, ratings, evictions, rollouts,
 * events, evaluation and checkpoints, each one batched INSERT, with the runner's helpers.
 */
import type pg from "pg";
import {
  insertEdgeRows,
  insertEvolutionEventRows,
  insertRolloutRows,
  loadProgramRowIds,
  passAtKList,
} from "@/lib/runner/persist-step";
import { describeOrigin, findEvicted, findRatingUpdates, toPrincipleList } from "./pool-history";
import type { ImportedStep } from "./read-step";
import type { CheckpointLine, MetricsLine, PoolEntry, StatsEntry } from "./schemas";

export interface StepWriteInput {
  runId: string;
  data: ImportedStep;
  stats: StatsEntry | null;
  logged: MetricsLine | null;
  checkpoints: CheckpointLine[];
  /** Records what had to be left out (e.g. rollouts of a program no pool file holds). */
  note: (reason: string) => void;
}

function latestEntries(data: ImportedStep): PoolEntry[] {
  const byId = new Map<number, PoolEntry>();
  for (const p of data.poolBefore) byId.set(p.program_id, p);
  for (const p of data.poolAfter ?? []) byId.set(p.program_id, p);
  return [...byId.values()];
}

async function upsertPrograms(client: pg.PoolClient, runId: string, entries: PoolEntry[]) {
  await client.query(
    `INSERT INTO programs (run_id, program_id, principles, origin, birth_step, mu, sigma)
     SELECT $1, u.program_id, u.principles, u.origin::program_origin, u.birth_step, u.mu, u.sigma
     FROM unnest($2::int[], $3::jsonb[], $4::text[], $5::int[], $6::float8[], $7::float8[])
       AS u(program_id, principles, origin, birth_step, mu, sigma)
     ON CONFLICT (run_id, program_id) DO UPDATE SET mu = EXCLUDED.mu, sigma = EXCLUDED.sigma`,
    [
      runId,
      entries.map((p) => p.program_id),
      entries.map((p) => JSON.stringify(toPrincipleList(p.principles))),
      entries.map((p) => describeOrigin(p).origin),
      entries.map((p) => p.timestep),
      entries.map((p) => p.rating.mu),
      entries.map((p) => p.rating.sigma),
    ],
  );
}

async function insertEdges(
  client: pg.PoolClient,
  runId: string,
  entries: PoolEntry[],
  ids: Map<number, number>,
) {
  const edges = entries.flatMap((p) => {
    const { origin, parentIds } = describeOrigin(p);
    return parentIds
      .filter((parent) => ids.has(parent))
      .map((parent, order) => ({
        parent: ids.get(parent)!,
        child: ids.get(p.program_id)!,
        kind: origin,
        order,
      }));
  });
  await insertEdgeRows(client, runId, edges);
}

async function writeRatings(client: pg.PoolClient, input: StepWriteInput, ids: Map<number, number>) {
  const { runId, data } = input;
  const counts = new Map<number, number>();
  for (const id of data.selectedProgramIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const selected = [...counts].filter(([id]) => ids.has(id));
  if (selected.length > 0)
    await client.query(
      `UPDATE programs p SET times_selected = p.times_selected + u.n
       FROM unnest($1::int[], $2::int[]) AS u(id, n) WHERE p.id = u.id`,
      [selected.map(([id]) => ids.get(id)!), selected.map(([, n]) => n)],
    );
  if (data.poolAfter === null) return;
  const updates = findRatingUpdates(data.poolBefore, data.poolAfter).filter((u) => ids.has(u.programId));
  if (updates.length > 0)
    await client.query(
      `INSERT INTO rating_updates (run_id, step, program_id, mu_before, sigma_before, mu_after, sigma_after, score, rank, tie_group)
       SELECT $1, $2, u.* FROM unnest($3::int[], $4::float8[], $5::float8[], $6::float8[], $7::float8[],
         $8::float8[], $9::int[], $10::int[]) AS u
       ON CONFLICT (run_id, step, program_id) DO NOTHING`,
      [
        runId,
        data.step,
        updates.map((u) => ids.get(u.programId)!),
        updates.map((u) => u.before.mu),
        updates.map((u) => u.before.sigma),
        updates.map((u) => u.after.mu),
        updates.map((u) => u.after.sigma),
        updates.map((u) => u.score),
        updates.map((u) => u.rank),
        updates.map((u) => u.tieGroup),
      ],
    );
  const evicted = findEvicted(data.poolBefore, data.poolAfter);
  if (evicted.length > 0)
    await client.query(
      "UPDATE programs SET evicted_at_step = $3 WHERE run_id = $1 AND program_id = ANY($2::int[])",
      [runId, evicted, data.step],
    );
}

async function writeRollouts(client: pg.PoolClient, input: StepWriteInput, ids: Map<number, number>) {
  const { data } = input;
  const missing = new Set(data.rollouts.filter((r) => !ids.has(r.programId)).map((r) => r.programId));
  for (const id of missing) input.note(`rollouts of program ${id} skipped: no pool file holds that program`);
  const rows = data.rollouts
    .filter((r) => ids.has(r.programId))
    .map((r) => ({
      split: r.split,
      slot: r.slot,
      programRowId: ids.get(r.programId)!,
      problemId: null,
      problemIndex: r.problemIndex,
      sampleIndex: r.sampleIndex,
      reward: r.reward,
      advantage: r.advantage,
      trained: r.trained,
      promptTokens: null,
      completionTokens: null,
      completion: r.completion,
      extractedAnswer: null,
    }));
  await insertRolloutRows(client, input.runId, data.step, rows);
}

async function writeEvaluationAndCheckpoints(
  client: pg.PoolClient,
  input: StepWriteInput,
  ids: Map<number, number>,
) {
  const { runId, data, stats } = input;
  const test = stats?.test ?? {};
  const testProgram = stats?.test_time_program_id;
  if (test.eval_avg_reward !== undefined && testProgram !== undefined && ids.has(testProgram))
    await client.query(
      `INSERT INTO evaluations (run_id, step, program_id, avg_reward, pass_at_k) VALUES ($1, $2, $3, $4, $5::float8[])
       ON CONFLICT (run_id, step, program_id) DO NOTHING`,
      [runId, data.step, ids.get(testProgram)!, test.eval_avg_reward, passAtKList(test)],
    );
  for (const c of input.checkpoints)
    await client.query(
      `INSERT INTO checkpoints (run_id, step, name, backend_ref, state) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (run_id, step, name) DO NOTHING`,
      [
        runId,
        c.step,
        c.name,
        c.state_path ?? c.sampler_path ?? "",
        JSON.stringify({ sampler_path: c.sampler_path ?? null }),
      ],
    );
}

async function insertStepRow(client: pg.PoolClient, input: StepWriteInput): Promise<boolean> {
  const { data, stats, logged } = input;
  const { rows } = await client.query(
    `INSERT INTO steps (run_id, step, epoch, batch_index, selected_program_ids, test_program_id, metrics, details, started_at)
     VALUES ($1, $2, $3, $4, $5::int[], $6, $7, $8, now())
     ON CONFLICT (run_id, step) DO NOTHING RETURNING id`,
    [
      input.runId,
      data.step,
      stats?.epoch ?? 0,
      stats?.batch ?? data.step,
      data.selectedProgramIds,
      stats?.test_time_program_id ?? null,
      JSON.stringify({ rollout: stats?.rollout ?? {}, test: stats?.test ?? {}, logged: logged ?? {} }),
      JSON.stringify({ imported: true, complete: stats?.complete ?? null }),
    ],
  );
  if (rows.length === 0) return false;
  // A re-import may fill a gap before steps already stored: completed chart buckets from this step on
  // (lib/data/run-series.ts) are no longer complete, so they are dropped and re-aggregated on read.
  await client.query(
    `UPDATE series_fills SET buckets = $2::int / width WHERE run_id = $1 AND buckets > $2::int / width`,
    [input.runId, data.step],
  );
  await client.query(`DELETE FROM series_buckets WHERE run_id = $1 AND bucket >= $2::int / width`, [
    input.runId,
    data.step,
  ]);
  return true;
}

async function updateRun(client: pg.PoolClient, input: StepWriteInput): Promise<void> {
  const pool = input.data.poolAfter ?? input.data.poolBefore;
  let best: { id: number; value: number } | null = null;
  for (const p of pool) {
    const value = p.rating.mu - 3 * p.rating.sigma;
    if (!best || value > best.value) best = { id: p.program_id, value };
  }
  const pass1 = input.stats?.test["Pass@1"] ?? null;
  await client.query(
    `UPDATE runs SET current_step = GREATEST(current_step, $2), total_steps = GREATEST(total_steps, $2),
       best_test_pass1 = CASE WHEN $3::float8 IS NULL THEN best_test_pass1 ELSE GREATEST(COALESCE(best_test_pass1, $3), $3) END,
       best_program_id = COALESCE($4, best_program_id), best_conservative = COALESCE($5, best_conservative),
       updated_at = now()
     WHERE id = $1`,
    [input.runId, input.data.step + 1, pass1, best?.id ?? null, best?.value ?? null],
  );
}

export async function writeImportedStep(
  pool: pg.Pool,
  input: StepWriteInput,
): Promise<"written" | "already"> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    if (!(await insertStepRow(client, input))) {
      await client.query("ROLLBACK");
      return "already";
    }
    const entries = latestEntries(input.data);
    await upsertPrograms(client, input.runId, entries);
    const referenced = new Set<number>([
      ...entries.flatMap((p) => [p.program_id, ...describeOrigin(p).parentIds]),
      ...input.data.rollouts.map((r) => r.programId),
    ]);
    const ids = await loadProgramRowIds(client, input.runId, [...referenced]);
    await insertEdges(client, input.runId, entries, ids);
    await writeRatings(client, input, ids);
    await writeRollouts(client, input, ids);
    await insertEvolutionEventRows(
      client,
      input.runId,
      input.data.step,
      input.data.events.map(({ childId, ...event }) => ({
        ...event,
        childRowId: childId === null ? null : (ids.get(childId) ?? null),
      })),
    );
    await writeEvaluationAndCheckpoints(client, input, ids);
    await updateRun(client, input);
    await client.query("COMMIT");
    return "written";
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
