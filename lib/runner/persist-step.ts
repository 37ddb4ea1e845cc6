/**
 * Commits one iteration in ONE transaction: the step, train and test rollouts (text in rollout_texts),
 * rating updates, new programs and lineage edges, evictions, evolution events with every LLM call, the
 * test evaluation, the checkpoint, the engine state to resume from, and a NOTIFY for live views.
 *
 * Every table gets one INSERT whose columns are array parameters expanded by `unnest`, so a step costs a
 * fixed, small number of round trips however many rollouts it holds. A step is idempotent by
 * (run, step): a retried commit of a step already stored changes nothing.
 */
import type pg from "pg";
import type { EngineState } from "@/lib/espl/iteration/engine-state";
import type { IterationResult, RolloutView } from "@/lib/espl/iteration/types";
import type { CheckpointRef } from "@/lib/espl/ports";
import { emptyUsage, type TokenUsage } from "@/lib/backends/usage-meter";
import { STEP_CHANNEL, type StepNotification } from "./step-channel";
import { redactOptional } from "@/lib/security/redact";

export interface StepCommitInput {
  runId: string;
  /** The worker's lease; the commit is refused when another worker holds the run now. */
  leaseOwner: string | null;
  result: IterationResult;
  engineState: EngineState;
  /** Backend weights after this step, to restore on resume. */
  backendState: CheckpointRef | null;
  totalSteps: number;
  /** Dataset position → problems.id, per split, to link rollouts to their problem. */
  problemIds: { train: Map<number, number>; test: Map<number, number> };
  startedAt: Date;
  /** Reflection-call tokens of this step, counted by the driver (ChatFn replies carry no counts). */
  reflectionUsage?: TokenUsage;
}

export type StepCommitOutcome = "committed" | "already_committed";

export class LeaseLostError extends Error {
  override name = "LeaseLostError";
}

/** Program pool id → programs.id for the given pool ids of this run. */
export async function loadProgramRowIds(
  client: pg.PoolClient,
  runId: string,
  ids: number[],
): Promise<Map<number, number>> {
  const { rows } = await client.query<{ id: number; program_id: number }>(
    "SELECT id, program_id FROM programs WHERE run_id = $1 AND program_id = ANY($2::int[])",
    [runId, ids],
  );
  return new Map(rows.map((r) => [r.program_id, r.id]));
}

function rowId(map: Map<number, number>, programId: number): number {
  const id = map.get(programId);
  if (id === undefined) throw new Error(`program ${programId} is not stored for this run`);
  return id;
}

/** The pool program with the best conservative rating (μ − 3σ), the runs list's "best program". */
function findBestConservative(state: EngineState): { programId: number; value: number } | null {
  let best: { programId: number; value: number } | null = null;
  for (const p of state.pool.evolution_pool) {
    const value = p.rating.mu - 3 * p.rating.sigma;
    if (!best || value > best.value) best = { programId: p.program_id, value };
  }
  return best;
}

async function insertPrograms(client: pg.PoolClient, input: StepCommitInput): Promise<void> {
  const { runId, result } = input;
  const programs = result.newPrograms;
  if (programs.length === 0) return;
  await client.query(
    `INSERT INTO programs (run_id, program_id, principles, origin, birth_step, mu, sigma)
     SELECT $1, u.program_id, u.principles, u.origin::program_origin, u.birth_step, u.mu, u.sigma
     FROM unnest($2::int[], $3::jsonb[], $4::text[], $5::int[], $6::float8[], $7::float8[])
       AS u(program_id, principles, origin, birth_step, mu, sigma)`,
    [
      runId,
      programs.map((p) => p.programId),
      programs.map((p) => JSON.stringify(p.principles)),
      programs.map((p) => p.origin),
      programs.map((p) => p.birthStep),
      programs.map((p) => p.rating.mu),
      programs.map((p) => p.rating.sigma),
    ],
  );
}

export interface EdgeRow {
  parent: number;
  child: number;
  kind: string;
  order: number;
}

/** Lineage edges by program row id, idempotent per (child, parent); native commits and imports share it. */
export async function insertEdgeRows(client: pg.PoolClient, runId: string, edges: EdgeRow[]) {
  if (edges.length === 0) return;
  await client.query(
    `INSERT INTO program_edges (run_id, parent_id, child_id, kind, parent_order)
     SELECT $1, u.parent, u.child, u.kind::edge_kind, u.ord
     FROM unnest($2::int[], $3::int[], $4::text[], $5::int[]) AS u(parent, child, kind, ord)
     ON CONFLICT (child_id, parent_id) DO NOTHING`,
    [
      runId,
      edges.map((e) => e.parent),
      edges.map((e) => e.child),
      edges.map((e) => e.kind),
      edges.map((e) => e.order),
    ],
  );
}

async function insertEdges(client: pg.PoolClient, input: StepCommitInput, ids: Map<number, number>) {
  const edges = input.result.newPrograms.flatMap((p) =>
    p.parentIds.map((parentId, order) => ({
      parent: rowId(ids, parentId),
      child: rowId(ids, p.programId),
      kind: p.origin,
      order,
    })),
  );
  await insertEdgeRows(client, input.runId, edges);
}

async function updateRatedPrograms(client: pg.PoolClient, input: StepCommitInput, ids: Map<number, number>) {
  const updates = input.result.ratingUpdates;
  if (updates.length > 0) {
    await client.query(
      `UPDATE programs p SET mu = u.mu, sigma = u.sigma, times_selected = p.times_selected + u.n
       FROM unnest($1::int[], $2::float8[], $3::float8[], $4::int[]) AS u(id, mu, sigma, n)
       WHERE p.id = u.id`,
      [
        updates.map((u) => rowId(ids, u.programId)),
        updates.map((u) => u.after.mu),
        updates.map((u) => u.after.sigma),
        updates.map((u) => u.slots.length),
      ],
    );
    await client.query(
      `INSERT INTO rating_updates (run_id, step, program_id, mu_before, sigma_before, mu_after, sigma_after, score, rank, tie_group)
       SELECT $1, $2, u.* FROM unnest($3::int[], $4::float8[], $5::float8[], $6::float8[], $7::float8[],
         $8::float8[], $9::int[], $10::int[]) AS u`,
      [
        input.runId,
        input.result.step,
        updates.map((u) => rowId(ids, u.programId)),
        updates.map((u) => u.before.mu),
        updates.map((u) => u.before.sigma),
        updates.map((u) => u.after.mu),
        updates.map((u) => u.after.sigma),
        updates.map((u) => u.score),
        updates.map((u) => u.rank),
        updates.map((u) => u.tieGroup),
      ],
    );
  }
  const evicted = input.result.evictedProgramIds;
  if (evicted.length > 0) {
    await client.query(
      "UPDATE programs SET evicted_at_step = $3 WHERE run_id = $1 AND program_id = ANY($2::int[])",
      [input.runId, evicted, input.result.step],
    );
  }
}

/** One rollout as stored; shared with the importer so both write rollouts the same way. */
export interface RolloutRow {
  split: "train" | "test";
  slot: number;
  /** programs.id (the row), not the pool id. */
  programRowId: number;
  problemId: number | null;
  problemIndex: number;
  sampleIndex: number;
  reward: number;
  advantage: number | null;
  trained: boolean;
  promptTokens: number | null;
  completionTokens: number | null;
  completion: string;
  extractedAnswer: string | null;
}

/** Rollouts of one step and their texts: two INSERTs however many rows. */
export async function insertRolloutRows(
  client: pg.PoolClient,
  runId: string,
  step: number,
  rollouts: RolloutRow[],
): Promise<void> {
  if (rollouts.length === 0) return;
  // Ids are drawn first so the text rows can reference them without a second lookup.
  const { rows } = await client.query<{ ids: string[] }>(
    "SELECT array_agg(nextval(pg_get_serial_sequence('rollouts', 'id'))) AS ids FROM generate_series(1, $1)",
    [rollouts.length],
  );
  const rolloutIds = rows[0]!.ids;
  await client.query(
    `INSERT INTO rollouts (id, run_id, step, split, slot, program_id, problem_id, problem_index, sample_index,
       reward, advantage, trained, prompt_tokens, completion_tokens, completion_chars, extracted_answer)
     SELECT u.id, $1, $2, u.split::split, u.slot, u.program_id, u.problem_id, u.problem_index, u.sample_index,
       u.reward, u.advantage, u.trained, u.prompt_tokens, u.completion_tokens, u.completion_chars, u.extracted_answer
     FROM unnest($3::int8[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::float8[],
       $11::float8[], $12::bool[], $13::int[], $14::int[], $15::int[], $16::text[])
       AS u(id, split, slot, program_id, problem_id, problem_index, sample_index, reward, advantage, trained,
            prompt_tokens, completion_tokens, completion_chars, extracted_answer)`,
    [
      runId,
      step,
      rolloutIds,
      rollouts.map((r) => r.split),
      rollouts.map((r) => r.slot),
      rollouts.map((r) => r.programRowId),
      rollouts.map((r) => r.problemId),
      rollouts.map((r) => r.problemIndex),
      rollouts.map((r) => r.sampleIndex),
      rollouts.map((r) => r.reward),
      rollouts.map((r) => r.advantage),
      rollouts.map((r) => r.trained),
      rollouts.map((r) => r.promptTokens),
      rollouts.map((r) => r.completionTokens),
      rollouts.map((r) => r.completion.length),
      rollouts.map((r) => r.extractedAnswer),
    ],
  );
  await client.query(
    "INSERT INTO rollout_texts (rollout_id, completion) SELECT * FROM unnest($1::int8[], $2::text[])",
    [rolloutIds, rollouts.map((r) => r.completion)],
  );
}

async function insertRollouts(client: pg.PoolClient, input: StepCommitInput, ids: Map<number, number>) {
  const rollouts: RolloutView[] = [...input.result.trainRollouts, ...input.result.testRollouts];
  await insertRolloutRows(
    client,
    input.runId,
    input.result.step,
    rollouts.map((r) => ({
      split: r.split,
      slot: r.slot,
      programRowId: rowId(ids, r.programId),
      problemId: input.problemIds[r.split].get(r.datasetIndex) ?? null,
      problemIndex: r.problemIndex,
      sampleIndex: r.sampleIndex,
      reward: r.reward,
      advantage: r.advantage,
      trained: r.trained,
      promptTokens: r.promptTokens,
      completionTokens: r.completionTokens,
      completion: r.completion,
      extractedAnswer: r.extractedAnswer,
    })),
  );
}

/** One evolution event with its LLM calls, as stored; shared with the importer. */
export interface EvolutionEventRow {
  kind: "mutation" | "crossover";
  status: "ok" | "failed";
  parentIds: number[];
  /** programs.id of the child (the row), or null. */
  childRowId: number | null;
  error: string | null;
  details: Record<string, unknown>;
  calls: {
    ordinal: number;
    purpose: string;
    prompt: string;
    rawReply: string | null;
    parsedOperations?: unknown;
    error: string | null;
  }[];
}

/** One INSERT per event (its id is needed) and one for all of its calls. */
export async function insertEvolutionEventRows(
  client: pg.PoolClient,
  runId: string,
  step: number,
  events: EvolutionEventRow[],
): Promise<void> {
  for (const event of events) {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO evolution_events (run_id, step, kind, status, parent_program_ids, child_id, error, details)
       VALUES ($1, $2, $3::evolution_kind, $4::event_status, $5::int[], $6, $7, $8) RETURNING id`,
      [
        runId,
        step,
        event.kind,
        event.status,
        event.parentIds,
        event.childRowId,
        redactOptional(event.error),
        JSON.stringify(event.details),
      ],
    );
    if (event.calls.length === 0) continue;
    await client.query(
      `INSERT INTO llm_calls (event_id, ordinal, purpose, prompt, raw_reply, parsed_operations, error)
       SELECT $1, u.* FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[]) AS u`,
      [
        rows[0]!.id,
        event.calls.map((c) => c.ordinal),
        event.calls.map((c) => c.purpose),
        event.calls.map((c) => c.prompt),
        event.calls.map((c) => c.rawReply),
        event.calls.map((c) =>
          c.parsedOperations === null || c.parsedOperations === undefined
            ? null
            : JSON.stringify(c.parsedOperations),
        ),
        // Errors may echo a backend request; prompts and replies are model text and stay verbatim.
        event.calls.map((c) => redactOptional(c.error)),
      ],
    );
  }
}

async function insertEvolutionEvents(
  client: pg.PoolClient,
  input: StepCommitInput,
  ids: Map<number, number>,
) {
  await insertEvolutionEventRows(
    client,
    input.runId,
    input.result.step,
    input.result.evolution.events.map((event) => ({
      kind: event.kind,
      status: event.status,
      parentIds: event.parentIds,
      childRowId: event.childId === null ? null : rowId(ids, event.childId),
      error: event.error,
      details: { outcome: event.outcome, ...event.details },
      calls: event.calls,
    })),
  );
}

export function passAtKList(test: Record<string, number>): number[] {
  const list: number[] = [];
  for (let k = 1; `Pass@${k}` in test; k++) list.push(test[`Pass@${k}`]!);
  return list;
}

async function insertEvaluationAndCheckpoint(
  client: pg.PoolClient,
  input: StepCommitInput,
  ids: Map<number, number>,
) {
  const { result, runId } = input;
  const test = result.metrics.test;
  if (test.eval_avg_reward !== undefined) {
    await client.query(
      `INSERT INTO evaluations (run_id, step, program_id, avg_reward, pass_at_k) VALUES ($1, $2, $3, $4, $5::float8[])`,
      [runId, result.step, rowId(ids, result.testProgramId), test.eval_avg_reward, passAtKList(test)],
    );
  }
  if (result.checkpoint.saved && result.checkpoint.ref) {
    await client.query(
      `INSERT INTO checkpoints (run_id, step, name, backend_ref, state) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (run_id, step, name) DO NOTHING`,
      [
        runId,
        result.step,
        result.checkpoint.name,
        result.checkpoint.ref.backendRef,
        JSON.stringify(result.checkpoint.ref.state ?? null),
      ],
    );
  }
}

export interface StepUsage {
  policyPromptTokens: number;
  policyCompletionTokens: number;
  trainTokens: number;
}

/**
 * Policy tokens of a step from its rollouts. The samples of one (program, problem) group share a prompt
 * sent once with `n`, so a group's prompt counts once (as servers bill it); completions count each.
 * Trained tokens are what the trainer reported as `train_tokens` in its metrics.
 */
export function countStepUsage(
  rollouts: readonly RolloutView[],
  trainMetrics: Record<string, number>,
): StepUsage {
  const groupPrompts = new Map<string, number>();
  let policyCompletionTokens = 0;
  for (const r of rollouts) {
    policyCompletionTokens += r.completionTokens ?? 0;
    const key = `${r.split}:${r.slot}:${r.problemIndex}`;
    groupPrompts.set(key, Math.max(groupPrompts.get(key) ?? 0, r.promptTokens ?? 0));
  }
  let policyPromptTokens = 0;
  for (const tokens of groupPrompts.values()) policyPromptTokens += tokens;
  const trained = trainMetrics["train_tokens"];
  return {
    policyPromptTokens,
    policyCompletionTokens,
    trainTokens:
      typeof trained === "number" && Number.isFinite(trained) ? Math.max(0, Math.round(trained)) : 0,
  };
}

async function insertStepRow(client: pg.PoolClient, input: StepCommitInput): Promise<boolean> {
  const { result } = input;
  const usage = countStepUsage([...result.trainRollouts, ...result.testRollouts], result.training.metrics);
  const reflection = input.reflectionUsage ?? emptyUsage();
  const { rows } = await client.query(
    `INSERT INTO steps (run_id, step, epoch, batch_index, selected_program_ids, test_program_id, metrics, timings,
       details, samples_consumed, rng_state, started_at, policy_prompt_tokens, policy_completion_tokens,
       reflection_prompt_tokens, reflection_completion_tokens, reflection_calls, train_tokens)
     VALUES ($1, $2, $3, $4, $5::int[], $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     ON CONFLICT (run_id, step) DO NOTHING RETURNING id`,
    [
      input.runId,
      result.step,
      result.epoch,
      result.batchIndex,
      result.selectedProgramIds,
      result.testProgramId,
      JSON.stringify(result.metrics),
      JSON.stringify(result.timings),
      JSON.stringify({
        ranking: result.ranking,
        training: result.training,
        evolution: {
          enabled: result.evolution.enabled,
          crossoverDraw: result.evolution.crossoverDraw,
          crossoverTriggered: result.evolution.crossoverTriggered,
        },
        checkpoint: { ...result.checkpoint, ref: result.checkpoint.ref?.backendRef ?? null },
        simulated: result.simulated,
      }),
      result.samplesConsumed,
      JSON.stringify(result.rngState),
      input.startedAt,
      usage.policyPromptTokens,
      usage.policyCompletionTokens,
      reflection.promptTokens,
      reflection.completionTokens,
      reflection.calls,
      usage.trainTokens,
    ],
  );
  return rows.length > 0;
}

async function updateRun(client: pg.PoolClient, input: StepCommitInput): Promise<void> {
  const { result } = input;
  const best = findBestConservative(input.engineState);
  const pass1 = result.metrics.test["Pass@1"] ?? null;
  const { rowCount } = await client.query(
    `UPDATE runs SET current_step = $3, total_steps = $4,
       best_test_pass1 = CASE WHEN $5::float8 IS NULL THEN best_test_pass1 ELSE GREATEST(COALESCE(best_test_pass1, $5), $5) END,
       best_program_id = $6, best_conservative = $7,
       engine_state = $8, status_detail = NULL, updated_at = now()
     WHERE id = $1 AND ($2::text IS NULL OR lease_owner = $2)`,
    [
      input.runId,
      input.leaseOwner,
      result.step + 1,
      input.totalSteps,
      pass1,
      best?.programId ?? null,
      best?.value ?? null,
      JSON.stringify({ engine: input.engineState, backend: input.backendState }),
    ],
  );
  if (rowCount === 0)
    throw new LeaseLostError(`run ${input.runId} is no longer leased by ${input.leaseOwner}`);
}

export async function commitStep(pool: pg.Pool, input: StepCommitInput): Promise<StepCommitOutcome> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    if (!(await insertStepRow(client, input))) {
      await client.query("ROLLBACK");
      return "already_committed";
    }
    await insertPrograms(client, input);
    const { result } = input;
    const referenced = new Set<number>([
      result.testProgramId,
      ...result.selectedProgramIds,
      ...result.newPrograms.flatMap((p) => [p.programId, ...p.parentIds]),
    ]);
    const ids = await loadProgramRowIds(client, input.runId, [...referenced]);
    await insertEdges(client, input, ids);
    await updateRatedPrograms(client, input, ids);
    await insertRollouts(client, input, ids);
    await insertEvolutionEvents(client, input, ids);
    await insertEvaluationAndCheckpoint(client, input, ids);
    await updateRun(client, input);
    const note: StepNotification = { runId: input.runId, step: result.step };
    await client.query("SELECT pg_notify($1, $2)", [STEP_CHANNEL, JSON.stringify(note)]);
    await client.query("COMMIT");
    return "committed";
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
