/** The shapes of one generation's principle provenance (see derive-hop.ts), and the helpers its derivations share. */
import type { StoredPrinciple } from "./principles";

export type HopKind = "unchanged" | "modified" | "added" | "merged";

/** The operation behind a change, as the LLM wrote it. */
export interface OperationRef {
  /** Which reply it came from. */
  stage: "critique" | "revision" | "crossover";
  /** llm_calls.ordinal of that reply within the event, when known. */
  callOrdinal: number | null;
  /** Position of the operation within that reply's parsed list. */
  opIndex: number;
  op: unknown;
  /** The operation's own `evidence` field, when it has one (crossover operations do). */
  evidence: string | null;
}

export interface HopEntry {
  /** The child's principle id. */
  principleId: string;
  kind: HopKind;
  /** Parent principle ids it descends from: one for unchanged/modified, several for a merge, none for added. */
  sources: string[];
  operation: OperationRef | null;
  /** Critique additions that went into a merge (they never existed in the parent). */
  mergedAdditions: number;
}

export interface DerivedHop {
  entries: HopEntry[];
  /** Parent principle ids that no child principle descends from. */
  removed: string[];
  /** "provenance": derived from the stored operations; "text": aligned by text similarity. */
  alignedBy: "provenance" | "text";
}

export interface CallSummary {
  ordinal: number;
  purpose: string;
  parsedOperations: unknown;
}

export interface HopEvent {
  kind: "mutation" | "crossover";
  details: unknown;
  calls: readonly CallSummary[];
}

/** How similar two texts must be (word Dice) to count as one principle modified rather than one removed and one added. */
export const MODIFIED_SIMILARITY = 0.5;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function evidenceOf(op: unknown): string | null {
  return isObject(op) && typeof op.evidence === "string" ? op.evidence : null;
}

/** Python's str() of what an operation stored, close enough to compare with the stored child text. */
export function asText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Python iterates a list by items and a string by characters; anything else has nothing to walk. */
export function iterate(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return Array.from(value);
  return [];
}

export function finish(
  entries: HopEntry[],
  parent: readonly StoredPrinciple[],
  alignedBy: DerivedHop["alignedBy"],
) {
  const used = new Set(entries.flatMap((e) => e.sources));
  return { entries, removed: parent.filter((p) => !used.has(p.id)).map((p) => p.id), alignedBy };
}
