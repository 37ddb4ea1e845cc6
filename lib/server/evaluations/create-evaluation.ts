/**
 * Creating an evaluation: the spec is validated, its selectors resolved against the run's saved
 * checkpoints and programs (plus the transfer row on a named backend, and for an imported run which cells
 * its recorded rollouts answer: plan-cells.ts), and the job written with every cell of its grid (empty
 * until graded), in one transaction; launching also queues it for a worker.
 */
import "server-only";
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { z } from "zod";
import { badRequest, notFound } from "@/lib/domain/errors";
import { readEvaluationSpec, type EvaluationSpec } from "@/lib/domain/evaluations/evaluation-spec";
import { resolveCells, resolvePrograms } from "@/lib/domain/evaluations/resolve-pairs";
import { sendEvaluationJob } from "@/lib/server/queue/evaluation-queue";
import { loadEvaluationProblems } from "./evaluation-problems";
import { planCells } from "./plan-cells";

export interface CreatedEvaluation {
  id: string;
  spec: EvaluationSpec;
  cells: number;
  samplesTotal: number;
}

/** The run must exist and be readable by the caller: routes and the CLI check that first. */
export async function createEvaluation(
  prisma: PrismaClient,
  runId: string,
  input: unknown,
): Promise<CreatedEvaluation> {
  const read = readEvaluationSpec(input);
  if (!read.ok) throw badRequest(read.message);
  const spec = read.spec;
  const run = await prisma.run.findUniqueOrThrow({
    where: { id: runId },
    select: {
      id: true,
      projectId: true,
      datasetId: true,
      source: true,
      trainMode: true,
      checkpoints: { select: { step: true, name: true } },
      programs: { select: { programId: true, mu: true, sigma: true } },
    },
  });
  const cells = resolveCells(spec, run.checkpoints, run.programs);
  if (!cells.ok) throw badRequest(cells.message);
  const programIds = resolvePrograms(spec.programs, run.programs);
  if (!programIds.ok) throw badRequest(programIds.message);
  const plan = await planCells(prisma, run, spec, cells.value, programIds.value);
  // Recorded cells copy rows and need no problems: an imported run may have none stored.
  const problemCount =
    plan.sampledCells > 0 ? (await loadEvaluationProblems(prisma, run, spec)).problems.length : 0;
  const samplesTotal = plan.sampledCells * problemCount * spec.samples + plan.recordedSamples;
  const job = await prisma.$transaction(async (tx) => {
    const created = await tx.evaluationJob.create({
      data: {
        runId,
        projectId: run.projectId,
        spec,
        seed: spec.seed,
        cellsTotal: plan.cells.length,
        cellsDone: plan.cells.filter((c) => c.finishedAt != null).length,
        samplesTotal,
      },
      select: { id: true },
    });
    await tx.evaluationCell.createMany({
      data: plan.cells.map((cell) => ({ ...cell, evaluationId: created.id })),
    });
    return created;
  });
  return { id: job.id, spec, cells: plan.cells.length, samplesTotal };
}

export async function launchEvaluation(
  prisma: PrismaClient,
  boss: PgBoss,
  runId: string,
  input: unknown,
): Promise<CreatedEvaluation> {
  const created = await createEvaluation(prisma, runId, input);
  await sendEvaluationJob(boss, created.id);
  return created;
}

/**
 * Cancels a queued or running evaluation of this run; the worker stops before its next cell. False when it
 * is already over; "not found" when the run has no such evaluation.
 */
export async function cancelEvaluation(
  prisma: PrismaClient,
  runId: string,
  evaluationId: string,
): Promise<boolean> {
  if (!z.guid().safeParse(evaluationId).success) throw notFound("evaluation");
  const job = await prisma.evaluationJob.findFirst({
    where: { id: evaluationId, runId },
    select: { id: true },
  });
  if (!job) throw notFound("evaluation");
  const { count } = await prisma.evaluationJob.updateMany({
    where: { id: evaluationId, status: { in: ["queued", "running"] } },
    data: { status: "cancelled", finishedAt: new Date(), etaSeconds: null },
  });
  return count > 0;
}
