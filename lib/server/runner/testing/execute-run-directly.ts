/**
 * Executing a run in the test's own process, with no queue or worker in between: a run row as a worker's
 * claim leaves it (`running`), and an execution context that never aborts and pauses only when asked to.
 */
import { getDefaultConfig } from "@/lib/espl/config";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { executeRun } from "../execute-run";
import type { ExecutionContext, ExecutionOutcome } from "../types";

/**
 * A simulated run small enough to execute in seconds (16 problems, batches of 4, two epochs, a pool of 4):
 * the base the runner, read and evaluation tests change what they need on.
 */
export const SMALL_RUN_CONFIG = {
  ...getDefaultConfig(),
  dataset_size: 16,
  batch_size: 4,
  group_size: 2,
  test_group_size: 2,
  n_epochs: 2,
  max_pool_size: 4,
  choose_from_most_recent: 4,
};

export async function createRunningRun(
  prisma: PrismaClient,
  { projectId, seed, config }: { projectId: string; seed: number; config: Prisma.InputJsonObject },
): Promise<string> {
  const run = await prisma.run.create({
    data: {
      projectId,
      name: `seed ${seed}`,
      trainMode: "evolution_rl",
      config,
      seed,
      status: "running",
    },
  });
  return run.id;
}

/**
 * `pauseAfterSteps`: a pause is pending whenever the committed step is a positive multiple of it, as if
 * requested right after that step; without it no control is ever pending.
 */
export function executeRunDirectly(
  prisma: PrismaClient,
  runId: string,
  { pauseAfterSteps }: { pauseAfterSteps?: number } = {},
): Promise<ExecutionOutcome> {
  const context: ExecutionContext = {
    runId,
    prisma,
    signal: new AbortController().signal,
    pendingControl:
      pauseAfterSteps === undefined
        ? async () => null
        : async () => {
            const run = await prisma.run.findUniqueOrThrow({
              where: { id: runId },
              select: { currentStep: true },
            });
            return run.currentStep > 0 && run.currentStep % pauseAfterSteps === 0 ? "pause" : null;
          },
    setStatusDetail: async () => {},
  };
  return executeRun(context);
}
