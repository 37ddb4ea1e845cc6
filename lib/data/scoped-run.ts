import "server-only";
import { z } from "zod";
import { runWhere, type ReadScope } from "@/lib/auth/scope";
import { getPrisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/** Highest step a scope may read: a share link frozen at a step sees nothing after it. */
export function maxVisibleStep(scope: ReadScope): number {
  return scope.frozenAtStep ?? 2_147_483_647;
}

/**
 * The run, if the scope may read it; "not found" otherwise (also for malformed ids), so another project's
 * run ids leak nothing. Every rollout and head-to-head read starts here.
 */
export async function findScopedRun(scope: ReadScope, runId: string) {
  if (!z.guid().safeParse(runId).success) throw notFound("run");
  const run = await getPrisma().run.findFirst({
    where: { id: runId, ...runWhere(scope) },
    select: { id: true, name: true, currentStep: true },
  });
  if (!run) throw notFound("run");
  return run;
}
