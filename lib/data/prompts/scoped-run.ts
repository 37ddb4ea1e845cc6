import "server-only";
import { z } from "zod";
import { runWhere, type ReadScope } from "@/lib/auth/scope";
import { getPrisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

export interface ScopedRun {
  id: string;
  name: string;
  /** The last step the caller may see (a share link frozen at a step), else the largest int. */
  maxStep: number;
}

/** The run, when the scope may read it; "not found" otherwise, like ids that do not exist. */
export async function findScopedRun(scope: ReadScope, runId: string): Promise<ScopedRun> {
  if (!z.guid().safeParse(runId).success) throw notFound("run");
  const run = await getPrisma().run.findFirst({
    where: { id: runId, ...runWhere(scope) },
    select: { id: true, name: true },
  });
  if (!run) throw notFound("run");
  return { ...run, maxStep: scope.frozenAtStep ?? 2_147_483_647 };
}
