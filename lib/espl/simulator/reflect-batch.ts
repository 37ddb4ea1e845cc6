/**
 * Simulated answer to mutation stage 3 (SPEC §8.3): a Revision Plan over the candidates. It mostly
 * accepts the suggested rewrites, merges principles that carry the same insight, repairs principles that
 * steer away from an insight, and folds general habits together when the list grows long, so programs
 * stay compact instead of growing by a principle or two every step.
 */
import type { PyKey } from "../llm/python-dict";
import { getCategory } from "./categories";
import type { CategoryId, RandomSource } from "./category-types";
import { carriesVerification, readPrincipleInsights } from "./insight-detector";
import type { BatchInput } from "./reflection-contexts";
import { MERGED_GENERIC_PRINCIPLE, principleHead } from "./reflection-texts";
import { drawFlaws, writePlannedReply } from "./reply-writer";
import type { OrderedOp, PlannedOp, ReflectionReply, ReplyFlaw } from "./reply-writer";
import { pickOne } from "./stream-seed";

const SUGGESTION_ACCEPT_RATE = 0.85;
const MERGE_RATE = 0.85;
const REPAIR_RATE = 0.5;
const GENERIC_MERGE_RATE = 0.7;
/** Past this many principles, general habits get folded together. */
const COMPACT_ABOVE = 8;

interface Candidate {
  id: PyKey;
  text: string;
}

const describeId = (id: PyKey) => (typeof id === "string" ? id : JSON.stringify(id));

function readSuggestion(value: unknown): { id: string; principle: string } | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const id = record["modified_from"];
  const principle = record["principle"];
  return typeof id === "string" && typeof principle === "string" ? { id, principle } : null;
}

function mergeOp(text: string, ids: readonly PyKey[]): OrderedOp {
  return [
    ["operation", "merge"],
    ["principle", text],
    ["merged_from", [...ids]],
  ];
}

function modifyOp(text: string, id: PyKey): OrderedOp {
  return [
    ["operation", "modify"],
    ["principle", text],
    ["modified_from", id],
  ];
}

export function answerBatch(input: BatchInput, rng: RandomSource): ReflectionReply {
  const flaws = drawFlaws(rng);
  const candidates: Candidate[] = input.candidates.map((c) => ({
    id: c.id,
    text: typeof c.text === "string" ? c.text : (JSON.stringify(c.text) ?? ""),
  }));
  const modified = new Map<PyKey, PlannedOp>();
  for (const suggestion of input.suggestions.map(readSuggestion)) {
    if (!suggestion || rng.random() >= SUGGESTION_ACCEPT_RATE) continue;
    modified.set(suggestion.id, {
      op: modifyOp(suggestion.principle, suggestion.id),
      why: `accept the suggested rewrite of ${suggestion.id}`,
    });
    const target = candidates.find((c) => c.id === suggestion.id);
    if (target) target.text = suggestion.principle;
  }

  const byInsight = new Map<CategoryId, Candidate[]>();
  const generic: Candidate[] = [];
  for (const candidate of candidates) {
    const { helpful, misleading } = readPrincipleInsights(candidate.text);
    const first = helpful[0];
    if (first) byInsight.set(first, [...(byInsight.get(first) ?? []), candidate]);
    else if (misleading[0] && !modified.has(candidate.id) && rng.random() < REPAIR_RATE) {
      const category = getCategory(misleading[0]);
      modified.set(candidate.id, {
        op: modifyOp(pickOne(rng, category.insights), candidate.id),
        why: `${describeId(candidate.id)} discourages ${category.label}; turn it around`,
      });
    } else if (!misleading[0]) generic.push(candidate);
  }

  const merges: PlannedOp[] = [];
  let remaining = candidates.length;
  for (const [categoryId, group] of byInsight) {
    if (group.length < 2 || rng.random() >= MERGE_RATE) continue;
    const category = getCategory(categoryId);
    for (const member of group) modified.delete(member.id);
    merges.push({
      op: mergeOp(
        pickOne(rng, category.insights),
        group.map((c) => c.id),
      ),
      why: `${group.map((c) => describeId(c.id)).join(", ")} all express ${category.label}; merge them`,
    });
    remaining -= group.length - 1;
  }
  // Repeated habits (same lead-in) collapse into one; then, if the list is still long, two different
  // habits are folded into a single general one.
  const habits = new Map<string, Candidate[]>();
  for (const c of generic.filter((c) => !modified.has(c.id)))
    habits.set(principleHead(c.text), [...(habits.get(principleHead(c.text)) ?? []), c]);
  const leftovers: Candidate[] = [];
  for (const group of habits.values()) {
    if (group.length < 2 || rng.random() >= MERGE_RATE) {
      leftovers.push(...group);
      continue;
    }
    merges.push({
      op: mergeOp(
        group[0]!.text,
        group.map((c) => c.id),
      ),
      why: `${group.map((c) => describeId(c.id)).join(", ")} say the same thing; keep one`,
    });
    remaining -= group.length - 1;
  }
  const plain = leftovers.filter((c) => !carriesVerification(c.text));
  const pair = (plain.length >= 2 ? plain : leftovers).slice(0, 2);
  if (remaining > COMPACT_ABOVE && pair.length === 2 && rng.random() < GENERIC_MERGE_RATE)
    merges.push({
      op: mergeOp(
        MERGED_GENERIC_PRINCIPLE,
        pair.map((c) => c.id),
      ),
      why: `the list is long; fold ${pair.map((c) => describeId(c.id)).join(" and ")} into one general habit`,
    });

  const planned = [...modified.values(), ...merges];
  const extra: ReplyFlaw[] = [];
  if (flaws.unknownId && planned.length > 0) {
    extra.push("unknown-id");
    const first = planned[0]!;
    const ghost = `C${candidates.length + 5}`;
    // A merge naming a missing id is skipped; a modify of a missing id appends a principle (SPEC §13 item 7).
    planned[0] = {
      ...first,
      op: first.op.map(([key, value]) =>
        key === "merged_from" && Array.isArray(value)
          ? [key, [...value, ghost]]
          : key === "modified_from"
            ? [key, ghost]
            : [key, value],
      ),
    };
  }
  const reasoning = [
    "Reviewing the suggestions and the current principles together:",
    ...(planned.length > 0
      ? planned.map((p) => `- ${p.why}.`)
      : ["- The principles are already clear and distinct; no revision is needed."]),
  ].join("\n");
  return writePlannedReply(reasoning, planned, flaws, extra);
}
