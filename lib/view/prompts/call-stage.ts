/** Native runs name a call's purpose after the engine's request ("mutation.critique"), imports after the reference's files ("critique"). */
export type CallStage = "summary" | "critique" | "revision" | "crossover" | "other";

export function callStage(purpose: string): CallStage {
  switch (purpose) {
    case "mutation.summary":
    case "summary":
      return "summary";
    case "mutation.critique":
    case "critique":
      return "critique";
    case "mutation.batch":
    case "batch_revision":
      return "revision";
    case "crossover":
      return "crossover";
    default:
      return "other";
  }
}

/**
 * Whether a reply that came back is not an operation list (a bare object, number or string). An empty
 * list is not flagged here: the model may mean it, and unreadable JSON also parses to [] (SPEC §8.5), so
 * the panel says so softly (see describeEmpty) and the raw reply is one click away.
 */
export function describeParse(parsed: unknown, replyChars: number | null): string | null {
  if (replyChars === null) return null;
  if (Array.isArray(parsed)) return null;
  if (parsed === null || parsed === undefined) return null;
  return `the reply parsed to ${typeof parsed === "object" ? "an object" : `a ${typeof parsed}`}, not a list of operations`;
}

export function describeEmpty(parsed: unknown, replyChars: number | null): string | null {
  return Array.isArray(parsed) && parsed.length === 0 && (replyChars ?? 0) > 0
    ? "no operations: an empty list, or JSON the parser could not read"
    : null;
}
