import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordedUsage, type RecordedUsage, type UsageCounts } from "@/lib/domain/runs/usage/usage-summary";

/**
 * The one rule for "this call's tokens were not recorded": its backend reported no prompt or no
 * completion count. The usage panel (a run's totals become "not recorded") and the tokens x-axis (the
 * running total becomes unknown from that step on) both read it from here, so they cannot disagree.
 */
export const UNRECORDED_TOKENS = { OR: [{ promptTokens: null }, { completionTokens: null }] };

interface StepRange {
  runId: string;
  step: { lte: number };
}

/** How many reflection calls and policy sampling batches in the range lack their token counts. */
export async function countUnrecordedTokenCalls(
  prisma: PrismaClient,
  steps: StepRange,
): Promise<{ reflection: number; sampling: number }> {
  const [reflection, sampling] = await Promise.all([
    prisma.llmCall.count({ where: { event: steps, ...UNRECORDED_TOKENS } }),
    prisma.samplingCall.count({ where: { ...steps, ...UNRECORDED_TOKENS } }),
  ]);
  return { reflection, sampling };
}

/** The first step in the range with a call lacking its token counts; null when every call has them. */
export async function firstUnrecordedTokenStep(
  prisma: PrismaClient,
  steps: StepRange,
): Promise<number | null> {
  const [reflection, sampling] = await Promise.all([
    prisma.evolutionEvent.findFirst({
      where: { ...steps, llmCalls: { some: UNRECORDED_TOKENS } },
      orderBy: { step: "asc" },
      select: { step: true },
    }),
    prisma.samplingCall.findFirst({
      where: { ...steps, ...UNRECORDED_TOKENS },
      orderBy: { step: "asc" },
      select: { step: true },
    }),
  ]);
  const found = [reflection?.step, sampling?.step].filter((s): s is number => s !== undefined);
  return found.length > 0 ? Math.min(...found) : null;
}

/**
 * The same rule step by step, for the exports: which of a step's stored usage counts were recorded. An
 * import records none of its token counts (the columns hold 0); a native step's count is unrecorded when
 * one of that step's calls lacks its tokens. Reflection calls are always counted.
 */
export async function readRecordedUsageByStep(
  prisma: PrismaClient,
  runId: string,
): Promise<(step: number) => RecordedUsage> {
  const [run, reflection, sampling] = await Promise.all([
    prisma.run.findUniqueOrThrow({ where: { id: runId }, select: { source: true } }),
    prisma.evolutionEvent.findMany({
      where: { runId, llmCalls: { some: UNRECORDED_TOKENS } },
      distinct: ["step"],
      select: { step: true },
    }),
    prisma.samplingCall.findMany({
      where: { runId, ...UNRECORDED_TOKENS },
      distinct: ["step"],
      select: { step: true },
    }),
  ]);
  const reflectionSteps = new Set(reflection.map((r) => r.step));
  const samplingSteps = new Set(sampling.map((r) => r.step));
  return (step) =>
    recordedUsage({
      imported: run.source === "imported",
      unrecordedReflectionCalls: reflectionSteps.has(step) ? 1 : 0,
      unrecordedSamplingCalls: samplingSteps.has(step) ? 1 : 0,
    });
}

/** A step's stored count, or null where it was not recorded (never the stored 0). */
export function recordedCount(
  counts: UsageCounts,
  recorded: RecordedUsage,
  key: keyof UsageCounts,
): number | null {
  return recorded[key] ? counts[key] : null;
}
