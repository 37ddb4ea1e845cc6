/**
 * Reward of one completion (SPEC §3.2): 1 when the answer extracted from the completion is equivalent to
 * the ground truth, else 0. A TypeScript stand-in for math-verify (no JS port exists, SPEC §13 item 1):
 * its extraction priorities are ported, equivalence is numeric/symbolic through mathjs. Never throws:
 * any failure, oversized input or spent time budget grades as 0.
 */
import { areValuesEqual, createBudget } from "./compare-answers";
import type { Budget } from "./compare-answers";
import { iterateCandidateGroups } from "./extract-candidates";
import type { Candidate, ExtractionTargets } from "./extract-candidates";
import { gradeLiterals, readBoxedLiteral } from "./grade-boxed-literal";
import { normalizeLatex } from "./normalize-latex";
import { parseLatexValue, parseNumberValue } from "./parse-answer";
import type { ListValue, MathValue, ScalarValue } from "./parse-answer";

export interface GradeResult {
  reward: 0 | 1;
  /** the answer text the grade is based on (normalised), or null when nothing was found */
  extracted: string | null;
}

/** Answers sit at the end; scanning only the tail bounds the work on runaway completions. */
export const MAX_SCANNED_CHARS = 30_000;
const EXTRACTION_TIME_LIMIT_MS = 150;
const COMPARISON_TIME_LIMIT_MS = 50;
const PREDICTION_TARGETS: ExtractionTargets = { latex: true, plain: true };
const GOLD_TARGETS: ExtractionTargets = { latex: true, plain: false };

interface ExtractedAnswer {
  value: MathValue | null;
  /** text of the candidate that parsed */
  text: string | null;
  /** text of the first candidate tried, parsed or not (math-verify's string fallback) */
  fallback: string | null;
}

/** Several math spans joined by "and"/"," become one set, as in "x = 2 and x = 3". */
function combinePieces(values: (MathValue | null)[]): MathValue | null {
  if (values.length === 1) return values[0] ?? null;
  const items: ScalarValue[] = [];
  for (const value of values) {
    const item = value?.kind === "equation" ? value.sides.at(-1) : value;
    if (!item) return null;
    items.push(...(item.kind === "list" ? item.items : [item]));
  }
  const set: ListValue = { kind: "list", open: "{", close: "}", items };
  return set;
}

function parseCandidate(candidate: Candidate): { value: MathValue | null; text: string } {
  const { source } = candidate;
  if (source.kind === "plain") return { value: parseNumberValue(source.match), text: source.match.text };
  if (source.kind === "boxed") {
    const text = normalizeLatex(source.content, "last");
    return { value: parseLatexValue(text), text };
  }
  const texts = source.pieces.map((piece) => normalizeLatex(piece.content, "all"));
  const value = combinePieces(texts.map((text, i) => parseLatexValue(text, source.pieces[i]!.percent)));
  return { value, text: texts.join(" and ") };
}

function overlaps(candidate: Candidate, spans: readonly [number, number][]): boolean {
  if (candidate.source.kind !== "plain") return false;
  const start = candidate.source.match.valueStart;
  return spans.some(([lo, hi]) => start < hi && candidate.end > lo);
}

function extractAnswer(text: string, targets: ExtractionTargets, budget: Budget): ExtractedAnswer {
  const result: ExtractedAnswer = { value: null, text: null, fallback: null };
  // A LaTeX span that failed to parse must not later supply an isolated number from inside it.
  const failedLatex: [number, number][] = [];
  for (const group of iterateCandidateGroups(text, targets)) {
    for (const candidate of group) {
      if (budget.expired()) return result;
      if (overlaps(candidate, failedLatex)) continue;
      const parsed = parseCandidate(candidate);
      if (parsed.text !== "") result.fallback ??= parsed.text;
      if (parsed.value) return { ...result, value: parsed.value, text: parsed.text };
      if (candidate.source.kind !== "plain") failedLatex.push([candidate.start, candidate.end]);
    }
  }
  return result;
}

/**
 * Every completion of a problem is graded against the same ground truth; its extraction is kept unless
 * the budget ran out (then the result may be partial). Oldest entries are dropped first, and long ground
 * truths are not kept, so that the cache stays small.
 */
const MAX_CACHED_GOLDS = 1024;
const MAX_CACHED_GOLD_LENGTH = 1000;
const goldCache = new Map<string, ExtractedAnswer>();

function extractGold(goldText: string): ExtractedAnswer {
  const cached = goldCache.get(goldText);
  if (cached) return cached;
  const budget = createBudget(EXTRACTION_TIME_LIMIT_MS);
  const gold = extractAnswer(`\\boxed{${goldText}}`, GOLD_TARGETS, budget);
  if (goldText.length <= MAX_CACHED_GOLD_LENGTH && !budget.expired()) {
    if (goldCache.size >= MAX_CACHED_GOLDS) goldCache.delete(goldCache.keys().next().value!);
    goldCache.set(goldText, gold);
  }
  return gold;
}

/**
 * The full grading path: every extraction priority, LaTeX conversion and mathjs comparison. Exported so
 * that tests can check `gradeAnswer`'s shortcut against it.
 */
export function gradeAnswerSlow(completion: string, groundTruth: string | number): GradeResult {
  try {
    const pred = extractAnswer(
      String(completion).slice(-MAX_SCANNED_CHARS),
      PREDICTION_TARGETS,
      createBudget(EXTRACTION_TIME_LIMIT_MS),
    );
    const extracted = pred.text ?? pred.fallback;
    const goldText = String(groundTruth);
    if (goldText.length > MAX_SCANNED_CHARS) return { reward: 0, extracted };
    const gold = extractGold(goldText);
    const sameValue =
      gold.value !== null &&
      pred.value !== null &&
      areValuesEqual(gold.value, pred.value, createBudget(COMPARISON_TIME_LIMIT_MS));
    const sameText = gold.fallback !== null && gold.fallback === pred.fallback;
    return { reward: sameValue || sameText ? 1 : 0, extracted };
  } catch {
    return { reward: 0, extracted: null };
  }
}

/**
 * Grades `completion` against `groundTruth` (datasets store answers as strings or numbers). The gold is
 * read as `\boxed{groundTruth}` with LaTeX extraction only; the completion with LaTeX and plain-number
 * extraction. Equal parsed values, or equal fallback strings, give reward 1. A literal in the last box
 * against a literal ground truth takes an exact shortcut (grade-boxed-literal.ts).
 */
export function gradeAnswer(completion: string, groundTruth: string | number): GradeResult {
  if (
    typeof completion === "string" &&
    (typeof groundTruth === "string" || typeof groundTruth === "number")
  ) {
    const pred = readBoxedLiteral(completion.slice(-MAX_SCANNED_CHARS));
    const gold = pred && readBoxedLiteral(`\\boxed{${String(groundTruth)}}`);
    if (pred && gold) return { reward: gradeLiterals(gold, pred), extracted: pred.text };
  }
  return gradeAnswerSlow(completion, groundTruth);
}
