/**
 * A principle's history in short, to show beside the principle: where it first appeared (the program,
 * step and event that added or merged it) and each edit since, oldest first. Built from the walk back
 * through the program's ancestry (walkPrincipleBack), so it needs no query of its own.
 */
import type { PrincipleHistory, ProvenanceStep } from "./lineage";

export interface PrincipleTimeline {
  /** The add or merge that made it; null when it goes back to the root or past the loaded ancestry. */
  origin: ProvenanceStep | null;
  /** "introduced" (origin set), "root" (in the root program from the start) or "window" (older than loaded). */
  end: PrincipleHistory["end"];
  /** Rewordings after its origin, oldest first. */
  edits: ProvenanceStep[];
}

export function summarizePrincipleHistory(history: PrincipleHistory): PrincipleTimeline {
  const oldestFirst = [...history.steps].reverse();
  const origin = history.end === "introduced" ? (oldestFirst[0] ?? null) : null;
  return {
    origin,
    end: history.end,
    edits: oldestFirst.filter((s) => s !== origin && s.kind === "modified"),
  };
}
