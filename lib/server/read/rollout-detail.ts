import "server-only";
/**
 * One rollout opened in the browser: its completion text (read only now, from rollout_texts), the whole
 * problem and ground truth, and the program's principles (the system prompt it was sampled under).
 */
import { z } from "zod";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { notFound } from "@/lib/domain/errors";
import type { RolloutSummary } from "./list-rollouts";
import { findScopedRun, maxVisibleStep } from "./scoped-run";

/** The rollout's summary fields, whole (not cut to snippets), plus its text, problem and principles. */
export interface RolloutDetail extends Omit<RolloutSummary, "snippet"> {
  completion: string | null;
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
      slot: true,
      problemId: true,
      problemIndex: true,
      sampleIndex: true,
      reward: true,
      advantage: true,
      trained: true,
      promptTokens: true,
      completionTokens: true,
      completionChars: true,
      extractedAnswer: true,
      text: { select: { completion: true } },
      problem: { select: { question: true, answer: true } },
      program: { select: { programId: true, principles: true } },
    },
  });
  if (!row) throw notFound("rollout");
  const principles = principlesSchema.safeParse(row.program.principles);
  const { text, problem, program, id, ...summary } = row;
  return {
    ...summary,
    id: id.toString(),
    programId: program.programId,
    completion: text?.completion ?? null,
    question: problem?.question ?? null,
    groundTruth: problem?.answer ?? null,
    principles: principles.success ? principles.data.map((p) => ({ id: String(p.id), text: p.text })) : [],
  };
}
