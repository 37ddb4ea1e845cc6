/**
 * A crossover's hop: replaying the parsed reply's add/modify/remove on Set A's ids (SPEC §9 step 6) gives
 * the child's order.
 */
import type { StoredPrinciple } from "./principles";
import {
  asText,
  evidenceOf,
  finish,
  isObject,
  type DerivedHop,
  type HopEntry,
  type HopEvent,
  type OperationRef,
} from "./hop-types";

function lastDotted(value: unknown): string | null {
  return typeof value === "string" ? value.split(".").at(-1)! : null;
}

export function deriveCrossover(
  parent: readonly StoredPrinciple[],
  child: readonly StoredPrinciple[],
  event: HopEvent,
): DerivedHop | null {
  const found = event.calls.find((c) => c.purpose === "crossover");
  if (!found) return null;
  // Imported runs keep the resulting principles as the call's parsed value and the operations in details.
  const imported = (event.details as { operations?: unknown } | null)?.operations;
  const call = Array.isArray(found.parsedOperations)
    ? found
    : Array.isArray(imported)
      ? { ...found, parsedOperations: imported }
      : null;
  if (!call || !Array.isArray(call.parsedOperations)) return null;
  // Insertion-ordered like the Python dict the reference edits: a modify keeps its place, an add appends.
  const dict = new Map<string, { text: string; entry: Omit<HopEntry, "principleId"> }>();
  for (const p of parent)
    dict.set(p.id, {
      text: p.text,
      entry: { kind: "unchanged", sources: [p.id], operation: null, mergedAdditions: 0 },
    });
  let maxId = -1;
  for (const p of parent) {
    const n = Number.parseInt(p.id.slice(1), 10);
    if (Number.isFinite(n)) maxId = Math.max(maxId, n);
  }
  call.parsedOperations.forEach((op, opIndex) => {
    if (!isObject(op)) return;
    const ref: OperationRef = {
      stage: "crossover",
      callOrdinal: call.ordinal,
      opIndex,
      op,
      evidence: evidenceOf(op),
    };
    if (op.operation === "add") {
      maxId += 1;
      if ("principle" in op)
        dict.set(`G${maxId}`, {
          text: asText(op.principle),
          entry: { kind: "added", sources: [], operation: ref, mergedAdditions: 0 },
        });
    } else if (op.operation === "modify") {
      const id = lastDotted(op.modified_from);
      const current = id === null ? undefined : dict.get(id);
      if (!current || !("principle" in op)) return;
      const kind = current.entry.kind === "added" ? "added" : "modified";
      dict.set(id!, { text: asText(op.principle), entry: { ...current.entry, kind, operation: ref } });
    } else if (op.operation === "remove") {
      const id = lastDotted(op.remove_id);
      if (id !== null) dict.delete(id);
    }
  });
  const values = [...dict.values()];
  if (values.length !== child.length || values.some((v, i) => v.text !== child[i]!.text)) return null;
  const entries = values.map((v, i): HopEntry => {
    // A modify that wrote back the same text changed nothing.
    const unchanged =
      v.entry.kind === "modified" && parent.find((p) => p.id === v.entry.sources[0])?.text === v.text;
    return unchanged
      ? { ...v.entry, principleId: child[i]!.id, kind: "unchanged", operation: null }
      : { ...v.entry, principleId: child[i]!.id };
  });
  return finish(entries, parent, "provenance");
}
