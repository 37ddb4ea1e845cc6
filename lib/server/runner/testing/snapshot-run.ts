/**
 * A run's stored results as plain data, without surrogate ids, timestamps or timings (including the
 * wall-clock `time/total` metric), so two executions
 * of the same seed can be compared for equality (uninterrupted vs paused, killed and resumed).
 */
import type pg from "pg";

const QUERIES: Record<string, string> = {
  run: `SELECT status, current_step, total_steps, best_test_pass1, best_program_id, best_conservative,
          engine_state FROM runs WHERE id = $1`,
  steps: `SELECT step, epoch, batch_index, selected_program_ids, test_program_id,
            metrics #- '{logged,time/total}' AS metrics, details,
            samples_consumed, rng_state FROM steps WHERE run_id = $1 ORDER BY step`,
  programs: `SELECT program_id, principles, origin, birth_step, evicted_at_step, mu, sigma, times_selected
             FROM programs WHERE run_id = $1 ORDER BY program_id`,
  edges: `SELECT pp.program_id AS parent, cp.program_id AS child, e.kind, e.parent_order
          FROM program_edges e JOIN programs pp ON pp.id = e.parent_id JOIN programs cp ON cp.id = e.child_id
          WHERE e.run_id = $1 ORDER BY child, e.parent_order`,
  ratingUpdates: `SELECT r.step, p.program_id, mu_before, sigma_before, mu_after, sigma_after, score, rank, tie_group
                  FROM rating_updates r JOIN programs p ON p.id = r.program_id WHERE r.run_id = $1
                  ORDER BY r.step, p.program_id`,
  rollouts: `SELECT r.step, r.split, r.slot, p.program_id, r.problem_id IS NOT NULL AS linked, r.problem_index,
               r.sample_index, r.reward, r.advantage, r.trained, r.prompt_tokens, r.completion_tokens,
               r.completion_chars, r.extracted_answer, t.completion
             FROM rollouts r JOIN programs p ON p.id = r.program_id JOIN rollout_texts t ON t.rollout_id = r.id
             WHERE r.run_id = $1 ORDER BY r.step, r.split, r.slot, r.problem_index, r.sample_index`,
  events: `SELECT e.step, e.kind, e.status, e.parent_program_ids, cp.program_id AS child, e.error, e.details,
             (SELECT json_agg(json_build_object('ordinal', c.ordinal, 'purpose', c.purpose, 'prompt', c.prompt,
                'reply', c.raw_reply, 'ops', c.parsed_operations, 'error', c.error) ORDER BY c.ordinal)
              FROM llm_calls c WHERE c.event_id = e.id) AS calls
           FROM evolution_events e LEFT JOIN programs cp ON cp.id = e.child_id WHERE e.run_id = $1
           ORDER BY e.step, e.kind`,
  evaluations: `SELECT v.step, p.program_id, v.avg_reward, v.pass_at_k FROM evaluations v
                JOIN programs p ON p.id = v.program_id WHERE v.run_id = $1 ORDER BY v.step`,
  checkpoints: `SELECT step, name, backend_ref, state FROM checkpoints WHERE run_id = $1 ORDER BY step, name`,
};

export type RunSnapshot = Record<string, unknown[]>;

export async function snapshotRun(db: pg.Pool | pg.Client, runId: string): Promise<RunSnapshot> {
  const snapshot: RunSnapshot = {};
  for (const [name, sql] of Object.entries(QUERIES)) snapshot[name] = (await db.query(sql, [runId])).rows;
  return snapshot;
}
