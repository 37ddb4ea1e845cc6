/**
 * Principle lineage along a chain of base parents (mutation parent, or crossover Set A): walking one
 * principle back to the operation that introduced it, and giving each principle an identity that
 * survives renumbering and rewording, which is what aligns two programs in a diff.
 */
import type { DerivedHop, HopEntry, HopKind, OperationRef } from "./derive-hop";
import type { StoredPrinciple } from "./principles";

/** One program of a chain, oldest first; `hop` relates it to the previous link (null for the first). */
export interface ChainLink {
  programId: number;
  birthStep: number;
  origin: string;
  principles: StoredPrinciple[];
  /** The evolution event that created this program, when stored. */
  eventId: number | null;
  eventKind: "mutation" | "crossover" | null;
  hop: DerivedHop | null;
}

export interface ProvenanceStep {
  programId: number;
  step: number;
  eventId: number | null;
  eventKind: "mutation" | "crossover" | null;
  /** The principle's id in this program. */
  principleId: string;
  text: string;
  kind: HopKind;
  /** Ids of the parent principles it came from (in the previous program). */
  sources: string[];
  parentProgramId: number | null;
  operation: OperationRef | null;
  mergedAdditions: number;
  alignedBy: DerivedHop["alignedBy"];
}

export interface PrincipleHistory {
  /** Newest first: the program asked about, then its ancestors, up to where the principle began. */
  steps: ProvenanceStep[];
  /**
   * "introduced": an add or a merge made it; "root": it is in the first program of the chain, which has
   * no parent; "window": the chain loaded ends before its origin (continue from the last step's program).
   */
  end: "introduced" | "root" | "window";
}

/** Walks one principle back through the chain from its last link. */
export function walkPrincipleBack(chain: readonly ChainLink[], principleId: string): PrincipleHistory {
  const steps: ProvenanceStep[] = [];
  let id = principleId;
  for (let i = chain.length - 1; i >= 0; i--) {
    const link = chain[i]!;
    const principle = link.principles.find((p) => p.id === id);
    if (!principle) break;
    if (i === 0 || !link.hop) return { steps, end: link.origin === "root" ? "root" : "window" };
    const entry: HopEntry | undefined = link.hop.entries.find((e) => e.principleId === id);
    if (!entry) break;
    steps.push({
      programId: link.programId,
      step: link.birthStep,
      eventId: link.eventId,
      eventKind: link.eventKind,
      principleId: id,
      text: principle.text,
      kind: entry.kind,
      sources: entry.sources,
      parentProgramId: chain[i - 1]!.programId,
      operation: entry.operation,
      mergedAdditions: entry.mergedAdditions,
      alignedBy: link.hop.alignedBy,
    });
    if (entry.kind === "added" || entry.kind === "merged") return { steps, end: "introduced" };
    id = entry.sources[0]!;
  }
  return { steps, end: "window" };
}

/** The newest step that changed or introduced the principle (null when it is unchanged all along the chain). */
export function findLastChange(history: PrincipleHistory): ProvenanceStep | null {
  return history.steps.find((s) => s.kind !== "unchanged") ?? null;
}

export interface Identity {
  key: string;
  principle: StoredPrinciple;
}

/**
 * Identities of the last link's principles: a principle of the first link is "<program>:<id>"; a
 * modification keeps its source's identity; an addition or a merge starts a new one. Merges also record
 * the identities they consumed, so a diff can show "merged from".
 */
export function propagateIdentities(
  chain: readonly ChainLink[],
  mergeSources: Map<string, string[]>,
): Identity[] {
  const first = chain[0];
  if (!first) return [];
  let current = new Map(first.principles.map((p) => [p.id, `${first.programId}:${p.id}`]));
  for (const link of chain.slice(1)) {
    const next = new Map<string, string>();
    for (const p of link.principles) {
      const entry = link.hop?.entries.find((e) => e.principleId === p.id);
      const fresh = `${link.programId}:${p.id}`;
      if (entry && (entry.kind === "unchanged" || entry.kind === "modified"))
        next.set(p.id, current.get(entry.sources[0]!) ?? fresh);
      else {
        next.set(p.id, fresh);
        if (entry?.kind === "merged")
          mergeSources.set(
            fresh,
            entry.sources.map((s) => current.get(s)).filter((k): k is string => k !== undefined),
          );
      }
    }
    current = next;
  }
  const last = chain.at(-1)!;
  return last.principles.map((p) => ({ key: current.get(p.id)!, principle: p }));
}
