/**
 * Every rollout of a run, one JSON object per line, in (step, split, slot, problem, sample) order: the
 * order of the rollouts table's unique index, which the keyset pages walk, so a page costs the same at
 * rollout one million as at rollout one.
 */
import "server-only";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_BATCH_SIZE, type ExportOptions, type ExportTarget } from "./export-target";
import { readPages } from "./read-pages";

export interface RolloutLine {
  step: number;
  split: "train" | "test";
  slot: number;
  program_id: number;
  problem_index: number;
  sample_index: number;
  reward: number;
  advantage: number | null;
  /** Whether the sample went into the weight update. */
  trained: boolean;
  extracted_answer: string | null;
  completion: string | null;
}

type RolloutKey = Pick<RolloutLine, "step" | "split" | "slot" | "problem_index" | "sample_index">;

function readRolloutPage(
  prisma: PrismaClient,
  target: ExportTarget,
  after: RolloutKey | null,
  limit: number,
): Promise<RolloutLine[]> {
  const afterKey =
    after === null
      ? Prisma.empty
      : Prisma.sql`AND (r.step, r.split, r.slot, r.problem_index, r.sample_index) >
          (${after.step}::int, ${after.split}::split, ${after.slot}::int, ${after.problem_index}::int,
           ${after.sample_index}::int)`;
  return prisma.$queryRaw<RolloutLine[]>`
    SELECT r.step, r.split::text AS split, r.slot, p.program_id, r.problem_index, r.sample_index, r.reward,
      r.advantage, r.trained, r.extracted_answer, t.completion
    FROM rollouts r
      JOIN programs p ON p.id = r.program_id
      LEFT JOIN rollout_texts t ON t.rollout_id = r.id
    WHERE r.run_id = ${target.runId}::uuid AND r.step < ${target.asOfStep}::int ${afterKey}
    ORDER BY r.step, r.split, r.slot, r.problem_index, r.sample_index
    LIMIT ${limit}::int`;
}

export async function* streamRolloutsJsonl(
  prisma: PrismaClient,
  target: ExportTarget,
  options: ExportOptions = {},
): AsyncGenerator<string> {
  const pages = readPages(
    (after: RolloutKey | null, limit) => readRolloutPage(prisma, target, after, limit),
    (row) => row,
    options.batchSize ?? DEFAULT_BATCH_SIZE,
  );
  for await (const rows of pages) {
    // Columns are listed in RolloutLine's key order, so each row serialises as it came.
    let chunk = "";
    for (const row of rows) chunk += `${JSON.stringify(row)}\n`;
    yield chunk;
  }
}
