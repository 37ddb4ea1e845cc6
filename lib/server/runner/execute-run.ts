/**
 * The run executor: loads a run, restores its engine state and backend weights, and advances it step by
 * step through the engine, committing each step (lib/server/runner/persist-step.ts) before the next begins. It
 * stops at an iteration boundary when a pause or cancel is pending. The worker owns status and lease.
 */
import "server-only";
import { z } from "zod";
import { validateConfig } from "@/lib/espl/config";
import { engineStateSchema } from "@/lib/espl/iteration/engine-state";
import { countSteps, runExperiment, selectTrainingProblems } from "@/lib/espl/iteration/run-experiment";
import { getPgPool } from "@/lib/server/db/pg-pool";
import { commitStep } from "./persist-step";
import { SamplingLog } from "@/lib/server/runner/backends/usage-meter";
import { withRetryingPolicy } from "./retrying-backends";
import { createRunBackends, loadBackendConnection, UnsupportedBackendError } from "./run-backends";
import { ensureBuiltinDataset, loadRunProblems } from "./run-problems";
import type { ExecutionContext, ExecutionOutcome, RunExecutor } from "./types";
import { renumberPrinciples } from "@/lib/espl/operations";

const savedStateSchema = z.object({
  engine: engineStateSchema,
  backend: z.object({ backendRef: z.string(), state: z.unknown().optional() }).nullable(),
});

export type SavedRunState = z.infer<typeof savedStateSchema>;

/** The root program's row, with the principles the engine's pool starts from (renumbered G0…). */
async function ensureRootProgram(ctx: ExecutionContext, principles: readonly string[]): Promise<void> {
  await ctx.prisma.program.upsert({
    where: { runId_programId: { runId: ctx.runId, programId: 0 } },
    update: {},
    create: {
      runId: ctx.runId,
      programId: 0,
      principles: renumberPrinciples(principles).map((p) => ({ id: p.id, text: p.text })),
      origin: "root",
      birthStep: -1,
      mu: 25,
      sigma: 25 / 3,
    },
  });
}

export const executeRun: RunExecutor = async (ctx): Promise<ExecutionOutcome> => {
  const run = await ctx.prisma.run.findUniqueOrThrow({
    where: { id: ctx.runId },
    select: {
      projectId: true,
      config: true,
      seed: true,
      initialPrinciples: true,
      datasetId: true,
      engineState: true,
      policyBackendId: true,
      reflectionBackendId: true,
    },
  });
  const parsed = validateConfig(run.config);
  if (!parsed.ok)
    return { kind: "failed", message: `invalid config: ${parsed.errors.map((e) => e.message).join("; ")}` };
  const config = { ...parsed.config, seed: run.seed };

  let saved: SavedRunState | null = null;
  if (run.engineState !== null) {
    const result = savedStateSchema.safeParse(run.engineState);
    if (!result.success)
      return { kind: "failed", message: `the saved engine state is unreadable: ${result.error.message}` };
    saved = result.data;
  }

  const datasetId = run.datasetId ?? (await ensureBuiltinDataset(ctx.prisma, run.projectId));
  if (!run.datasetId) await ctx.prisma.run.update({ where: { id: ctx.runId }, data: { datasetId } });
  const problems = await loadRunProblems(ctx.prisma, datasetId);
  if (problems.train.length === 0) return { kind: "failed", message: "the dataset has no training problems" };

  let backends;
  try {
    backends = createRunBackends(
      {
        policy: await loadBackendConnection(ctx.prisma, run.policyBackendId),
        reflection: await loadBackendConnection(ctx.prisma, run.reflectionBackendId),
      },
      { runId: ctx.runId, seed: run.seed, config, problems },
    );
  } catch (error) {
    if (error instanceof UnsupportedBackendError) return { kind: "failed", message: error.message };
    throw error;
  }
  const sampling = new SamplingLog(backends.policyUsage);
  const policy = withRetryingPolicy(backends.policy, {
    signal: ctx.signal,
    setStatusDetail: ctx.setStatusDetail,
    onSample: sampling.record,
  });
  if (saved?.backend) await policy.loadCheckpoint(saved.backend);
  else await ensureRootProgram(ctx, run.initialPrinciples);

  const { totalSteps } = countSteps(config, selectTrainingProblems(config, problems.train).length);
  let control: Awaited<ReturnType<ExecutionContext["pendingControl"]>> = null;
  let stepStartedAt = new Date();
  const pool = getPgPool();
  const outcome = await runExperiment(
    {
      config,
      rootPrinciples: run.initialPrinciples,
      train: problems.train,
      test: problems.test,
      resumeFrom: saved?.engine,
      shouldStop: async () => {
        control = await ctx.pendingControl();
        stepStartedAt = new Date();
        return control !== null;
      },
    },
    {
      backend: policy,
      chat: backends.reflect,
      signal: ctx.signal,
      store: {
        commitStep: async (result, engineState) => {
          // The weights after this step, so a resumed run continues from exactly here.
          const backendState = await policy.saveCheckpoint(`resume-${result.step}`);
          await commitStep(pool, {
            runId: ctx.runId,
            leaseOwner: ctx.leaseOwner ?? null,
            result,
            engineState,
            backendState,
            totalSteps,
            problemIds: problems.problemIds,
            startedAt: stepStartedAt,
            samplingCalls: sampling.take(),
          });
        },
      },
    },
  );

  if (outcome.completed) {
    if (outcome.finalCheckpoint) {
      await ctx.prisma.checkpoint.upsert({
        where: { runId_step_name: { runId: ctx.runId, step: outcome.totalSteps - 1, name: "final" } },
        update: {},
        create: {
          runId: ctx.runId,
          step: outcome.totalSteps - 1,
          name: "final",
          backendRef: outcome.finalCheckpoint.backendRef,
          state: (outcome.finalCheckpoint.state ?? null) as object,
        },
      });
    }
    return { kind: "completed" };
  }
  if (control === "pause") return { kind: "paused" };
  return { kind: "cancelled" };
};
