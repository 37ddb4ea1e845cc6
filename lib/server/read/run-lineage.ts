import "server-only";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { PREVIEW_CHARS, type LineageEdge, type LineageNode, type RunLineage } from "@/lib/view/lineage/types";
import { asOfStepCtes } from "./ratings-at";
import { findScopedRun } from "./scoped-run";

/**
 * Every program of the run (evicted ones included) and every lineage edge, as summaries: no full
 * principle text and no rating history (those load per node, see getLineageNode). Three indexed reads:
 * programs by (run_id, program_id), edges by run_id, the last step by (run_id, step). Under a share link
 * frozen at step S the graph is the run as it was at S: later programs and edges are left out, later
 * evictions undone, and μ/σ/times selected rebuilt from rating updates and step selections up to S.
 */
export async function getRunLineage(scope: ReadScope, runId: string): Promise<RunLineage> {
  const run = await findScopedRun(scope, runId);
  const prisma = getPrisma();
  const frozen = scope.frozenAtStep;
  const { maxStep } = run;
  const [nodes, edges, last] = await Promise.all([
    readProgramSummaries(runId, frozen),
    // One JSON value per query: Postgres builds the array, the client parses it once (row-by-row
    // decoding of 1,000 nodes and 1,500 edges cost more than the queries themselves).
    prisma.$queryRaw<{ items: LineageEdge[] }[]>`
      SELECT coalesce(json_agg(json_build_object('parent', p.program_id, 'child', c.program_id,
               'kind', e.kind, 'order', e.parent_order) ORDER BY c.program_id, e.parent_order), '[]') AS items
      FROM program_edges e
      JOIN programs p ON p.id = e.parent_id
      JOIN programs c ON c.id = e.child_id
      WHERE e.run_id = ${runId}::uuid AND c.birth_step <= ${maxStep}::int`,
    prisma.step.aggregate({ where: { runId, step: { lte: maxStep } }, _max: { step: true } }),
  ]);
  return {
    runId: run.id,
    runName: run.name,
    lastStep: last._max.step,
    nodes,
    edges: edges[0]?.items ?? [],
  };
}

const NODE_JSON = Prisma.sql`json_build_object('id', id, 'origin', origin, 'birthStep', birth,
  'evictedAtStep', evicted, 'mu', mu, 'sigma', sigma, 'timesSelected', sel, 'principleCount', n,
  'preview', coalesce(preview, ''))`;

/** Every program of the run as a summary, as it is now or (frozen) as it was after that step. */
export async function readProgramSummaries(
  runId: string,
  frozen: number | undefined,
): Promise<LineageNode[]> {
  const rows =
    frozen === undefined
      ? await getPrisma().$queryRaw<{ items: LineageNode[] }[]>`
          SELECT coalesce(json_agg(${NODE_JSON} ORDER BY id), '[]') AS items FROM (
            SELECT program_id AS id, origin, birth_step AS birth, evicted_at_step AS evicted,
                   mu, sigma, times_selected AS sel,
                   CASE WHEN jsonb_typeof(principles) = 'array' THEN jsonb_array_length(principles) ELSE 0 END AS n,
                   left(principles->0->>'text', ${PREVIEW_CHARS}::int) AS preview
            FROM programs WHERE run_id = ${runId}::uuid) t`
      : await queryFrozenNodes(runId, frozen);
  return rows[0]?.items ?? [];
}

/**
 * The program rows as they were after step `frozen` (a frozen share link): μ/σ from the last rating
 * update by then (else the prior before the first), times selected counted from the steps' selections.
 */
function queryFrozenNodes(runId: string, frozen: number) {
  return getPrisma().$queryRaw<{ items: LineageNode[] }[]>`
    WITH ${asOfStepCtes(runId, frozen)}
    SELECT coalesce(json_agg(${NODE_JSON} ORDER BY id), '[]') AS items FROM (
      SELECT p.program_id AS id, p.origin, p.birth_step AS birth,
             CASE WHEN p.evicted_at_step <= ${frozen}::int THEN p.evicted_at_step END AS evicted,
             coalesce(rated.mu_after, prior.mu_before, p.mu) AS mu,
             coalesce(rated.sigma_after, prior.sigma_before, p.sigma) AS sigma,
             coalesce(sel.n, 0) AS sel,
             CASE WHEN jsonb_typeof(p.principles) = 'array' THEN jsonb_array_length(p.principles) ELSE 0 END AS n,
             left(p.principles->0->>'text', ${PREVIEW_CHARS}::int) AS preview
      FROM programs p
      LEFT JOIN rated ON rated.program_id = p.id
      LEFT JOIN prior ON prior.program_id = p.id
      LEFT JOIN sel ON sel.pid = p.program_id
      WHERE p.run_id = ${runId}::uuid AND p.birth_step <= ${frozen}::int) t`;
}

/** Pool ids whose principles contain `text` (case-insensitive), for the lineage search box. */
export async function searchLineage(scope: ReadScope, runId: string, text: string): Promise<number[]> {
  const { maxStep } = await findScopedRun(scope, runId);
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await getPrisma().$queryRaw<{ id: number }[]>`
    SELECT p.program_id AS id FROM programs p
    WHERE p.run_id = ${runId}::uuid AND p.birth_step <= ${maxStep}::int
      AND EXISTS (SELECT 1 FROM jsonb_array_elements(
            CASE WHEN jsonb_typeof(p.principles) = 'array' THEN p.principles ELSE '[]'::jsonb END) AS e(v)
          WHERE e.v->>'text' ILIKE ${pattern})
    ORDER BY p.program_id LIMIT 500`;
  return rows.map((r) => r.id);
}
