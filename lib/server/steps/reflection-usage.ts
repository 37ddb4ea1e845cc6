/**
 * The one place a step's reflection totals are computed: sums over the LLM calls the step stores, so
 * the step's `reflection_calls` is the number of its llm_calls rows and its token columns are the sums
 * of theirs. A call whose count was not recorded adds nothing to the sum.
 */
import "server-only";
import type { EvolutionEventRow } from "./step-rows";

export interface ReflectionTotals {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** Calls whose prompt or completion tokens were not recorded. */
  unrecorded: number;
}

export function sumReflectionUsage(events: readonly EvolutionEventRow[]): ReflectionTotals {
  const totals: ReflectionTotals = { calls: 0, promptTokens: 0, completionTokens: 0, unrecorded: 0 };
  for (const call of events.flatMap((e) => e.calls)) {
    totals.calls += 1;
    const prompt = call.usage?.promptTokens ?? null;
    const completion = call.usage?.completionTokens ?? null;
    if (prompt === null || completion === null) totals.unrecorded += 1;
    totals.promptTokens += prompt ?? 0;
    totals.completionTokens += completion ?? 0;
  }
  return totals;
}
