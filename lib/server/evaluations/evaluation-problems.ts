/**
 * The problems an evaluation grades: the named dataset of the run's project (else the run's own, else the
 * built-in simulator suite; an imported run has none of its own), the chosen split, optionally only its
 * first N problems.
 */
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { EsplProblem } from "@/lib/espl/ports";
import { badRequest } from "@/lib/domain/errors";
import type { EvaluationSpec } from "@/lib/domain/evaluations/evaluation-spec";
import { ensureBuiltinDataset, loadRunProblems } from "@/lib/server/runner/run-problems";

export interface EvaluationProblems {
  datasetId: string;
  problems: EsplProblem[];
  /** Position in the split → problems.id. */
  problemIds: Map<number, number>;
}

export async function loadEvaluationProblems(
  prisma: PrismaClient,
  run: { projectId: string; datasetId: string | null; source?: "native" | "imported" },
  spec: Pick<EvaluationSpec, "dataset" | "split" | "maxProblems">,
): Promise<EvaluationProblems> {
  let datasetId: string;
  if (spec.dataset !== undefined) {
    const named = await prisma.dataset.findUnique({
      where: { projectId_name: { projectId: run.projectId, name: spec.dataset } },
      select: { id: true },
    });
    if (!named) throw badRequest(`this project has no dataset named "${spec.dataset}"`);
    datasetId = named.id;
  } else if (run.datasetId === null && run.source === "imported")
    // Its problems were never stored (only its rollouts): the built-in suite would be another test set.
    throw badRequest("this imported run stores no problems to sample: name a dataset of the project");
  else datasetId = run.datasetId ?? (await ensureBuiltinDataset(prisma, run.projectId));
  const loaded = await loadRunProblems(prisma, datasetId);
  const all = loaded[spec.split];
  const problems = spec.maxProblems === undefined ? all : all.slice(0, spec.maxProblems);
  if (problems.length === 0) throw badRequest(`the dataset has no ${spec.split} problems`);
  return { datasetId, problems, problemIds: loaded.problemIds[spec.split] };
}
