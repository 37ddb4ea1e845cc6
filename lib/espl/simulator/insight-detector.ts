/**
 * Reads declarative knowledge out of principles: which category insights a principle carries, and
 * whether it carries them the right way round ("use inclusion-exclusion") or steers away from them
 * ("skip inclusion-exclusion"). The simulated policy reads the principles back out of the rendered prompt
 * (SPEC §4.2 `[G0]. text` lines), so it sees exactly what a real model would see.
 */
import { CATEGORIES } from "./categories";
import type { CategoryId } from "./category-types";

export interface ParsedPrinciple {
  id: string;
  text: string;
}

export interface PrincipleInsights {
  /** Categories whose insight the principle recommends. */
  helpful: CategoryId[];
  /** Categories whose insight it tells the model to avoid. */
  misleading: CategoryId[];
}

export interface PromptFeatures {
  principleCount: number;
  wordCount: number;
  /**
   * Per category, the principle carrying its insight and how strongly: a principle that crams in m
   * insights carries each with strength 1/√m (a checklist teaches less than one focused lesson).
   */
  helpful: Map<CategoryId, { id: string; strength: number }>;
  misleading: Map<CategoryId, string>;
  /** Some principle asks the model to verify its result. */
  verification: boolean;
}

const PRINCIPLE_LINE = /^\[([^\]\n]+)\]\. (.*)$/;

/**
 * `[id]. text` lines, in order. A line that does not start a principle continues the previous one (a
 * principle text may contain newlines); lines before the first principle are the problem statement.
 */
export function parsePromptPrinciples(prompt: string): ParsedPrinciple[] {
  const principles: ParsedPrinciple[] = [];
  for (const line of prompt.split("\n")) {
    const match = PRINCIPLE_LINE.exec(line);
    if (match) principles.push({ id: match[1]!, text: match[2]! });
    else if (principles.length > 0) principles[principles.length - 1]!.text += `\n${line}`;
  }
  return principles;
}

/** "Never forget to check parity" recommends parity: strip such double negatives before looking. */
const DOUBLE_NEGATIVE = /\b(?:never|don't|do not)\s+(?:forget|skip|neglect|omit|ignore)\b/gi;
const NEGATION = /\b(?:never|avoid|avoiding|don't|do not|ignore|skip|instead of|rather than|no need)\b/i;
const CLAUSE_END = /[.;:!?]/g;
const WORDS_LOOKED_BACK = 4;
const VERIFICATION =
  /\bverif(?:y|ies|ication)\b|\bdouble-check\b|\bre-derive\b|\bsubstitute (?:it|the result) back\b|\bsanity[- ]check\b/i;

/** A negation among the few words before the match, in the same clause. */
function isNegated(text: string, matchIndex: number): boolean {
  const before = text.slice(0, matchIndex);
  let clauseStart = 0;
  for (const end of before.matchAll(CLAUSE_END)) clauseStart = end.index + 1;
  const words = before.slice(clauseStart).trim().split(/\s+/).slice(-WORDS_LOOKED_BACK).join(" ");
  return NEGATION.test(words);
}

export function readPrincipleInsights(text: string): PrincipleInsights {
  const cleaned = text.replace(DOUBLE_NEGATIVE, "remember to");
  const helpful: CategoryId[] = [];
  const misleading: CategoryId[] = [];
  for (const category of CATEGORIES) {
    const pattern = new RegExp(category.keywords.source, "gi");
    let recommended = false;
    let negated = false;
    for (const match of cleaned.matchAll(pattern)) {
      if (isNegated(cleaned, match.index)) negated = true;
      else recommended = true;
    }
    if (recommended) helpful.push(category.id);
    else if (negated) misleading.push(category.id);
  }
  return { helpful, misleading };
}

export function carriesVerification(text: string): boolean {
  return VERIFICATION.test(text);
}

export function analysePrinciples(principles: readonly ParsedPrinciple[]): PromptFeatures {
  const features: PromptFeatures = {
    principleCount: principles.length,
    wordCount: 0,
    helpful: new Map(),
    misleading: new Map(),
    verification: false,
  };
  for (const principle of principles) {
    features.wordCount += principle.text.split(/\s+/).filter(Boolean).length;
    if (carriesVerification(principle.text)) features.verification = true;
    const insights = readPrincipleInsights(principle.text);
    const strength = 1 / Math.sqrt(Math.max(insights.helpful.length, 1));
    for (const id of insights.helpful) {
      const known = features.helpful.get(id);
      if (!known || known.strength < strength) features.helpful.set(id, { id: principle.id, strength });
    }
    for (const id of insights.misleading)
      if (!features.misleading.has(id)) features.misleading.set(id, principle.id);
  }
  return features;
}

export function readPromptFeatures(prompt: string): PromptFeatures {
  return analysePrinciples(parsePromptPrinciples(prompt));
}
