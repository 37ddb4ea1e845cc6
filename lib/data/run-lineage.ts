import "server-only";
import { z } from "zod";
import { runWhere, type ReadScope } from "@/lib/auth/scope";
import { getPrisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import {
  PREVIEW_CHARS,
  type EdgeKindName,
  type LineageNode,
  type OriginName,
  type RunLineage,
} from "@/lib/lineage/types";

const NO_LIMIT = 2_147_483_647;

/** The run row the caller may read, or not_found (other projects' runs look missing, not forbidden). */
export async function findScopedRun(scope: ReadScope, runId: string) {
  if (!z.guid().safeParse(runId).success) throw notFound("run");
  const run = await getPrisma().run.findFirst({
    where: { id: runId, ...runWhere(scope) },
    select: { id: true, name: true },
  });
  if (!run) throw notFound("run");
  return run;
}

interface NodeRow {
  id: number;
  origin: OriginName;
  birth: number;
  evicted: number | null;
  mu: number;
  sigma: number;
  sel: number;
  n: number;
  preview: string | null;
}

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
  const maxStep = frozen ?? NO_LIMIT;
  const [nodes, edges, last] = await Promise.all([
    readProgramSummaries(runId, frozen),
    prisma.$queryRaw<{ parent: number; child: number; kind: EdgeKindName; ord: number }[]>`
      SELECT p.program_id AS parent, c.program_id AS child, e.kind::text AS kind, e.parent_order AS ord
      FROM program_edges e
      JOIN programs p ON p.id = e.parent_id
      JOIN programs c ON c.id = e.child_id
      WHERE e.run_id = ${runId}::uuid AND c.birth_step <= ${maxStep}::int
      ORDER BY c.program_id, e.parent_order`,
    prisma.step.aggregate({ where: { runId, step: { lte: maxStep } }, _max: { step: true } }),
  ]);
  return {
    runId: run.id,
    runName: run.name,
    lastStep: last._max.step,
    nodes,
    edges: edges.map((e) => ({ parent: e.parent, child: e.child, kind: e.kind, order: e.ord })),
  };
}

/** Every program of the run as a summary, as it is now or (frozen) as it was after that step. */
export async function readProgramSummaries(
  runId: string,
  frozen: number | undefined,
): Promise<LineageNode[]> {
  const rows =
    frozen === undefined
      ? await getPrisma().$queryRaw<NodeRow[]>`
          SELECT program_id AS id, origin::text AS origin, birth_step AS birth, evicted_at_step AS evicted,
                 mu, sigma, times_selected AS sel,
                 CASE WHEN jsonb_typeof(principles) = 'array' THEN jsonb_array_length(principles) ELSE 0 END AS n,
                 left(principles->0->>'text', ${PREVIEW_CHARS}::int) AS preview
          FROM programs WHERE run_id = ${runId}::uuid ORDER BY program_id`
      : await queryFrozenNodes(runId, frozen);
  return rows.map((r) => ({
    id: r.id,
    origin: r.origin,
    birthStep: r.birth,
    evictedAtStep: r.evicted,
    mu: r.mu,
    sigma: r.sigma,
    timesSelected: Number(r.sel),
    principleCount: Number(r.n),
    preview: r.preview ?? "",
  }));
}

/** The program rows as they were after step `frozen` (a frozen share link). */
function queryFrozenNodes(runId: string, frozen: number) {
  return getPrisma().$queryRaw<NodeRow[]>`
    SELECT p.program_id AS id, p.origin::text AS origin, p.birth_step AS birth,
           CASE WHEN p.evicted_at_step <= ${frozen}::int THEN p.evicted_at_step END AS evicted,
           coalesce(last.mu_after, first.mu_before, p.mu) AS mu,
           coalesce(last.sigma_after, first.sigma_before, p.sigma) AS sigma,
           (SELECT count(*) FROM steps s, unnest(s.selected_program_ids) AS sp(pid)
             WHERE s.run_id = p.run_id AND s.step <= ${frozen}::int AND sp.pid = p.program_id)::int AS sel,
           CASE WHEN jsonb_typeof(p.principles) = 'array' THEN jsonb_array_length(p.principles) ELSE 0 END AS n,
           left(p.principles->0->>'text', ${PREVIEW_CHARS}::int) AS preview
    FROM programs p
    LEFT JOIN LATERAL (SELECT mu_after, sigma_after FROM rating_updates r
      WHERE r.program_id = p.id AND r.step <= ${frozen}::int ORDER BY r.step DESC LIMIT 1) last ON true
    LEFT JOIN LATERAL (SELECT mu_before, sigma_before FROM rating_updates r
      WHERE r.program_id = p.id ORDER BY r.step LIMIT 1) first ON true
    WHERE p.run_id = ${runId}::uuid AND p.birth_step <= ${frozen}::int
    ORDER BY p.program_id`;
}

/** Pool ids whose principles contain `text` (case-insensitive), for the lineage search box. */
export async function searchLineage(scope: ReadScope, runId: string, text: string): Promise<number[]> {
  await findScopedRun(scope, runId);
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await getPrisma().$queryRaw<{ id: number }[]>`
    SELECT p.program_id AS id FROM programs p
    WHERE p.run_id = ${runId}::uuid AND p.birth_step <= ${scope.frozenAtStep ?? NO_LIMIT}::int
      AND EXISTS (SELECT 1 FROM jsonb_array_elements(
            CASE WHEN jsonb_typeof(p.principles) = 'array' THEN p.principles ELSE '[]'::jsonb END) AS e(v)
          WHERE e.v->>'text' ILIKE ${pattern})
    ORDER BY p.program_id LIMIT 500`;
  return rows.map((r) => r.id);
}
