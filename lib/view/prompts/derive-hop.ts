/**
 * One generation of principle provenance: for every principle of a child program, where it came from in
 * its base parent (the mutated program, or Set A of a crossover) and which operation made it.
 *
 * Principle ids are renumbered G0…G{n-1} by every operator (SPEC §4.1), so ids alone say nothing across
 * generations. What the runner stores is enough to recover the mapping exactly:
 * - mutation: the candidates after the revision plan, before renumbering (`preRenumberPrinciples`), are in
 *   the child's order; their ids are the parent's G*, the critique additions C0…C{a-1}, the merges
 *   C{a}… (SPEC §8.3), or an id a plan `modify` invented;
 * - crossover: replaying the parsed reply's add/modify/remove on Set A's ids (SPEC §9 step 6) gives the
 *   child's order.
 * Each derivation is checked against the child's stored texts; when it does not match (imported runs,
 * which keep less, or anything unexpected) the hop falls back to aligning texts, and says so.
 */
import type { StoredPrinciple } from "./principles";
import { alignByText } from "./align-by-text";
import { deriveCrossover } from "./derive-crossover";
import { deriveMutation } from "./derive-mutation";
import type { DerivedHop, HopEvent } from "./hop-types";

export { alignByText } from "./align-by-text";
export {
  MODIFIED_SIMILARITY,
  type CallSummary,
  type DerivedHop,
  type HopEntry,
  type HopEvent,
  type HopKind,
  type OperationRef,
} from "./hop-types";

/** The provenance of one child's principles relative to its base parent. */
export function deriveHop(
  parent: readonly StoredPrinciple[],
  child: readonly StoredPrinciple[],
  event: HopEvent | null,
): DerivedHop {
  const derived =
    event?.kind === "mutation"
      ? deriveMutation(parent, child, event)
      : event?.kind === "crossover"
        ? deriveCrossover(parent, child, event)
        : null;
  return derived ?? alignByText(parent, child);
}
