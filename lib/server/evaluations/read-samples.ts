/**
 * One problem's graded samples in two (or a few) cells of an evaluation, side by side: what a flip looks
 * like. Scoped through findScopedRun like every read of the run.
 */
import "server-only";
import { z } from "zod";
import { notFound } from "@/lib/domain/errors";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { findScopedRun } from "@/lib/server/read/scoped-run";

export const sampleQuerySchema = z.object({
  problem: z.coerce.number().int("problem must be a whole number").min(0),
  /** Cell positions, comma-separated ("0,3"). */
  cells: z
    .string()
    .regex(/^\d{1,4}(,\d{1,4}){0,3}$/, "cells are up to 4 cell positions like 0,3")
    .transform((text) => text.split(",").map(Number)),
});

export interface CellSamples {
  position: number;
  checkpoint: string;
  program: number;
  samples: { sampleIndex: number; reward: number; extractedAnswer: string | null; completion: string }[];
}

export interface ProblemSamples {
  problemIndex: number;
  question: string | null;
  answer: string | null;
  cells: CellSamples[];
}

export async function getProblemSamples(
  scope: ReadScope,
  runId: string,
  evaluationId: string,
  query: z.infer<typeof sampleQuerySchema>,
): Promise<ProblemSamples> {
  await findScopedRun(scope, runId);
  if (!z.guid().safeParse(evaluationId).success) throw notFound("evaluation");
  const prisma = getPrisma();
  const job = await prisma.evaluationJob.findFirst({
    where: { id: evaluationId, runId },
    select: { id: true },
  });
  if (!job) throw notFound("evaluation");
  const cells = await prisma.evaluationCell.findMany({
    where: { evaluationId, position: { in: query.cells } },
    orderBy: { position: "asc" },
    select: {
      position: true,
      checkpointLabel: true,
      programId: true,
      samples: {
        where: { problemIndex: query.problem },
        orderBy: { sampleIndex: "asc" },
        select: { sampleIndex: true, reward: true, extractedAnswer: true, completion: true, problemId: true },
      },
    },
  });
  const problemId = cells.flatMap((c) => c.samples).find((s) => s.problemId !== null)?.problemId ?? null;
  const problem =
    problemId === null
      ? null
      : await prisma.problem.findUnique({
          where: { id: problemId },
          select: { question: true, answer: true },
        });
  // Keep the order asked for (from, to), not the grid's.
  const ordered = query.cells.flatMap((p) => cells.filter((c) => c.position === p));
  return {
    problemIndex: query.problem,
    question: problem?.question ?? null,
    answer: problem?.answer ?? null,
    cells: ordered.map((c) => ({
      position: c.position,
      checkpoint: c.checkpointLabel,
      program: c.programId,
      samples: c.samples.map(({ problemId: _id, ...s }) => s),
    })),
  };
}
