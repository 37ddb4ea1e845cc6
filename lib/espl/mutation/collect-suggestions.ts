/**
 * Stage 3, step 1 (SPEC §8.3): walk the critiques' operations before the batch call. Additions become
 * candidates C0, C1, … at once (they always survive unless merged away); a `modify` is only passed on as a
 * suggestion, and only when it names an existing id exactly, so the batch LLM decides whether it happens
 * (SPEC §13 item 7).
 *
 * The reference walks without a guard: a non-object item, a missing "operation", a `modify` without a
 * hashable `modified_from` or an `add` without `principle` raises and aborts the whole mutation. This
 * function throws the same PyError so the pipeline can record it.
 */
import type { PyDict } from "../llm/python-dict";
import { PyError, pyGetItem, pyIterate, pyTypeName } from "../llm/python-dict";

export interface CollectedSuggestions {
  /** The parent's principles plus the C* additions. */
  candidates: PyDict;
  /** The `modify` operations sent to the batch call, as written by the LLM. */
  suggestions: unknown[];
  /** The next C* number; merges continue this counter. */
  nextCandidateId: number;
}

/** `all_operations.extend(ops)` for every critique: a string contributes its characters. */
export function concatenateOperations(critiqueOperations: readonly unknown[]): unknown[] {
  return critiqueOperations.flatMap((ops) => pyIterate(ops));
}

export function collectSuggestions(
  principles: PyDict,
  allOperations: readonly unknown[],
): CollectedSuggestions {
  const candidates = principles.copy();
  const suggestions: unknown[] = [];
  let nextCandidateId = 0;
  for (const op of allOperations) {
    if (pyGetItem(op, "operation") === "modify") {
      if (candidates.has(pyGetItem(op, "modified_from"))) suggestions.push(op);
    } else if (pyGetItem(op, "operation") === "add") {
      candidates.set(`C${nextCandidateId}`, pyGetItem(op, "principle"));
      nextCandidateId += 1;
    }
  }
  return { candidates, suggestions, nextCandidateId };
}

/**
 * `operations[:max_operations]` on a parsed critique reply. Lists and strings slice (negative limits count
 * from the end, as in Python); a dict raises "unhashable type: 'slice'" and a number, bool or null is not
 * subscriptable, which aborts the reference's mutation (SPEC §8.2).
 */
export function takeFirstOperations(parsed: unknown, maxOperations: number): unknown[] | string {
  if (Array.isArray(parsed)) return parsed.slice(0, maxOperations);
  if (typeof parsed === "string") return Array.from(parsed).slice(0, maxOperations).join("");
  if (typeof parsed === "object" && parsed !== null)
    throw new PyError("TypeError", "unhashable type: 'slice'");
  throw new PyError("TypeError", `'${pyTypeName(parsed)}' object is not subscriptable`);
}
