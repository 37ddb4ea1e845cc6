/**
 * Simulated answers to mutation stages 1 and 2 (SPEC §8.1, §8.2): a numbered summary of one rollout, and
 * a critique of one problem's attempts ending in add/modify operations. Critiques often propose the
 * insight of the problem's category (so evolution can find it), sometimes generic or unhelpful advice.
 */
import type { CategoryLookup } from "./categories";
import type { ProblemCategory, RandomSource } from "./category-types";
import { readLastBoxed } from "./completion-text";
import { readPrincipleInsights } from "./insight-detector";
import type { CritiqueInput, SummaryInput } from "./reflection-contexts";
import {
  DIAGNOSIS_WORDS,
  diagnoseAnswer,
  GENERIC_PRINCIPLES,
  principleHead,
  SLIP_PRINCIPLES,
  UNHELPFUL_PRINCIPLES,
} from "./reflection-texts";
import { drawFlaws, writePlannedReply } from "./reply-writer";
import type { OrderedOp, PlannedOp, ReflectionReply, ReplyFlaw } from "./reply-writer";
import { pickOne } from "./stream-seed";

/** Lines that frame a completion rather than reason (openings, principle citations, the boxed answer). */
const FRAMING_LINE = /^(?:Let me |We solve |Let's set up |Principle \[|Following \[|As \[)|\\boxed\{/;
const CITATION_LINE = /^(?:Principle|Following|As) \[([^\]\s]+)\]/m;

export function answerSummary(input: SummaryInput, lookup: CategoryLookup): string {
  const completion = input.trajectory.findLast((m) => m.role === "assistant")?.content ?? "";
  const category = lookup(input.problem);
  const cited = CITATION_LINE.exec(completion);
  const final = readLastBoxed(completion);
  const truth = String(input.groundtruth);
  const lines = [
    `Read the problem and recognised it as a ${category?.label ?? "general"} question.`,
    cited
      ? `Relied on principle [${cited[1]}] to choose the approach.`
      : "Did not rely on any listed principle; chose the approach unaided.",
  ];
  for (const line of completion.split("\n")) {
    const trimmed = line.trim();
    if (trimmed && !FRAMING_LINE.test(trimmed)) lines.push(`Worked out: ${trimmed}`);
  }
  lines.push(
    input.correct
      ? `Concluded with ${final ?? "its final answer"}, which matches the reference answer ${truth}.`
      : `Concluded with ${final ?? "no boxed answer"}, but the reference answer is ${truth}; the likely cause is ${DIAGNOSIS_WORDS[diagnoseAnswer(final, truth)]}.`,
  );
  return lines.map((line, i) => `${i + 1}. ${line}`).join("\n");
}

const add = (principle: string): OrderedOp => [
  ["operation", "add"],
  ["principle", principle],
];
const modify = (principle: string, id: string): OrderedOp => [
  ["operation", "modify"],
  ["principle", principle],
  ["modified_from", id],
];

/**
 * How the simulated critic behaves. When no principle carries the problem's insight it proposes it with
 * probability addInsight, a general habit with addHabit, and otherwise unhelpful advice (half the time
 * the category's misleading principle). A principle that discourages the insight is repaired with
 * repairMisleading; one that already carries it is reworded with `reword`. With two or more operations
 * allowed, a habit aimed at the observed mistake is added with slipHabit.
 */
export const CRITIQUE_RATES = Object.freeze({
  addInsight: 0.55,
  addHabit: 0.25,
  repairMisleading: 0.6,
  reword: 0.45,
  habitWhenUnknown: 0.6,
  slipHabit: 0.35,
});

/** A general habit the program does not have yet (LLMs rarely re-propose a principle they can see). */
function proposeHabit(principles: CritiqueInput["principles"], rng: RandomSource): PlannedOp | null {
  const present = new Set(principles.map((p) => principleHead(p.text)));
  const fresh = GENERIC_PRINCIPLES.filter((text) => !present.has(principleHead(text)));
  return fresh.length > 0
    ? { op: add(pickOne(rng, fresh)), why: "a general habit would have caught the slips" }
    : null;
}

/** The main proposal: fix a misleading principle, supply the missing insight, or sharpen an existing one. */
function proposeMain(
  input: CritiqueInput,
  category: ProblemCategory | null,
  rng: RandomSource,
): PlannedOp | null {
  const u = rng.random();
  const habit = () => proposeHabit(input.principles, rng);
  const r = CRITIQUE_RATES;
  if (category === null) return u < r.habitWhenUnknown ? habit() : null;
  const insights = input.principles.map((p) => ({ id: p.id, ...readPrincipleInsights(p.text) }));
  const carrier = insights.find((p) => p.helpful.includes(category.id));
  const misleader = insights.find((p) => p.misleading.includes(category.id));
  const insight = pickOne(rng, category.insights);
  if (misleader && u < r.repairMisleading)
    return { op: modify(insight, misleader.id), why: `${misleader.id} steers away from ${category.label}` };
  if (!carrier) {
    if (u < r.addInsight) return { op: add(insight), why: `no principle covers ${category.label}` };
    if (u < r.addInsight + r.addHabit) return habit();
    const unhelpful = rng.random() < 0.5 ? category.misleading : pickOne(rng, UNHELPFUL_PRINCIPLES);
    return { op: add(unhelpful), why: "a different strategy" };
  }
  if (u < r.reword) return { op: modify(insight, carrier.id), why: `${carrier.id} needs firmer wording` };
  if (u < r.reword + r.addHabit) return habit();
  return null;
}

/** Points an operation at a principle that does not exist, or writes the id in a form that never matches. */
function breakId(op: OrderedOp, principleCount: number, rng: RandomSource): OrderedOp {
  const existing = op.find(([key]) => key === "modified_from")?.[1];
  const badId =
    typeof existing === "string" && rng.random() < 0.5
      ? `[${existing}]`
      : `G${principleCount + 3 + Math.floor(rng.random() * 10)}`;
  const principle = op.find(([key]) => key === "principle")?.[1];
  return modify(typeof principle === "string" ? principle : "", badId);
}

export function answerCritique(
  input: CritiqueInput,
  lookup: CategoryLookup,
  rng: RandomSource,
): ReflectionReply {
  const flaws = drawFlaws(rng);
  const category = lookup(input.problem);
  const truth = String(input.groundtruth);
  const finals = input.attempts.map((a) => readLastBoxed(a.completion));
  const wins = input.attempts.flatMap((a, i) => (a.correct ? [i + 1] : []));
  const losses = input.attempts.flatMap((a, i) => (a.correct ? [] : [i + 1]));
  const diagnoses = losses.map((i) => diagnoseAnswer(finals[i - 1] ?? null, truth));
  const proposals: PlannedOp[] = [];
  const main = proposeMain(input, category, rng);
  if (main) proposals.push(main);
  const firstDiagnosis = diagnoses.find((d) => d !== "no-answer");
  const heads = new Set(input.principles.map((p) => principleHead(p.text)));
  if (
    input.maxOperations >= 2 &&
    firstDiagnosis &&
    !heads.has(principleHead(SLIP_PRINCIPLES[firstDiagnosis])) &&
    rng.random() < CRITIQUE_RATES.slipHabit
  )
    proposals.push({
      op: add(SLIP_PRINCIPLES[firstDiagnosis]),
      why: `the failures look like ${DIAGNOSIS_WORDS[firstDiagnosis]}`,
    });
  const extra: ReplyFlaw[] = [];
  if (flaws.unknownId && proposals.length > 0) {
    proposals[0] = { ...proposals[0]!, op: breakId(proposals[0]!.op, input.principles.length, rng) };
    extra.push("unknown-id");
  }
  const reasoning = [
    "### Analysis",
    wins.length > 0
      ? `- Successful attempts: Trajectories ${wins.join(", ")} reached ${truth}, the reference answer.`
      : "- No attempt reached the reference answer.",
    `- Failed attempts: ${losses.map((i, k) => `Trajectory ${i} ended with ${finals[i - 1] ?? "no answer"} (${DIAGNOSIS_WORDS[diagnoses[k]!]})`).join("; ") || "none"}.`,
    category
      ? `- The problem hinges on ${category.label}; the failed attempts did not use that idea firmly enough.`
      : "- The problem does not fit a familiar pattern; the failures look like execution slips.",
    "",
    "### Proposed updates",
    ...(proposals.length > 0
      ? proposals.map((p, i) => `${i + 1}. ${p.why}.`)
      : ["The principles need no change for this problem."]),
  ].join("\n");
  return writePlannedReply(reasoning, proposals, flaws, extra);
}
