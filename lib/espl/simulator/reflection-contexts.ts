/**
 * The structured contexts the engine sends beside each reflection prompt (lib/espl/mutation/types.ts,
 * lib/espl/crossover/run-crossover.ts), validated before use: the simulator answers from them, so a
 * context of the wrong shape must fail loudly rather than produce a confident wrong reply. Objects are
 * loose so that fields the engine adds later do not break the simulator.
 */
import { z } from "zod";

const principleSchema = z.looseObject({ id: z.string(), text: z.string() });

export const summaryContextSchema = z.looseObject({
  stage: z.literal("summary"),
  problem: z.string(),
  groundtruth: z.union([z.string(), z.number()]),
  correct: z.boolean(),
  trajectory: z.array(z.looseObject({ role: z.string(), content: z.string() })),
});

export const critiqueContextSchema = z.looseObject({
  stage: z.literal("critique"),
  principles: z.array(principleSchema),
  problem: z.string(),
  groundtruth: z.union([z.string(), z.number()]),
  maxOperations: z.number(),
  attempts: z.array(z.looseObject({ correct: z.boolean(), completion: z.string() })),
});

/** Candidate texts and ids come from LLM replies, so they may be any JSON value. */
export const batchContextSchema = z.looseObject({
  stage: z.literal("batch"),
  candidates: z.array(
    z.looseObject({ id: z.union([z.string(), z.number(), z.boolean(), z.null()]), text: z.unknown() }),
  ),
  suggestions: z.array(z.unknown()),
});

export const crossoverContextSchema = z.looseObject({
  sets: z
    .array(
      z.looseObject({
        label: z.string(),
        principles: z.array(principleSchema),
        wonQuestions: z.array(z.looseObject({ problemIndex: z.number(), text: z.string() })),
      }),
    )
    .min(1),
});

export type SummaryInput = z.infer<typeof summaryContextSchema>;
export type CritiqueInput = z.infer<typeof critiqueContextSchema>;
export type BatchInput = z.infer<typeof batchContextSchema>;
export type CrossoverInput = z.infer<typeof crossoverContextSchema>;

export function parseContext<T>(schema: z.ZodType<T>, purpose: string, context: unknown): T {
  const parsed = schema.safeParse(context);
  if (!parsed.success)
    throw new Error(
      `simulated reflection: the context of a "${purpose}" request is malformed:\n${z.prettifyError(parsed.error)}`,
    );
  return parsed.data;
}
