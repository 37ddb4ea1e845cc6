import "server-only";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { notFound } from "@/lib/domain/errors";
import type { ProgramOrigin } from "@/lib/generated/prisma/enums";
import {
  findLastChange,
  walkPrincipleBack,
  type PrincipleHistory,
  type ProvenanceStep,
} from "@/lib/view/prompts/lineage";
import { summarizePrincipleHistory, type PrincipleTimeline } from "@/lib/view/prompts/principle-timeline";
import type { StoredPrinciple } from "@/lib/view/prompts/principles";
import { loadAncestorIds, loadChain } from "./load-chain";
import { findScopedRun } from "../scoped-run";

/** Generations loaded per provenance request; an older origin is reached by continuing from the last one. */
export const PROVENANCE_WINDOW = 400;

export interface ProgramParent {
  programId: number;
  kind: "mutation" | "crossover";
  order: number;
}

export interface ProgramDetail {
  programId: number;
  origin: ProgramOrigin;
  birthStep: number;
  evictedAtStep: number | null;
  mu: number;
  sigma: number;
  parents: ProgramParent[];
  /** The evolution event that created it (null for the root or when not stored). */
  eventId: number | null;
  principles: {
    principle: StoredPrinciple;
    lastChange: ProvenanceStep | null;
    end: PrincipleHistory["end"];
    /** Where it first appeared and its edits, shown beside it. */
    timeline: PrincipleTimeline;
  }[];
  /** The history of the principle asked for (`?principle=`), newest first. */
  selected: { principleId: string; history: PrincipleHistory } | null;
  /** The oldest program of the loaded window, to continue a walk that did not reach its origin. */
  windowStart: number;
}

/**
 * One program with, for each principle, the step, operator and event that last changed or introduced
 * it, and optionally one principle's whole history through its ancestors.
 */
export async function getProgramDetail(
  scope: ReadScope,
  runId: string,
  programId: number,
  principleId?: string,
): Promise<ProgramDetail> {
  const run = await findScopedRun(scope, runId);
  const prisma = getPrisma();
  const program = await prisma.program.findFirst({
    where: { runId: run.id, programId, birthStep: { lte: run.maxStep } },
    select: {
      id: true,
      programId: true,
      origin: true,
      birthStep: true,
      evictedAtStep: true,
      mu: true,
      sigma: true,
      parentEdges: { select: { kind: true, parentOrder: true, parent: { select: { programId: true } } } },
      createdByEvent: { select: { id: true }, take: 1 },
    },
  });
  if (!program) throw notFound("program");
  const ancestors = await loadAncestorIds(prisma, run.id, programId, run.maxStep, PROVENANCE_WINDOW);
  const chain = await loadChain(prisma, ancestors.map((a) => a.rowId).reverse());
  const self = chain.at(-1)!;
  const principles = self.principles.map((principle) => {
    const history = walkPrincipleBack(chain, principle.id);
    return {
      principle,
      lastChange: findLastChange(history),
      end: history.end,
      timeline: summarizePrincipleHistory(history),
    };
  });
  const known = principleId !== undefined && self.principles.some((p) => p.id === principleId);
  return {
    programId: program.programId,
    origin: program.origin,
    birthStep: program.birthStep,
    evictedAtStep: program.evictedAtStep,
    mu: program.mu,
    sigma: program.sigma,
    parents: program.parentEdges
      .map((e) => ({ programId: e.parent.programId, kind: e.kind, order: e.parentOrder }))
      .sort((x, y) => x.order - y.order),
    eventId: program.createdByEvent[0]?.id ?? null,
    principles,
    selected: known ? { principleId: principleId!, history: walkPrincipleBack(chain, principleId!) } : null,
    windowStart: chain[0]!.programId,
  };
}
