import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { deriveHop, type CallSummary } from "@/lib/view/prompts/derive-hop";
import type { ChainLink } from "@/lib/view/prompts/lineage";
import { parsePrinciples } from "@/lib/view/prompts/principles";

export interface AncestorRow {
  /** programs.id */
  rowId: number;
  programId: number;
  depth: number;
}

/**
 * The program and its base ancestors (mutation parent, or crossover Set A: principles only ever descend
 * through those, SPEC §8–9), newest first, at most `maxDepth` generations back. Ids only: one recursive
 * query over program_edges' (child_id, parent_id) index, however deep the run.
 */
export async function loadAncestorIds(
  prisma: PrismaClient,
  runId: string,
  programId: number,
  maxStep: number,
  maxDepth: number,
): Promise<AncestorRow[]> {
  const rows = await prisma.$queryRaw<{ id: number; program_id: number; depth: number }[]>`
    WITH RECURSIVE chain AS (
      SELECT p.id, p.program_id, 0 AS depth FROM programs p
      WHERE p.run_id = ${runId}::uuid AND p.program_id = ${programId}::int AND p.birth_step <= ${maxStep}::int
      UNION ALL
      SELECT e.parent_id, pp.program_id, c.depth + 1
      FROM chain c
      JOIN program_edges e ON e.child_id = c.id AND e.parent_order = 0
      JOIN programs pp ON pp.id = e.parent_id
      WHERE c.depth < ${maxDepth}::int
    )
    SELECT id, program_id, depth FROM chain ORDER BY depth`;
  return rows.map((r) => ({ rowId: r.id, programId: r.program_id, depth: r.depth }));
}

interface ProgramRow {
  id: number;
  program_id: number;
  birth_step: number;
  origin: string;
  principles: unknown;
}

interface EventRow {
  id: number;
  kind: "mutation" | "crossover";
  child_id: number;
  details: unknown;
  calls: CallSummary[];
}

/**
 * The chain links for these program rows (oldest first), each with its hop from the previous one derived
 * from its creating event. Reads event details and the crossover replies' parsed operations, never a
 * prompt or reply text.
 */
export async function loadChain(
  prisma: PrismaClient,
  rowIdsOldestFirst: readonly number[],
): Promise<ChainLink[]> {
  if (rowIdsOldestFirst.length === 0) return [];
  const ids = [...rowIdsOldestFirst];
  const [programs, events] = await Promise.all([
    prisma.$queryRaw<ProgramRow[]>`
      SELECT id, program_id, birth_step, origin::text AS origin, principles FROM programs WHERE id = ANY(${ids}::int[])`,
    prisma.$queryRaw<EventRow[]>`
      SELECT e.id, e.kind::text AS kind, e.child_id, e.details,
        coalesce((SELECT json_agg(json_build_object(
            'ordinal', c.ordinal, 'purpose', c.purpose,
            'parsedOperations', CASE WHEN c.purpose = 'crossover' THEN c.parsed_operations END) ORDER BY c.ordinal)
          FROM llm_calls c WHERE c.event_id = e.id), '[]'::json) AS calls
      FROM evolution_events e WHERE e.child_id = ANY(${ids.slice(1)}::int[])`,
  ]);
  const programOf = new Map(programs.map((p) => [p.id, p]));
  const eventOf = new Map(events.map((e) => [e.child_id, e]));
  const links: ChainLink[] = [];
  for (const rowId of ids) {
    const row = programOf.get(rowId);
    if (!row) continue;
    const principles = parsePrinciples(row.principles);
    const previous = links.at(-1);
    const event = eventOf.get(rowId) ?? null;
    links.push({
      programId: row.program_id,
      birthStep: row.birth_step,
      origin: row.origin,
      principles,
      eventId: previous ? (event?.id ?? null) : null,
      eventKind: previous ? (event?.kind ?? null) : null,
      hop: previous ? deriveHop(previous.principles, principles, event) : null,
    });
  }
  return links;
}
