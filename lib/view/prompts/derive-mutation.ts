/**
 * A mutation's hop, from what the runner stores: the candidates after the revision plan, before
 * renumbering (`preRenumberPrinciples`), are in the child's order; their ids are the parent's G*, the
 * critique additions C0…C{a-1}, the merges C{a}… (SPEC §8.3), or an id a plan `modify` invented.
 */
import { z } from "zod";
import type { StoredPrinciple } from "./principles";
import {
  asText,
  evidenceOf,
  finish,
  isObject,
  iterate,
  type CallSummary,
  type DerivedHop,
  type HopEntry,
  type HopEvent,
  type OperationRef,
} from "./hop-types";

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

export function deriveMutation(
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
