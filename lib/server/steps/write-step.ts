/**
 * The one writer of a step's rows, for the runner and the importer alike. It commits a step in ONE
 * transaction: the step row first with ON CONFLICT DO NOTHING (a step already stored rolls back
 * untouched, so a retried commit or a re-import changes nothing), then programs, lineage, ratings,
 * evictions, rollouts, evolution events with their LLM calls, evaluation, checkpoints and the run's
 * progress; a runner commit ends with a NOTIFY for live views.
 */
import "server-only";
import type pg from "pg";
import { STEP_CHANNEL, type StepNotification } from "@/lib/server/runner/step-channel";
import { sumReflectionUsage } from "./reflection-usage";
import { bestConservative, type StepRows } from "./step-rows";
import { insertEdges, insertPrograms, loadProgramIds, writeRatings } from "./write-programs";
import {
  insertEvaluationAndCheckpoints,
  insertEvolutionEvents,
  insertRollouts,
  insertSamplingCalls,
} from "./write-outcomes";

export class LeaseLostError extends Error {
  override name = "LeaseLostError";
}

export interface StepWriteOptions {
  /**
   * Absent: a program the rows name but the run does not store is a bug and the commit fails. Present
   * (an import): rows of such a program are left out, and left-out rollouts are noted here.
   */
  note?: (reason: string) => void;
}

async function insertStepRow(client: pg.PoolClient, rows: StepRows): Promise<boolean> {
  const { row } = rows;
  const reflection = sumReflectionUsage(rows.events);
  const { rows: inserted } = await client.query(
    `INSERT INTO steps (run_id, step, epoch, batch_index, selected_program_ids, test_program_id, metrics, timings,
       details, samples_consumed, rng_state, started_at, policy_prompt_tokens, policy_completion_tokens,
       reflection_prompt_tokens, reflection_completion_tokens, reflection_calls, train_tokens)
     VALUES ($1, $2, $3, $4, $5::int[], $6, $7, $8, $9, $10, $11, COALESCE($12, now()), $13, $14, $15, $16, $17, $18)
     ON CONFLICT (run_id, step) DO NOTHING RETURNING id`,
    [
      rows.runId,
      rows.step,
      row.epoch,
      row.batchIndex,
      row.selectedProgramIds,
      row.testProgramId,
      JSON.stringify(row.metrics),
      JSON.stringify(row.timings),
      JSON.stringify(row.details),
      row.samplesConsumed,
      row.rngState === null ? null : JSON.stringify(row.rngState),
      row.startedAt,
      row.tokens.policyPromptTokens,
      row.tokens.policyCompletionTokens,
      reflection.promptTokens,
      reflection.completionTokens,
      reflection.calls,
      row.tokens.trainTokens,
    ],
  );
  return inserted.length > 0;
}

/**
 * An import may fill a gap before steps already stored: completed chart buckets from this step on
 * (lib/server/read/run-series.ts) are no longer complete, so they are dropped and re-aggregated on read.
 */
async function invalidateSeries(client: pg.PoolClient, rows: StepRows): Promise<void> {
  await client.query(
    `UPDATE series_fills SET buckets = $2::int / width WHERE run_id = $1 AND buckets > $2::int / width`,
    [rows.runId, rows.step],
  );
  await client.query(`DELETE FROM series_buckets WHERE run_id = $1 AND bucket >= $2::int / width`, [
    rows.runId,
    rows.step,
  ]);
}

async function updateRun(client: pg.PoolClient, rows: StepRows): Promise<void> {
  const best = bestConservative(rows.pool);
  const { progress } = rows;
  if (progress.kind === "import") {
    await client.query(
      `UPDATE runs SET current_step = GREATEST(current_step, $2), total_steps = GREATEST(total_steps, $2),
         best_test_pass1 = CASE WHEN $3::float8 IS NULL THEN best_test_pass1 ELSE GREATEST(COALESCE(best_test_pass1, $3), $3) END,
         best_program_id = COALESCE($4, best_program_id), best_conservative = COALESCE($5, best_conservative),
         updated_at = now()
       WHERE id = $1`,
      [rows.runId, rows.step + 1, rows.pass1, best?.programId ?? null, best?.value ?? null],
    );
    return;
  }
  const { rowCount } = await client.query(
    `UPDATE runs SET current_step = $3, total_steps = $4,
       best_test_pass1 = CASE WHEN $5::float8 IS NULL THEN best_test_pass1 ELSE GREATEST(COALESCE(best_test_pass1, $5), $5) END,
       best_program_id = $6, best_conservative = $7,
       engine_state = $8, status_detail = NULL, updated_at = now()
     WHERE id = $1 AND ($2::text IS NULL OR lease_owner = $2)`,
    [
      rows.runId,
      progress.leaseOwner,
      rows.step + 1,
      progress.totalSteps,
      rows.pass1,
      best?.programId ?? null,
      best?.value ?? null,
      JSON.stringify(progress.engineState),
    ],
  );
  if (rowCount === 0)
    throw new LeaseLostError(`run ${rows.runId} is no longer leased by ${progress.leaseOwner}`);
}

/** Every pool id the rows name, resolved in one query. */
function referencedPrograms(rows: StepRows): number[] {
  return [
    ...rows.programs.map((p) => p.programId),
    ...rows.edges.flatMap((e) => [e.childId, ...e.parentIds]),
    ...rows.ratingUpdates.map((u) => u.programId),
    ...rows.selections.keys(),
    ...rows.rollouts.map((r) => r.programId),
    ...rows.events.flatMap((e) => (e.childId === null ? [] : [e.childId])),
    ...(rows.evaluation ? [rows.evaluation.programId] : []),
  ];
}

export async function writeStep(
  pool: pg.Pool,
  rows: StepRows,
  options: StepWriteOptions = {},
): Promise<"written" | "already_stored"> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    if (!(await insertStepRow(client, rows))) {
      await client.query("ROLLBACK");
      return "already_stored";
    }
    if (rows.progress.kind === "import") await invalidateSeries(client, rows);
    await insertPrograms(client, rows);
    const ids = await loadProgramIds(client, rows.runId, referencedPrograms(rows), !options.note);
    await insertEdges(client, rows, ids);
    await writeRatings(client, rows, ids);
    await insertRollouts(client, rows, ids, options.note ?? (() => {}));
    await insertEvolutionEvents(client, rows, ids);
    await insertEvaluationAndCheckpoints(client, rows, ids);
    await insertSamplingCalls(client, rows);
    await updateRun(client, rows);
    if (rows.progress.kind === "runner") {
      const note: StepNotification = { runId: rows.runId, step: rows.step };
      await client.query("SELECT pg_notify($1, $2)", [STEP_CHANNEL, JSON.stringify(note)]);
    }
    await client.query("COMMIT");
    return "written";
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
