/**
 * Exact shortcut for the usual shape of a completion, "…reasoning… \boxed{<literal>}", graded against a
 * literal ground truth: an integer (also "-5", "017", "1,000"), a decimal ("12.5") or a fraction
 * ("\frac{3}{4}", "-\dfrac{3}{4}"). It returns what the full path (extraction, LaTeX conversion, mathjs)
 * would, or null whenever it cannot be sure, and the caller then runs the full path.
 *
 * Why the result is the same: the full path keeps the first candidate that parses, lowest priority first.
 * Priority 0 needs the words "I hope" after the answer; without them the first group is priority 50, the
 * "final answer … is X" phrases and the boxes, rightmost end first. When nothing after the last box
 * holds a "}", no other box ends later, and "final answer" phrases are harmless when none is followed by
 * "<space>is" (they then yield nothing), or when the text ends with the simulator's "final answer is
 * $\boxed{X}$." or "final answer is \boxed{X}." (the first yields the span "$\boxed{X}$", which normalises
 * to the same X; the second yields nothing). So the box is the first candidate, and a literal always
 * parses. The literal's value is what mathjs computes from the converted source ("- 17",
 * "( ( 3 ) / ( 4 ) )": one IEEE operation at most), and the comparison itself is the full path's.
 */
import { areValuesEqual } from "./compare-answers";
import type { Budget } from "./compare-answers";
import type { CompiledExpression, ComplexValue } from "./mathjs-sandbox";
import type { ScalarValue } from "./parse-answer";

export interface LiteralAnswer {
  /** the answer text as the full path normalises it (\dfrac and friends become \frac) */
  text: string;
  value: ScalarValue;
}

const BOXED_OPEN = "\\boxed{";
/** Longer literals are left to the full path (its converter refuses sources over 1000 characters). */
const MAX_LITERAL_LENGTH = 100;
/** A literal box content and the box's closing brace, tried right after "\boxed{". */
const LITERAL =
  /(?:(?<integer>-?\d+)|(?<grouped>-?\d{1,3}(?:,\d{3})+)|(?<decimal>-?\d+\.\d+)|(?<fraction>(?<sign>-?)\\[dtc]?frac\{(?<numerator>\d+)\}\{(?<denominator>\d+)\}))\}/y;
const FINAL_ANSWER = /final answer/i;
const FINAL_ANSWER_LENGTH = "final answer".length;
/** What the "final answer" phrases need before their answer (`\s+is:?`). */
const SPACE_IS = /\s+is/g;
const ONLY_DOLLAR_THEN_DOTS = /^\$[.\s]*$/;
const ONLY_DOTS = /^[.\s]*$/;
const COMMAS = /,/g;

/** Budgets guard open-ended work; comparing two literals is a handful of operations. */
class Unlimited implements Budget {
  expired(): boolean {
    return false;
  }
}
const UNLIMITED = new Unlimited();
const NO_VARIABLES: readonly string[] = [];

/** A literal's value; classes, not closures, because one is made per grade. */
class ConstantExpression implements CompiledExpression {
  readonly variables = NO_VARIABLES;
  private readonly value: ComplexValue;

  constructor(re: number) {
    this.value = { re, im: 0 };
  }

  evaluate(): ComplexValue {
    return this.value;
  }
}

function createLiteral(text: string, re: number, integer: bigint | null, hasFloat: boolean): LiteralAnswer {
  const value: ScalarValue = {
    kind: "scalar",
    expression: new ConstantExpression(re),
    hasFloat,
    integer,
    infinite: false,
  };
  return { text, value };
}

/** The literal matched by LITERAL, valued as the full path values it. */
function readLiteralGroups(groups: Record<string, string | undefined>): LiteralAnswer | null {
  const { integer, grouped, decimal, numerator, denominator } = groups;
  // mathjs reads each number token with Number(); a leading "-" is a unary minus, which is exact.
  if (integer !== undefined) return createLiteral(integer, Number(integer), BigInt(integer), false);
  if (grouped !== undefined) {
    const digits = grouped.replace(COMMAS, "");
    return createLiteral(grouped, Number(digits), BigInt(digits), false);
  }
  if (decimal !== undefined) return createLiteral(decimal, Number(decimal), null, true);
  if (numerator === undefined || denominator === undefined) return null;
  const negative = groups.sign === "-";
  const quotient = Number(numerator) / Number(denominator);
  const text = `${negative ? "-" : ""}\\frac{${numerator}}{${denominator}}`;
  return createLiteral(text, negative ? -quotient : quotient, null, false);
}

/** No "final answer" phrase can produce a candidate that outranks or differs from the box. */
function areFinalAnswerPhrasesHarmless(text: string, boxStart: number, boxEnd: number): boolean {
  const first = text.search(FINAL_ANSWER);
  if (first === -1) return true;
  const afterPhrase = first + FINAL_ANSWER_LENGTH;
  SPACE_IS.lastIndex = afterPhrase;
  if (!SPACE_IS.test(text)) return true;
  const between = text.slice(afterPhrase, boxStart);
  const rest = text.slice(boxEnd);
  return (
    (between === " is $" && ONLY_DOLLAR_THEN_DOTS.test(rest)) || (between === " is " && ONLY_DOTS.test(rest))
  );
}

/**
 * The answer the full path extracts from `text` (already cut to its scanned tail), when it is the literal
 * in the last `\boxed{}` and provably the first candidate; otherwise null.
 */
export function readBoxedLiteral(text: string): LiteralAnswer | null {
  const start = text.lastIndexOf(BOXED_OPEN);
  if (start === -1) return null;
  LITERAL.lastIndex = start + BOXED_OPEN.length;
  const m = LITERAL.exec(text);
  if (!m?.groups || m[0].length > MAX_LITERAL_LENGTH) return null;
  const end = start + BOXED_OPEN.length + m[0].length;
  if (text.indexOf("}", end) !== -1 || text.includes("I hope")) return null;
  if (!areFinalAnswerPhrasesHarmless(text, start, end)) return null;
  return readLiteralGroups(m.groups);
}

/** Reward of a literal prediction against a literal gold: equal values or equal normalised texts. */
export function gradeLiterals(gold: LiteralAnswer, pred: LiteralAnswer): 0 | 1 {
  return gold.text === pred.text || areValuesEqual(gold.value, pred.value, UNLIMITED) ? 1 : 0;
}
