/**
 * One line about an evolution event for the lineage side panel, read defensively from its stored
 * `details` (JSON written by the engine or an import): anything unexpected degrades to a plainer line.
 */
import { z } from "zod";

const mutationDetails = z.object({
  failedStage: z.string().nullish(),
  critiqueOperations: z.array(z.unknown()).nullish(),
  suggestions: z.array(z.unknown()).nullish(),
  newPrinciples: z.array(z.unknown()).nullish(),
});

const crossoverDetails = z.object({
  winners: z.array(z.unknown()).nullish(),
  includedSlots: z.array(z.unknown()).nullish(),
  operationOutcomes: z.array(z.object({ status: z.string() }).loose()).nullish(),
});

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function summarizeEvent(
  kind: string,
  status: string,
  parents: readonly number[],
  details: unknown,
): string {
  const from = parents.length > 0 ? ` of ${parents.map((p) => `#${p}`).join(" + ")}` : "";
  const head = `${kind}${from}, ${status}`;
  if (kind === "mutation") {
    const d = mutationDetails.safeParse(details);
    if (!d.success) return head;
    const parts = [
      d.data.critiqueOperations ? plural(d.data.critiqueOperations.length, "critique") : null,
      d.data.suggestions ? plural(d.data.suggestions.length, "suggestion") : null,
      d.data.newPrinciples ? plural(d.data.newPrinciples.length, "principle") + " in the child" : null,
      d.data.failedStage ? `failed at ${d.data.failedStage}` : null,
    ].filter(Boolean);
    return parts.length ? `${head}: ${parts.join(", ")}` : head;
  }
  if (kind === "crossover") {
    const d = crossoverDetails.safeParse(details);
    if (!d.success) return head;
    const outcomes = d.data.operationOutcomes ?? [];
    const count = (s: string) => outcomes.filter((o) => o.status === s).length;
    const parts = [
      d.data.includedSlots ? plural(d.data.includedSlots.length, "set") : null,
      d.data.winners ? plural(d.data.winners.length, "problem winner") : null,
      outcomes.length
        ? `operations ${count("applied")} applied, ${count("ignored")} ignored, ${count("failed")} failed`
        : null,
    ].filter(Boolean);
    return parts.length ? `${head}: ${parts.join(", ")}` : head;
  }
  return head;
}
