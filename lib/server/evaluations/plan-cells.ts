/**
 * The rows of a new evaluation's grid beyond the plain sampled checkpoints: the transfer row on another
 * saved backend of the project ("model: NAME", sampled from that backend's model, none of the run's
 * weights), and, for an imported run (no live weights), each checkpoint cell either copied from the test
 * rollouts its files recorded or marked as needing a live backend, with why.
 */
import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { badRequest } from "@/lib/domain/errors";
import { TRANSFER_STEP, transferLabel, type EvaluationSpec } from "@/lib/domain/evaluations/evaluation-spec";
import { matchRecordedCell, NEEDS_BACKEND, type RecordedTest } from "@/lib/domain/evaluations/recorded-cells";
import type { ResolvedCell } from "@/lib/domain/evaluations/resolve-pairs";

export type PlannedCell = Omit<Prisma.EvaluationCellCreateManyInput, "evaluationId">;

export interface PlannedGrid {
  cells: PlannedCell[];
  /** Cells that sample now (their samples are problems × samples each). */
  sampledCells: number;
  /** Rollouts the recorded cells will copy. */
  recordedSamples: number;
}

interface PlanRun {
  id: string;
  projectId: string;
  source: "native" | "imported";
  trainMode: "evolution_rl" | "evolution" | "rl";
}

/** The project's backend by name, or a plain "no such backend". */
export async function findTransferBackend(
  prisma: PrismaClient,
  projectId: string,
  name: string,
): Promise<{ id: string; name: string }> {
  const backend = await prisma.modelBackend.findUnique({
    where: { projectId_name: { projectId, name } },
    select: { id: true, name: true },
  });
  if (!backend) throw badRequest(`this project has no model backend named "${name}"`);
  return backend;
}

/** Test rollouts per (step, program), cut to the evaluation's first problems and samples. */
async function readRecordedTests(
  prisma: PrismaClient,
  runId: string,
  spec: Pick<EvaluationSpec, "samples" | "maxProblems">,
): Promise<RecordedTest[]> {
  const rows = await prisma.$queryRaw<{ step: number; program_id: number; n: number }[]>`
    SELECT r.step, p.program_id, count(*)::int AS n
      FROM rollouts r JOIN programs p ON p.id = r.program_id
     WHERE r.run_id = ${runId}::uuid AND r.split = 'test'
       AND r.problem_index < ${spec.maxProblems ?? 2 ** 31 - 1} AND r.sample_index < ${spec.samples}
     GROUP BY r.step, p.program_id`;
  return rows.map((r) => ({ step: r.step, programId: r.program_id, n: r.n }));
}

export async function planCells(
  prisma: PrismaClient,
  run: PlanRun,
  spec: EvaluationSpec,
  resolved: readonly ResolvedCell[],
  programIds: readonly number[],
): Promise<PlannedGrid> {
  const cells: PlannedCell[] = [];
  let recordedSamples = 0;
  let sampledCells = 0;
  const imported = run.source === "imported";
  // The recorded rollouts are of the run's own test set: another dataset or split needs sampling.
  const ownTestSet = spec.dataset === undefined && spec.split === "test";
  const recorded = imported && ownTestSet ? await readRecordedTests(prisma, run.id, spec) : [];
  for (const cell of resolved) {
    const base = {
      position: cell.position,
      checkpointLabel: cell.checkpoint.label,
      checkpointStep: cell.checkpoint.step,
      checkpointName: cell.checkpoint.name,
      programId: cell.programId,
    };
    if (!imported) {
      cells.push(base);
      sampledCells += 1;
      continue;
    }
    const match = ownTestSet
      ? matchRecordedCell(cell.checkpoint, cell.programId, recorded, run.trainMode === "evolution")
      : {
          source: "needs_backend" as const,
          reason: `the files hold test rollouts of the run's own test set only, not ${spec.dataset ?? "its"} ${spec.split} split`,
        };
    if (match.source === "recorded") {
      recordedSamples += match.n;
      cells.push({
        ...base,
        source: "recorded",
        recordedStep: match.step,
        note: `recorded test rollouts of step ${match.step}`,
      });
    } else
      cells.push({
        ...base,
        source: "needs_backend",
        note: `${NEEDS_BACKEND}: ${match.reason}`,
        // Nothing to grade: the cell is over as soon as it exists, and the job goes on with the others.
        finishedAt: new Date(),
      });
  }
  if (spec.backend !== undefined) {
    const backend = await findTransferBackend(prisma, run.projectId, spec.backend);
    for (const programId of programIds) {
      cells.push({
        position: cells.length,
        checkpointLabel: transferLabel(backend.name),
        checkpointStep: TRANSFER_STEP,
        checkpointName: null,
        programId,
        backendId: backend.id,
        note: `sampled from backend "${backend.name}": none of this run's weights`,
      });
      sampledCells += 1;
    }
  }
  return { cells, sampledCells, recordedSamples };
}
