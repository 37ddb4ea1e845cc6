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
 * Whether a reply that came back produced nothing usable: the engine's parser turns unreadable JSON into
 * [] (SPEC §8.5), and a bare object or number is not an operation list.
 */
export function describeParse(parsed: unknown, replyChars: number | null): string | null {
  if (replyChars === null) return null;
  if (Array.isArray(parsed))
    return parsed.length === 0 && replyChars > 0 ? "no operations could be parsed from the reply" : null;
  if (parsed === null || parsed === undefined) return null;
  return `the reply parsed to ${typeof parsed === "object" ? "an object" : `a ${typeof parsed}`}, not a list of operations`;
}
