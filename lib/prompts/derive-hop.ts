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
import { z } from "zod";
import { wordSimilarity, type StoredPrinciple } from "./principles";

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

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function evidenceOf(op: unknown): string | null {
  return isObject(op) && typeof op.evidence === "string" ? op.evidence : null;
}

/** Python's str() of what an operation stored, close enough to compare with the stored child text. */
function asText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Python iterates a list by items and a string by characters; anything else has nothing to walk. */
function iterate(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return Array.from(value);
  return [];
}

function finish(entries: HopEntry[], parent: readonly StoredPrinciple[], alignedBy: DerivedHop["alignedBy"]) {
  const used = new Set(entries.flatMap((e) => e.sources));
  return { entries, removed: parent.filter((p) => !used.has(p.id)).map((p) => p.id), alignedBy };
}

/**
 * Fallback: equal texts are the same principle, then the most similar remaining pairs (above
 * MODIFIED_SIMILARITY) are modifications, the rest of the child is new.
 */
export function alignByText(
  parent: readonly StoredPrinciple[],
  child: readonly StoredPrinciple[],
): DerivedHop {
  const entries: (HopEntry | null)[] = child.map(() => null);
  const free = new Set(parent.map((p) => p.id));
  child.forEach((c, i) => {
    const same = parent.find((p) => free.has(p.id) && p.text === c.text);
    if (!same) return;
    free.delete(same.id);
    entries[i] = {
      principleId: c.id,
      kind: "unchanged",
      sources: [same.id],
      operation: null,
      mergedAdditions: 0,
    };
  });
  const pairs: { i: number; id: string; score: number }[] = [];
  child.forEach((c, i) => {
    if (entries[i]) return;
    for (const p of parent)
      if (free.has(p.id)) pairs.push({ i, id: p.id, score: wordSimilarity(p.text, c.text) });
  });
  pairs.sort((x, y) => y.score - x.score || x.i - y.i);
  for (const { i, id, score } of pairs) {
    if (score < MODIFIED_SIMILARITY) break;
    if (entries[i] || !free.has(id)) continue;
    free.delete(id);
    entries[i] = {
      principleId: child[i]!.id,
      kind: "modified",
      sources: [id],
      operation: null,
      mergedAdditions: 0,
    };
  }
  const filled = child.map(
    (c, i): HopEntry =>
      entries[i] ?? { principleId: c.id, kind: "added", sources: [], operation: null, mergedAdditions: 0 },
  );
  return finish(filled, parent, "text");
}

const mutationDetailsSchema = z.object({
  preRenumberPrinciples: z.array(z.tuple([z.unknown(), z.unknown()])),
  critiqueOperations: z.array(z.unknown()).default([]),
  revisionPlan: z.unknown().optional(),
  /** Imported runs: the parsed plan (their `revisionPlan` is the reply text). */
  revisionPlanOperations: z.unknown().optional(),
});

function ordinalsOf(calls: readonly CallSummary[], match: (purpose: string) => boolean): number[] {
  return calls
    .filter((c) => match(c.purpose))
    .map((c) => c.ordinal)
    .sort((a, b) => a - b);
}

const isCritique = (p: string) => p === "mutation.critique" || p === "critique";
const isRevision = (p: string) => p === "mutation.batch" || p === "batch_revision";

interface MergeRecord {
  opIndex: number;
  op: unknown;
  ids: string[];
}

/** Which plan operation last rewrote each key, and which merge produced each new C id (SPEC §8.3 step 3). */
function replayRevisionPlan(startKeys: readonly string[], addCount: number, plan: unknown) {
  const keys = new Set(startKeys);
  const lastModify = new Map<string, { opIndex: number; op: unknown }>();
  const merges = new Map<string, MergeRecord>();
  let next = addCount;
  iterate(plan).forEach((op, opIndex) => {
    if (!isObject(op)) return;
    if (op.operation === "modify" && "principle" in op && op.modified_from !== undefined) {
      const key = String(op.modified_from);
      keys.add(key);
      lastModify.set(key, { opIndex, op });
    } else if (op.operation === "merge" && op.merged_from !== undefined) {
      const ids = iterate(op.merged_from).map(String);
      if (!ids.every((id) => keys.has(id))) return;
      for (const id of ids) keys.delete(id);
      if (!("principle" in op)) return;
      const key = `C${next}`;
      next += 1;
      keys.add(key);
      merges.set(key, { opIndex, op, ids });
    }
  });
  return { lastModify, merges };
}

function deriveMutation(
  parent: readonly StoredPrinciple[],
  child: readonly StoredPrinciple[],
  event: HopEvent,
): DerivedHop | null {
  const parsed = mutationDetailsSchema.safeParse(event.details);
  if (!parsed.success) return null;
  const { preRenumberPrinciples: pre, critiqueOperations } = parsed.data;
  const revisionPlan = parsed.data.revisionPlanOperations ?? parsed.data.revisionPlan;
  if (pre.length !== child.length || pre.some(([, text], i) => asText(text) !== child[i]!.text)) return null;
  const critiqueOrdinals = ordinalsOf(event.calls, isCritique);
  const revisionOrdinal = ordinalsOf(event.calls, isRevision)[0] ?? null;
  const additions: OperationRef[] = [];
  critiqueOperations.forEach((ops, critique) =>
    iterate(ops).forEach((op, opIndex) => {
      if (isObject(op) && op.operation === "add")
        additions.push({
          stage: "critique",
          callOrdinal: critiqueOrdinals[critique] ?? null,
          opIndex,
          op,
          evidence: evidenceOf(op),
        });
    }),
  );
  const parentText = new Map(parent.map((p) => [p.id, p.text]));
  const { lastModify, merges } = replayRevisionPlan(
    [...parentText.keys(), ...additions.map((_, n) => `C${n}`)],
    additions.length,
    revisionPlan,
  );
  const revisionRef = (r: { opIndex: number; op: unknown }): OperationRef => ({
    stage: "revision",
    callOrdinal: revisionOrdinal,
    opIndex: r.opIndex,
    op: r.op,
    evidence: evidenceOf(r.op),
  });
  // A merge may take in earlier merges and additions; its sources are the parent principles underneath.
  const resolve = (id: string, seen = new Set<string>()): { sources: string[]; additions: number } => {
    if (seen.has(id)) return { sources: [], additions: 0 };
    seen.add(id);
    if (parentText.has(id)) return { sources: [id], additions: 0 };
    const merge = merges.get(id);
    if (!merge) return { sources: [], additions: 1 };
    const parts = merge.ids.map((m) => resolve(m, seen));
    return {
      sources: parts.flatMap((p) => p.sources),
      additions: parts.reduce((n, p) => n + p.additions, 0),
    };
  };
  const entries = pre.map(([rawKey, text], i): HopEntry => {
    const key = String(rawKey);
    const principleId = child[i]!.id;
    const modify = lastModify.get(key);
    if (parentText.has(key)) {
      const same = parentText.get(key) === asText(text);
      return {
        principleId,
        kind: same ? "unchanged" : "modified",
        sources: [key],
        operation: same || !modify ? null : revisionRef(modify),
        mergedAdditions: 0,
      };
    }
    const merge = merges.get(key);
    if (merge) {
      const { sources, additions: mergedAdditions } = resolve(key);
      return { principleId, kind: "merged", sources, operation: revisionRef(merge), mergedAdditions };
    }
    const addition = /^C(\d+)$/.exec(key);
    const n = addition ? Number(addition[1]) : -1;
    const operation = n >= 0 && n < additions.length ? additions[n]! : modify ? revisionRef(modify) : null;
    return { principleId, kind: "added", sources: [], operation, mergedAdditions: 0 };
  });
  return finish(entries, parent, "provenance");
}

function lastDotted(value: unknown): string | null {
  return typeof value === "string" ? value.split(".").at(-1)! : null;
}

function deriveCrossover(
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
