/**
 * The program side of a step: new programs, lineage edges, rating updates with the selection counts,
 * evictions. Each is one INSERT or UPDATE whose columns are array parameters expanded by `unnest`.
 */
import "server-only";
import type pg from "pg";
import type { StepRows } from "./step-rows";

/**
 * Pool id → programs.id. `resolve` either throws on a program that is not stored (the runner: its own
 * engine named it, so a miss is a bug) or answers null and the row is left out (an import: a
 * reference run's files may name a program no pool file holds).
 */
export interface ProgramIds {
  resolve(programId: number): number | null;
}

export async function loadProgramIds(
  client: pg.PoolClient,
  runId: string,
  programIds: Iterable<number>,
  strict: boolean,
): Promise<ProgramIds> {
  const { rows } = await client.query<{ id: number; program_id: number }>(
    "SELECT id, program_id FROM programs WHERE run_id = $1 AND program_id = ANY($2::int[])",
    [runId, [...new Set(programIds)]],
  );
  const map = new Map(rows.map((r) => [r.program_id, r.id]));
  return {
    resolve(programId) {
      const id = map.get(programId);
      if (id !== undefined) return id;
      if (strict) throw new Error(`program ${programId} is not stored for this run`);
      return null;
    },
  };
}

export async function insertPrograms(client: pg.PoolClient, rows: StepRows): Promise<void> {
  const programs = rows.programs;
  if (programs.length === 0) return;
  await client.query(
    `INSERT INTO programs (run_id, program_id, principles, origin, birth_step, mu, sigma)
     SELECT $1, u.program_id, u.principles, u.origin::program_origin, u.birth_step, u.mu, u.sigma
     FROM unnest($2::int[], $3::jsonb[], $4::text[], $5::int[], $6::float8[], $7::float8[])
       AS u(program_id, principles, origin, birth_step, mu, sigma)
     ON CONFLICT (run_id, program_id) DO UPDATE SET mu = EXCLUDED.mu, sigma = EXCLUDED.sigma`,
    [
      rows.runId,
      programs.map((p) => p.programId),
      programs.map((p) => JSON.stringify(p.principles)),
      programs.map((p) => p.origin),
      programs.map((p) => p.birthStep),
      programs.map((p) => p.rating.mu),
      programs.map((p) => p.rating.sigma),
    ],
  );
}

/** Idempotent per (child, parent); a parent that is not stored is left out and the order closes up. */
export async function insertEdges(client: pg.PoolClient, rows: StepRows, ids: ProgramIds): Promise<void> {
  const edges = rows.edges.flatMap((e) => {
    const child = ids.resolve(e.childId);
    if (child === null) return [];
    const parents = e.parentIds.filter((p) => ids.resolve(p) !== null);
    return parents.map((parent, order) => ({ parent: ids.resolve(parent)!, child, kind: e.kind, order }));
  });
  if (edges.length === 0) return;
  await client.query(
    `INSERT INTO program_edges (run_id, parent_id, child_id, kind, parent_order)
     SELECT $1, u.parent, u.child, u.kind::edge_kind, u.ord
     FROM unnest($2::int[], $3::int[], $4::text[], $5::int[]) AS u(parent, child, kind, ord)
     ON CONFLICT (child_id, parent_id) DO NOTHING`,
    [
      rows.runId,
      edges.map((e) => e.parent),
      edges.map((e) => e.child),
      edges.map((e) => e.kind),
      edges.map((e) => e.order),
    ],
  );
}

/** Selection counts and new ratings in one UPDATE, the update log in one INSERT, evictions in one. */
export async function writeRatings(client: pg.PoolClient, rows: StepRows, ids: ProgramIds): Promise<void> {
  const changes = new Map<number, { mu: number | null; sigma: number | null; n: number }>();
  for (const [programId, n] of rows.selections) changes.set(programId, { mu: null, sigma: null, n });
  for (const u of rows.ratingUpdates)
    changes.set(u.programId, { ...u.after, n: changes.get(u.programId)?.n ?? 0 });
  const changed = [...changes].flatMap(([programId, c]) => {
    const id = ids.resolve(programId);
    return id === null ? [] : [{ id, ...c }];
  });
  if (changed.length > 0)
    await client.query(
      `UPDATE programs p SET mu = COALESCE(u.mu, p.mu), sigma = COALESCE(u.sigma, p.sigma),
         times_selected = p.times_selected + u.n
       FROM unnest($1::int[], $2::float8[], $3::float8[], $4::int[]) AS u(id, mu, sigma, n)
       WHERE p.id = u.id`,
      [
        changed.map((c) => c.id),
        changed.map((c) => c.mu),
        changed.map((c) => c.sigma),
        changed.map((c) => c.n),
      ],
    );
  const updates = rows.ratingUpdates.flatMap((u) => {
    const id = ids.resolve(u.programId);
    return id === null ? [] : [{ ...u, id }];
  });
  if (updates.length > 0)
    await client.query(
      `INSERT INTO rating_updates (run_id, step, program_id, mu_before, sigma_before, mu_after, sigma_after, score, rank, tie_group)
       SELECT $1, $2, u.* FROM unnest($3::int[], $4::float8[], $5::float8[], $6::float8[], $7::float8[],
         $8::float8[], $9::int[], $10::int[]) AS u
       ON CONFLICT (run_id, step, program_id) DO NOTHING`,
      [
        rows.runId,
        rows.step,
        updates.map((u) => u.id),
        updates.map((u) => u.before.mu),
        updates.map((u) => u.before.sigma),
        updates.map((u) => u.after.mu),
        updates.map((u) => u.after.sigma),
        updates.map((u) => u.score),
        updates.map((u) => u.rank),
        updates.map((u) => u.tieGroup),
      ],
    );
  if (rows.evictedProgramIds.length > 0)
    await client.query(
      "UPDATE programs SET evicted_at_step = $3 WHERE run_id = $1 AND program_id = ANY($2::int[])",
      [rows.runId, rows.evictedProgramIds, rows.step],
    );
}
