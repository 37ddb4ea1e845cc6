import "server-only";
import { z } from "zod";
import { runWhere, scopedRunWhere, type ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { notFound } from "@/lib/domain/errors";

/** Highest step a scope may read: a share link frozen at a step sees nothing after it. */
export function maxVisibleStep(scope: ReadScope): number {
  return scope.frozenAtStep ?? 2_147_483_647;
}

export interface ScopedRun {
  id: string;
  name: string;
  currentStep: number;
  /** The last step the caller may see (maxVisibleStep). */
  maxStep: number;
}

/**
 * The run, if the scope may read it; "not found" otherwise (also for malformed ids), so another project's
 * run ids leak nothing. Every read of a run's views (lineage, ratings, prompts, evolution, rollouts,
 * head-to-head) starts here.
 */
export async function findScopedRun(scope: ReadScope, runId: string): Promise<ScopedRun> {
  if (!z.guid().safeParse(runId).success) throw notFound("run");
  const run = await getPrisma().run.findFirst({
    where: scopedRunWhere(scope, runId),
    select: { id: true, name: true, currentStep: true },
  });
  if (!run) throw notFound("run");
  return { ...run, maxStep: maxVisibleStep(scope) };
}

/**
 * Checks that the scope may read every one of these runs; "not found" when any is outside it (or
 * malformed), so asking about another project's run ids answers exactly as asking about unknown ones.
 */
export async function assertScopedRuns(scope: ReadScope, runIds: readonly string[]): Promise<void> {
  const unique = [...new Set(runIds)];
  if (unique.some((id) => !z.guid().safeParse(id).success)) throw notFound("run");
  const visible = await getPrisma().run.count({
    where: { AND: [{ id: { in: unique } }, runWhere(scope)] },
  });
  if (visible !== unique.length) throw notFound("run");
}
