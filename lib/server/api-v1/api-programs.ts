import "server-only";
/**
 * A run's programs in /api/v1, paged by pool id: each with its principles, rating (μ, σ), origin, birth
 * step and parents, read from the programs and program_edges tables as the lineage panel reads one
 * program (getLineageNode); the whole graph is the lineage view's own read (getRunLineage).
 */
import type { ProgramPageQuery, ProgramRow } from "@/lib/domain/api-v1/run-data-schemas";
import { encodeNumberCursor } from "@/lib/domain/api-v1/run-data-schemas";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ReadScope } from "@/lib/server/auth/scope";
import { principlesSchema } from "@/lib/server/read/lineage-node";
import { findScopedRun } from "@/lib/server/read/scoped-run";
import { readNumberCursor } from "./api-run-steps";

export async function listProgramPage(
  prisma: PrismaClient,
  scope: ReadScope,
  runId: string,
  query: ProgramPageQuery,
): Promise<{ rows: ProgramRow[]; nextCursor: string | null }> {
  // /api/v1 takes no share links, so the scope is never frozen at a step: μ, σ and evictions are read
  // as stored (maxStep only bounds the births, as the lineage read does).
  const { maxStep } = await findScopedRun(scope, runId);
  const programs = await prisma.program.findMany({
    where: { runId, programId: { gt: readNumberCursor(query.cursor) }, birthStep: { lte: maxStep } },
    orderBy: { programId: "asc" },
    take: query.limit + 1,
    select: {
      programId: true,
      origin: true,
      birthStep: true,
      evictedAtStep: true,
      mu: true,
      sigma: true,
      timesSelected: true,
      principles: true,
      parentEdges: {
        orderBy: { parentOrder: "asc" },
        select: { kind: true, parentOrder: true, parent: { select: { programId: true } } },
      },
    },
  });
  const page = programs.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ principles, parentEdges, ...program }) => ({
      ...program,
      principles: principlesSchema.parse(principles).map((p) => ({ id: p.id, text: p.text })),
      parents: parentEdges.map((e) => ({
        programId: e.parent.programId,
        kind: e.kind,
        order: e.parentOrder,
      })),
    })),
    nextCursor: programs.length > query.limit && last ? encodeNumberCursor(last.programId) : null,
  };
}
