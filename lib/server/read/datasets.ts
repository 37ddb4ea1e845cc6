import "server-only";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_TEST_SIZE, DEFAULT_TRAIN_SIZE } from "@/lib/espl/simulator/problem-suite";
import { BUILTIN_SUITE_NAME } from "@/lib/server/runner/run-problems";

export interface DatasetSummary {
  id: string | null;
  projectName: string | null;
  /** The rename and delete actions name the project by slug. */
  projectSlug: string | null;
  name: string;
  description: string;
  source: string;
  trainCount: number;
  testCount: number;
  builtin: boolean;
  createdAt: string | null;
}

export const PROBLEMS_PAGE_SIZE = 50;

// The summary columns the list, a dataset's page and /api/v1/datasets show (never its problems).
export const DATASET_SUMMARY_SELECT = {
  id: true,
  name: true,
  description: true,
  source: true,
  trainCount: true,
  testCount: true,
  createdAt: true,
  project: { select: { name: true, slug: true } },
} as const;

type DatasetSummaryRow = Prisma.DatasetGetPayload<{ select: typeof DATASET_SUMMARY_SELECT }>;

export function toDatasetSummary({ project, createdAt, ...d }: DatasetSummaryRow) {
  return {
    ...d,
    source: String(d.source),
    projectName: project.name,
    projectSlug: project.slug,
    builtin: d.name === BUILTIN_SUITE_NAME,
    createdAt: createdAt.toISOString(),
  };
}

/** The caller's datasets, the built-in simulator suite first (listed even before a run has stored it). */
export async function listDatasets(scope: ReadScope): Promise<DatasetSummary[]> {
  const rows = await getPrisma().dataset.findMany({
    where: { projectId: { in: [...scope.projectIds] } },
    select: DATASET_SUMMARY_SELECT,
    orderBy: { createdAt: "desc" },
  });
  const summaries: DatasetSummary[] = rows.map(toDatasetSummary);
  const builtins = summaries.filter((d) => d.builtin);
  const suite: DatasetSummary[] =
    builtins.length > 0
      ? builtins
      : [
          {
            id: null,
            projectName: null,
            projectSlug: null,
            name: BUILTIN_SUITE_NAME,
            description: "Generated for each project on its first simulated run.",
            source: "generated",
            trainCount: DEFAULT_TRAIN_SIZE,
            testCount: DEFAULT_TEST_SIZE,
            builtin: true,
            createdAt: null,
          },
        ];
  return [...suite, ...summaries.filter((d) => !d.builtin)];
}

export interface DatasetProblemsPage {
  dataset: DatasetSummary;
  problems: { id: number; split: string; position: number; question: string; answer: string }[];
  page: number;
  pageCount: number;
}

/** One page of a dataset's problems (train then test, in file order); null when not readable. */
export async function getDatasetProblems(
  scope: ReadScope,
  datasetId: string,
  page: number,
): Promise<DatasetProblemsPage | null> {
  const prisma = getPrisma();
  const dataset = await prisma.dataset.findFirst({
    where: { id: datasetId, projectId: { in: [...scope.projectIds] } },
    select: DATASET_SUMMARY_SELECT,
  });
  if (!dataset) return null;
  const total = dataset.trainCount + dataset.testCount;
  const problems = await prisma.problem.findMany({
    where: { datasetId },
    orderBy: [{ split: "asc" }, { position: "asc" }],
    skip: (page - 1) * PROBLEMS_PAGE_SIZE,
    take: PROBLEMS_PAGE_SIZE,
    select: { id: true, split: true, position: true, question: true, answer: true },
  });
  return {
    dataset: toDatasetSummary(dataset),
    problems: problems.map((p) => ({ ...p, split: String(p.split) })),
    page,
    pageCount: Math.max(1, Math.ceil(total / PROBLEMS_PAGE_SIZE)),
  };
}
