import "server-only";
/**
 * One rollout opened in the browser: its completion text (read only now, from rollout_texts), the whole
 * problem and ground truth, and the program's principles (the system prompt it was sampled under).
 */
import { z } from "zod";
import type { ReadScope } from "@/lib/auth/scope";
import { getPrisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { findScopedRun, maxVisibleStep } from "./scoped-run";

export interface RolloutDetail {
  id: string;
  step: number;
  split: "train" | "test";
  programId: number;
  completion: string | null;
  extractedAnswer: string | null;
  question: string | null;
  groundTruth: string | null;
  principles: { id: string; text: string }[];
}

const rolloutIdSchema = z.string().regex(/^\d{1,18}$/);

/** Principles as stored ([{id, text}]); anything else reads as none rather than breaking the page. */
const principlesSchema = z.array(z.object({ id: z.union([z.string(), z.number()]), text: z.string() }));

export async function getRolloutDetail(
  scope: ReadScope,
  runId: string,
  rolloutId: string,
): Promise<RolloutDetail> {
  await findScopedRun(scope, runId);
  if (!rolloutIdSchema.safeParse(rolloutId).success) throw notFound("rollout");
  const row = await getPrisma().rollout.findFirst({
    where: { id: BigInt(rolloutId), runId, step: { lte: maxVisibleStep(scope) } },
    select: {
      id: true,
      step: true,
      split: true,
      extractedAnswer: true,
      text: { select: { completion: true } },
      problem: { select: { question: true, answer: true } },
      program: { select: { programId: true, principles: true } },
    },
  });
  if (!row) throw notFound("rollout");
  const principles = principlesSchema.safeParse(row.program.principles);
  return {
    id: row.id.toString(),
    step: row.step,
    split: row.split,
    programId: row.program.programId,
    completion: row.text?.completion ?? null,
    extractedAnswer: row.extractedAnswer,
    question: row.problem?.question ?? null,
    groundTruth: row.problem?.answer ?? null,
    principles: principles.success ? principles.data.map((p) => ({ id: String(p.id), text: p.text })) : [],
  };
}
