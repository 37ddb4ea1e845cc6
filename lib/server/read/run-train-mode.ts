import "server-only";
import type { TrainMode } from "@/lib/generated/prisma/enums";
import { scopedRunWhere, type ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";

/**
 * The run's train mode, for the run layout's tabs (an RL-only run has no evolution to show); null when
 * the scope cannot see the run or the id is malformed: the page below answers that with its 404.
 */
export async function findRunTrainMode(scope: ReadScope, runId: string): Promise<TrainMode | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(runId)) return null;
  const run = await getPrisma().run.findFirst({
    where: scopedRunWhere(scope, runId),
    select: { trainMode: true },
  });
  return run?.trainMode ?? null;
}
