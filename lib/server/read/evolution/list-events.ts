import "server-only";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import type { EventStatus, EvolutionKind } from "@/lib/generated/prisma/enums";
import type { EventListQuery } from "@/lib/domain/prompts/query";
import { findScopedRun } from "../scoped-run";

export interface EventListItem {
  id: number;
  step: number;
  kind: EvolutionKind;
  status: EventStatus;
  /** child_created | no_child | not_eligible | failed (native runs); null when not recorded. */
  outcome: string | null;
  parentIds: number[];
  childProgramId: number | null;
  error: string | null;
  callCount: number;
}

export interface EventList {
  total: number;
  page: number;
  pageSize: number;
  items: EventListItem[];
}

/**
 * A page of the run's evolution events, newest step first, filtered by step, kind and status.
 * `afterStep`: only events of later steps (a live view appends them to the page it has; a step's
 * events are committed with the step, so none of a step it has seen can arrive later).
 */
export async function listEvolutionEvents(
  scope: ReadScope,
  runId: string,
  query: EventListQuery,
  { afterStep }: { afterStep?: number } = {},
): Promise<EventList> {
  const run = await findScopedRun(scope, runId);
  const prisma = getPrisma();
  const where = {
    runId: run.id,
    step: {
      lte: run.maxStep,
      ...(query.step === undefined ? {} : { equals: query.step }),
      ...(afterStep === undefined ? {} : { gt: afterStep }),
    },
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.evolutionEvent.count({ where }),
    prisma.evolutionEvent.findMany({
      where,
      orderBy: [{ step: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: {
        id: true,
        step: true,
        kind: true,
        status: true,
        parentProgramIds: true,
        error: true,
        details: true,
        child: { select: { programId: true } },
        _count: { select: { llmCalls: true } },
      },
    }),
  ]);
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => {
      const outcome = (r.details as { outcome?: unknown } | null)?.outcome;
      return {
        id: r.id,
        step: r.step,
        kind: r.kind,
        status: r.status,
        outcome: typeof outcome === "string" ? outcome : null,
        parentIds: r.parentProgramIds,
        childProgramId: r.child?.programId ?? null,
        error: r.error,
        callCount: r._count.llmCalls,
      };
    }),
  };
}
