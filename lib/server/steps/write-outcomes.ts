/**
 * What a step produced: rollouts (text in rollout_texts), evolution events with every LLM call, the
 * test evaluation and checkpoints. A fixed, small number of INSERTs however many rows the step holds.
 */
import "server-only";
import type pg from "pg";
import { redactOptional } from "@/lib/server/security/redact";
import type { ProgramIds } from "./write-programs";
import type { StepRows } from "./step-rows";

/** Rollouts of programs not stored are left out (an import only) and each such program is named. */
export async function insertRollouts(
  client: pg.PoolClient,
  rows: StepRows,
  ids: ProgramIds,
  note: (reason: string) => void,
): Promise<void> {
  const missing = new Set<number>();
  const rollouts = rows.rollouts.flatMap((r) => {
    const programRowId = ids.resolve(r.programId);
    if (programRowId === null) missing.add(r.programId);
    return programRowId === null ? [] : [{ ...r, programRowId }];
  });
  for (const id of missing) note(`rollouts of program ${id} skipped: no pool file holds that program`);
  if (rollouts.length === 0) return;
  // Ids are drawn first so the text rows can reference them without a second lookup.
  const { rows: drawn } = await client.query<{ ids: string[] }>(
    "SELECT array_agg(nextval(pg_get_serial_sequence('rollouts', 'id'))) AS ids FROM generate_series(1, $1)",
    [rollouts.length],
  );
  const rolloutIds = drawn[0]!.ids;
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
      rows.runId,
      rows.step,
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

/** One INSERT per event (its id is needed) and one for all of its calls. */
export async function insertEvolutionEvents(
  client: pg.PoolClient,
  rows: StepRows,
  ids: ProgramIds,
): Promise<void> {
  for (const event of rows.events) {
    const { rows: inserted } = await client.query<{ id: number }>(
      `INSERT INTO evolution_events (run_id, step, kind, status, parent_program_ids, child_id, error, details)
       VALUES ($1, $2, $3::evolution_kind, $4::event_status, $5::int[], $6, $7, $8) RETURNING id`,
      [
        rows.runId,
        rows.step,
        event.kind,
        event.status,
        event.parentIds,
        event.childId === null ? null : ids.resolve(event.childId),
        redactOptional(event.error),
        JSON.stringify(event.details),
      ],
    );
    if (event.calls.length === 0) continue;
    await client.query(
      `INSERT INTO llm_calls (event_id, ordinal, purpose, prompt, raw_reply, parsed_operations, error, model,
         prompt_tokens, completion_tokens, latency_ms, retries, cost_usd)
       SELECT $1, u.* FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[],
         $9::int[], $10::int[], $11::int[], $12::int[], $13::float8[]) AS u`,
      [
        inserted[0]!.id,
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
        event.calls.map((c) => c.usage?.model ?? null),
        event.calls.map((c) => c.usage?.promptTokens ?? null),
        event.calls.map((c) => c.usage?.completionTokens ?? null),
        event.calls.map((c) => (c.usage?.latencyMs == null ? null : Math.round(c.usage.latencyMs))),
        event.calls.map((c) => c.usage?.retries ?? null),
        event.calls.map((c) => c.usage?.costUsd ?? null),
      ],
    );
  }
}

export async function insertEvaluationAndCheckpoints(
  client: pg.PoolClient,
  rows: StepRows,
  ids: ProgramIds,
): Promise<void> {
  const evaluation = rows.evaluation;
  const programRowId = evaluation ? ids.resolve(evaluation.programId) : null;
  if (evaluation && programRowId !== null)
    await client.query(
      `INSERT INTO evaluations (run_id, step, program_id, avg_reward, pass_at_k) VALUES ($1, $2, $3, $4, $5::float8[])
       ON CONFLICT (run_id, step, program_id) DO NOTHING`,
      [rows.runId, rows.step, programRowId, evaluation.avgReward, evaluation.passAtK],
    );
  for (const c of rows.checkpoints)
    await client.query(
      `INSERT INTO checkpoints (run_id, step, name, backend_ref, state) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (run_id, step, name) DO NOTHING`,
      [rows.runId, c.step, c.name, c.backendRef, JSON.stringify(c.state ?? null)],
    );
}

/** One INSERT for the step's policy sampling batches. */
export async function insertSamplingCalls(client: pg.PoolClient, rows: StepRows): Promise<void> {
  const calls = rows.samplingCalls;
  if (calls.length === 0) return;
  await client.query(
    `INSERT INTO sampling_calls (run_id, step, ordinal, model, requests, samples, prompt_tokens, completion_tokens,
       latency_ms, retries, cost_usd)
     SELECT $1, $2, u.* FROM unnest($3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[],
       $10::int[], $11::float8[]) AS u
     ON CONFLICT (run_id, step, ordinal) DO NOTHING`,
    [
      rows.runId,
      rows.step,
      calls.map((_, i) => i),
      calls.map((c) => c.model),
      calls.map((c) => c.requests),
      calls.map((c) => c.samples),
      calls.map((c) => c.promptTokens),
      calls.map((c) => c.completionTokens),
      calls.map((c) => c.latencyMs),
      calls.map((c) => c.retries),
      calls.map((c) => c.costUsd),
    ],
  );
}
