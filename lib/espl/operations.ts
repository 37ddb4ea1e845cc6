/**
 * Applying LLM-proposed operations to a program's principles, exactly as the reference does (SPEC §8.3,
 * §9 step 6), including its quirks. Both appliers replay Python's evaluation order so that a malformed
 * operation changes what it would have changed in Python before failing, and nothing more.
 */
import type { Principle } from "./types";
import { PyDict, PyError, pyGetItem, pyInt, pyIterate } from "./llm/python-dict";
import { pyStr } from "./llm/python-repr";

/** What happened to one operation: applied, ignored (unknown type or absent id) or failed with an error. */
export interface OperationOutcome {
  index: number;
  status: "applied" | "ignored" | "failed";
  /** Python exception class and message, for failed operations. */
  error?: string;
}

export function principlesToPyDict(principles: readonly Principle[]): PyDict {
  return PyDict.fromEntries(principles.map((p) => [p.id, p.text] as const));
}

/**
 * Operators end by renumbering: the values in their current order become G0…G{n-1}. A value that is not
 * a string (an LLM wrote `"principle": 5`) is stored as Python's `str()` of it, which is exactly the text
 * the reference would later render into prompts.
 */
export function renumberPrinciples(values: readonly unknown[]): Principle[] {
  return values.map((value, i) => ({ id: `G${i}`, text: pyStr(value) }));
}

function describeError(error: unknown): string {
  if (error instanceof PyError) return `${error.pyType}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** `value.split(".")[-1]`; a non-string has no `split` (AttributeError). */
function lastDottedPart(value: unknown): string {
  if (typeof value !== "string") throw new PyError("AttributeError", "object has no attribute 'split'");
  return value.split(".").at(-1)!;
}

export type CrossoverApplyResult =
  { ok: true; principles: Principle[]; outcomes: OperationOutcome[] } | { ok: false; error: PyError };

/**
 * The reference's `process_operations` for crossover replies (SPEC §9 step 6):
 * - `add` takes the next id after the largest numeric suffix, even when `principle` is missing;
 * - `modify`/`remove` use the part after the last "." of `modified_from`/`remove_id`, so `B.G3` edits
 *   Set A's `G3` (SPEC §13 item 8), and do nothing when that id is absent;
 * - other types are ignored and a failing operation is skipped.
 * A dict or string of operations is iterated like Python does (keys, characters), so every item fails.
 * Non-iterable operations apply nothing (the reference never gets here with one: it has crashed on
 * `len()` before). An id whose suffix is not an integer makes the reference raise ValueError outside
 * its per-operation guard; that is returned as a failure.
 */
export function applyCrossoverOperations(
  principles: readonly Principle[],
  operations: unknown,
): CrossoverApplyResult {
  const dict = principlesToPyDict(principles);
  let maxId = -1;
  try {
    for (const key of dict.keys()) maxId = Math.max(maxId, pyInt(Array.from(String(key)).slice(1).join("")));
  } catch (error) {
    if (error instanceof PyError) return { ok: false, error };
    throw error;
  }
  let items: unknown[];
  try {
    items = pyIterate(operations);
  } catch {
    items = [];
  }
  const outcomes = items.map((op, index): OperationOutcome => {
    try {
      const kind = pyGetItem(op, "operation");
      if (kind === "add") {
        maxId += 1;
        dict.set(`G${maxId}`, pyGetItem(op, "principle"));
        return { index, status: "applied" };
      }
      if (kind === "modify") {
        const id = lastDottedPart(pyGetItem(op, "modified_from"));
        if (!dict.has(id)) return { index, status: "ignored" };
        dict.set(id, pyGetItem(op, "principle"));
        return { index, status: "applied" };
      }
      if (kind === "remove") {
        const id = lastDottedPart(pyGetItem(op, "remove_id"));
        if (!dict.has(id)) return { index, status: "ignored" };
        dict.delete(id);
        return { index, status: "applied" };
      }
      return { index, status: "ignored" };
    } catch (error) {
      return { index, status: "failed", error: describeError(error) };
    }
  });
  return { ok: true, principles: renumberPrinciples(dict.values()), outcomes };
}

export interface RevisionApplyResult {
  /** The candidates after the plan, before renumbering (ids G*, C* and whatever `modify` introduced). */
  principles: PyDict;
  /** The next free `C{n}` counter after merges. */
  nextCandidateId: number;
  outcomes: OperationOutcome[];
}

/**
 * Applies a mutation Revision Plan to a copy of the candidates (SPEC §8.3 step 3), each operation in its
 * own guard:
 * - `modify` sets `candidates[modified_from] = principle` with no existence check, so an unknown id (or a
 *   number) appends a new principle (SPEC §13 item 7);
 * - `merge` is skipped when any id of `merged_from` is missing; otherwise the ids are deleted and the
 *   merged text is appended as `C{n}`. The deletions happen before `principle` is read, so a merge without
 *   `principle` removes its ids and adds nothing, as in the reference;
 * - other types are ignored.
 * Throws PyError("TypeError") when the plan itself is not iterable (a bare number, true, null): the
 * reference's loop is outside the guard, so that aborts the whole mutation.
 */
export function applyRevisionPlan(
  candidates: PyDict,
  plan: unknown,
  firstCandidateId: number,
): RevisionApplyResult {
  const dict = candidates.copy();
  let nextId = firstCandidateId;
  const outcomes = pyIterate(plan).map((op, index): OperationOutcome => {
    try {
      const kind = pyGetItem(op, "operation");
      if (kind === "modify") {
        // Python evaluates the right-hand side first: a missing `principle` fails before the key is read.
        const text = pyGetItem(op, "principle");
        dict.set(pyGetItem(op, "modified_from"), text);
        return { index, status: "applied" };
      }
      if (kind === "merge") {
        const ids = pyIterate(pyGetItem(op, "merged_from"));
        for (const id of ids)
          if (!dict.has(id)) throw new PyError("Exception", `ID ${pyStr(id)} not found for merging`);
        for (const id of ids) if (dict.has(id)) dict.delete(id);
        dict.set(`C${nextId}`, pyGetItem(op, "principle"));
        nextId += 1;
        return { index, status: "applied" };
      }
      return { index, status: "ignored" };
    } catch (error) {
      return { index, status: "failed", error: describeError(error) };
    }
  });
  return { principles: dict, nextCandidateId: nextId, outcomes };
}
