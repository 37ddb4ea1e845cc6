/**
 * The problems a run trains and tests on, read from its dataset. Runs without a dataset use the built-in
 * simulator suite of their project, generated once and stored like any dataset so rollouts link to
 * problem rows and the dataset views can show it.
 */
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { EsplProblem } from "@/lib/espl/ports";
import { generateSuite } from "@/lib/espl/simulator";

export const BUILTIN_SUITE_SEED = 0;
export const BUILTIN_SUITE_NAME = "Simulator suite (built-in)";

export interface RunProblems {
  datasetId: string;
  train: EsplProblem[];
  test: EsplProblem[];
  /** Dataset position → problems.id, per split. */
  problemIds: { train: Map<number, number>; test: Map<number, number> };
}

/** Finds or creates the project's built-in simulator dataset (idempotent under concurrency). */
export async function ensureBuiltinDataset(prisma: PrismaClient, projectId: string): Promise<string> {
  const existing = await prisma.dataset.findUnique({
    where: { projectId_name: { projectId, name: BUILTIN_SUITE_NAME } },
    select: { id: true },
  });
  if (existing) return existing.id;
  const suite = generateSuite({ seed: BUILTIN_SUITE_SEED });
  const rows = [
    ...suite.train.map((p, position) => ({ split: "train" as const, position, p })),
    ...suite.test.map((p, position) => ({ split: "test" as const, position, p })),
  ];
  try {
    return await prisma.$transaction(async (tx) => {
      const dataset = await tx.dataset.create({
        data: {
          projectId,
          name: BUILTIN_SUITE_NAME,
          description:
            "Procedurally generated arithmetic, number theory and combinatorics problems (simulated).",
          source: "generated",
          trainCount: suite.train.length,
          testCount: suite.test.length,
        },
      });
      await tx.problem.createMany({
        data: rows.map(({ split, position, p }) => ({
          datasetId: dataset.id,
          split,
          position,
          question: p.question,
          answer: p.answer,
          meta: p.meta as object,
        })),
      });
      return dataset.id;
    });
  } catch (error) {
    // Another worker created it first (unique project + name): use theirs.
    const raced = await prisma.dataset.findUnique({
      where: { projectId_name: { projectId, name: BUILTIN_SUITE_NAME } },
      select: { id: true },
    });
    if (raced) return raced.id;
    throw error;
  }
}

export async function loadRunProblems(prisma: PrismaClient, datasetId: string): Promise<RunProblems> {
  const problems = await prisma.problem.findMany({
    where: { datasetId },
    orderBy: [{ split: "asc" }, { position: "asc" }],
    select: { id: true, split: true, position: true, question: true, answer: true, meta: true },
  });
  const result: RunProblems = {
    datasetId,
    train: [],
    test: [],
    problemIds: { train: new Map(), test: new Map() },
  };
  for (const p of problems) {
    result[p.split].push({
      index: p.position,
      question: p.question,
      answer: p.answer,
      meta: (p.meta ?? {}) as Record<string, unknown>,
    });
    result.problemIds[p.split].set(p.position, p.id);
  }
  return result;
}
