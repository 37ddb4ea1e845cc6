/**
 * Seeds one large run for the lineage benchmarks, set-based (INSERT … SELECT over generate_series):
 * 1,000 programs over 2,500 steps in a FIFO pool of 100 (so 900 are evicted), each with 5 principles
 * of ~200 characters; 1,500 edges (999 first parents, 501 second parents of the crossover children 41–541); 4 selections and
 * rating updates per step; an evolution event per child.
 */
import type pg from "pg";

export const LINEAGE_PROGRAMS = 1000;
export const LINEAGE_STEPS = 2500;
const POOL = 100;

export async function seedLargeLineage(client: pg.Client | pg.Pool, projectId: string, name: string) {
  const run = await client.query<{ id: string }>(
    `INSERT INTO runs (id, project_id, name, status, train_mode, config, seed, total_steps, current_step, updated_at)
     VALUES (gen_random_uuid(), $1, $2, 'completed', 'evolution_rl', '{}', 1, $3, $3, now()) RETURNING id`,
    [projectId, name, LINEAGE_STEPS],
  );
  const runId = run.rows[0]!.id;
  const q = (sql: string, params: unknown[] = []) => client.query(sql, [runId, ...params]);
  // Program i is born at step floor(i × 2.5) and evicted when program i + POOL is born.
  await q(
    `INSERT INTO programs (run_id, program_id, principles, origin, birth_step, evicted_at_step, mu, sigma, times_selected)
     SELECT $1, i,
       (SELECT jsonb_agg(jsonb_build_object('id', k, 'text', 'Principle ' || k || ' of program ' || i || ': ' || repeat('consider the problem carefully ', 6)))
        FROM generate_series(1, 5) k),
       CASE WHEN i = 0 THEN 'root'::program_origin WHEN i BETWEEN 41 AND 541 THEN 'crossover' ELSE 'mutation' END,
       CASE WHEN i = 0 THEN -1 ELSE floor(i * 2.5)::int END,
       CASE WHEN i + $2 < $3 THEN floor((i + $2) * 2.5)::int END,
       20 + (i % 97) / 9.7, 1 + (i % 13) / 2.0, i % 40
     FROM generate_series(0, $3 - 1) i`,
    [POOL, LINEAGE_PROGRAMS],
  );
  // First parent: one of the 20 programs before it; second (crossover) parent: 21–40 before it.
  await q(
    `INSERT INTO program_edges (run_id, parent_id, child_id, kind, parent_order)
     SELECT $1, p.id, c.id, CASE WHEN c.origin = 'crossover' THEN 'crossover'::edge_kind ELSE 'mutation' END, 0
     FROM programs c JOIN programs p ON p.run_id = c.run_id
       AND p.program_id = greatest(0, c.program_id - 1 - (c.program_id * 7) % 20)
     WHERE c.run_id = $1 AND c.program_id > 0`,
  );
  await q(
    `INSERT INTO program_edges (run_id, parent_id, child_id, kind, parent_order)
     SELECT $1, p.id, c.id, 'crossover', 1
     FROM programs c JOIN programs p ON p.run_id = c.run_id
       AND p.program_id = c.program_id - 21 - (c.program_id * 3) % 20
     WHERE c.run_id = $1 AND c.origin = 'crossover'`,
  );
  await q(
    `INSERT INTO steps (run_id, step, epoch, selected_program_ids, metrics, started_at)
     SELECT $1, s, 0, ARRAY[floor(s / 2.5)::int, greatest(0, floor(s / 2.5)::int - 3),
       greatest(0, floor(s / 2.5)::int - 7), greatest(0, floor(s / 2.5)::int - 11)], '{}', now()
     FROM generate_series(0, $2 - 1) s`,
    [LINEAGE_STEPS],
  );
  await q(
    `INSERT INTO rating_updates (run_id, step, program_id, mu_before, sigma_before, mu_after, sigma_after, score, rank, tie_group)
     SELECT DISTINCT ON (s.step, p.id) $1, s.step, p.id, p.mu, p.sigma + 0.1, p.mu, p.sigma, (s.step % 7) / 7.0, o.ord - 1, o.ord - 1
     FROM steps s CROSS JOIN LATERAL unnest(s.selected_program_ids) WITH ORDINALITY AS o(pid, ord)
     JOIN programs p ON p.run_id = s.run_id AND p.program_id = o.pid
     WHERE s.run_id = $1`,
  );
  await q(
    `INSERT INTO evolution_events (run_id, step, kind, status, parent_program_ids, child_id, details)
     SELECT $1, c.birth_step, CASE WHEN c.origin = 'crossover' THEN 'crossover'::evolution_kind ELSE 'mutation' END,
       'ok', ARRAY[0], c.id, '{}'
     FROM programs c WHERE c.run_id = $1 AND c.program_id > 0`,
  );
  await client.query(`ANALYZE programs; ANALYZE program_edges; ANALYZE rating_updates; ANALYZE steps`);
  const edges = await q(`SELECT count(*)::int AS n FROM program_edges WHERE run_id = $1`);
  return { runId, edges: edges.rows[0]!.n as number };
}
