import "server-only";
import { z } from "zod";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { notFound } from "@/lib/domain/errors";
import { summarizeEvent } from "@/lib/view/lineage/summarize-event";
import type { EdgeKindName, LineageNodeDetail, OriginName } from "@/lib/view/lineage/types";
import { findScopedRun } from "./scoped-run";

export const principlesSchema = z
  .array(z.object({ id: z.union([z.number(), z.string()]), text: z.string() }).loose())
  .catch([]);

/**
 * One program's full detail for the lineage side panel, loaded on demand: its principles, its rating
 * history (one row per step it was rated), parents and children, and the evolution event that created
 * it. Scoped like the graph; a frozen share link sees nothing after its step.
 */
export async function getLineageNode(
  scope: ReadScope,
  runId: string,
  programId: number,
): Promise<LineageNodeDetail> {
  const { maxStep } = await findScopedRun(scope, runId);
  const prisma = getPrisma();
  const program = await prisma.program.findFirst({
    where: { runId, programId, birthStep: { lte: maxStep } },
    select: {
      id: true,
      programId: true,
      origin: true,
      birthStep: true,
      evictedAtStep: true,
      mu: true,
      sigma: true,
      timesSelected: true,
      principles: true,
    },
  });
  if (!program) throw notFound("program");
  const [history, parents, children, event] = await Promise.all([
    prisma.ratingUpdate.findMany({
      where: { programId: program.id, step: { lte: maxStep } },
      orderBy: { step: "asc" },
      select: {
        step: true,
        muBefore: true,
        sigmaBefore: true,
        muAfter: true,
        sigmaAfter: true,
        score: true,
        rank: true,
        tieGroup: true,
      },
    }),
    prisma.programEdge.findMany({
      where: { childId: program.id },
      orderBy: { parentOrder: "asc" },
      select: { kind: true, parentOrder: true, parent: { select: { programId: true } } },
    }),
    prisma.programEdge.findMany({
      where: { parentId: program.id, child: { birthStep: { lte: maxStep } } },
      select: { kind: true, child: { select: { programId: true, birthStep: true } } },
    }),
    prisma.evolutionEvent.findFirst({
      where: { childId: program.id, step: { lte: maxStep } },
      orderBy: { id: "desc" },
      select: {
        id: true,
        step: true,
        kind: true,
        status: true,
        error: true,
        parentProgramIds: true,
        details: true,
      },
    }),
  ]);
  const frozen = scope.frozenAtStep !== undefined;
  const last = history.at(-1);
  const first = history[0];
  return {
    id: program.programId,
    origin: program.origin as OriginName,
    birthStep: program.birthStep,
    evictedAtStep:
      program.evictedAtStep !== null && program.evictedAtStep <= maxStep ? program.evictedAtStep : null,
    // Under a frozen link the current μ/σ may postdate the link's step: rebuild them from the history.
    mu: frozen ? (last?.muAfter ?? first?.muBefore ?? program.mu) : program.mu,
    sigma: frozen ? (last?.sigmaAfter ?? first?.sigmaBefore ?? program.sigma) : program.sigma,
    timesSelected: frozen ? history.length : program.timesSelected,
    principles: principlesSchema.parse(program.principles).map((p) => ({ id: p.id, text: p.text })),
    history: history.map((h) => ({
      step: h.step,
      muBefore: h.muBefore,
      sigmaBefore: h.sigmaBefore,
      mu: h.muAfter,
      sigma: h.sigmaAfter,
      score: h.score,
      rank: h.rank,
      tieGroup: h.tieGroup,
    })),
    parents: parents.map((e) => ({
      id: e.parent.programId,
      kind: e.kind as EdgeKindName,
      order: e.parentOrder,
    })),
    children: children
      .map((e) => ({ id: e.child.programId, kind: e.kind as EdgeKindName, birthStep: e.child.birthStep }))
      .sort((a, b) => a.id - b.id),
    event: event
      ? {
          id: event.id,
          step: event.step,
          kind: event.kind as EdgeKindName,
          status: event.status,
          error: event.error,
          summary: summarizeEvent(event.kind, event.status, event.parentProgramIds, event.details),
        }
      : null,
  };
}
