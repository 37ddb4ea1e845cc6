/**
 * Turns an extracted answer string into a comparable value: a scalar expression, a list (tuple, interval
 * or set, bare "1, 2" counting as a set) or an equation ("x = 5", "7 + 1 = 8"). Anything with
 * inequalities, ± or set operators stays unparsed and is only compared as a string.
 */
import type { NumberSpanMatch } from "./find-number-spans";
import { convertLatexToMathjs } from "./latex-to-mathjs";
import { compileExpression } from "./mathjs-sandbox";
import type { CompiledExpression } from "./mathjs-sandbox";

export interface ScalarValue {
  kind: "scalar";
  expression: CompiledExpression;
  /** a decimal literal was written, so numbers compare rounded to 6 decimals */
  hasFloat: boolean;
  /** exact value when the answer is a plain integer literal (beyond 2^53 doubles are not exact) */
  integer: bigint | null;
  /** written with \infty; only such answers may equal an infinite value (not an overflow like 2^{2024}) */
  infinite: boolean;
}

export interface ListValue {
  kind: "list";
  /** "(", "[", "{" or "" (bare comma list) */
  open: string;
  close: string;
  items: ScalarValue[];
}

export interface EquationValue {
  kind: "equation";
  sides: (ScalarValue | ListValue)[];
}

export type MathValue = ScalarValue | ListValue | EquationValue;

const MAX_ITEMS = 50;
const UNSUPPORTED =
  /\\(?:leq?|geq?|neq?|lt|gt|approx|equiv|sim|pm|mp|cup|cap|setminus|in|notin|subset|subseteq|to|mid|dots|ldots|cdots|vdots|forall|exists|lor|land|wedge|vee|implies|iff|text\{\s*(?:or|and)\s*\})(?![a-zA-Z])|[<>≤≥≠±]/;
const THOUSANDS = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const INTEGER = /^-?\d+$/;
const COMMAS = /,/g;
const PERCENT_AT_END = /\s*%$/;
const OPENS_LIST = /^[([]/;
const CLOSES_LIST = /[)\]]$/;
const TIMES_SIGN = /×/g;
const DIVISION_SIGN = /÷/g;
const WHITESPACE_RUN = /\s+/g;

function depthDelta(c: string): number {
  if (c === "(" || c === "[" || c === "{") return 1;
  if (c === ")" || c === "]" || c === "}") return -1;
  return 0;
}

/** Splits on `separator` outside any brackets or braces (`\{…\}` counts as braces). */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    depth += depthDelta(c);
    if (depth === 0 && c === separator) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts.map((p) => p.trim());
}

/** True when the bracket opened at index 0 closes exactly at the last character. */
function isWrapped(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    depth += depthDelta(text[i]!);
    if (depth === 0) return i === text.length - 1;
  }
  return false;
}

/** Scalar from mathjs source; `percent` divides by 100 (a percentage answer). */
function createScalar(
  source: string,
  hasFloat: boolean,
  literal: string | null,
  percent: boolean,
): ScalarValue | null {
  const expression = compileExpression(percent ? `(${source}) / 100` : source);
  if (!expression) return null;
  const integer = !percent && literal !== null && INTEGER.test(literal) ? BigInt(literal) : null;
  return { kind: "scalar", expression, hasFloat, integer, infinite: source.includes("Infinity") };
}

function parseLatexScalar(latex: string, percent: boolean): ScalarValue | null {
  const text = THOUSANDS.test(latex) ? latex.replace(COMMAS, "") : latex;
  const converted = convertLatexToMathjs(text);
  return converted ? createScalar(converted.source, converted.hasFloat, text, percent) : null;
}

function parseLatexListOrScalar(latex: string, percent: boolean): ScalarValue | ListValue | null {
  const text = latex.trim();
  if (text === "" || THOUSANDS.test(text)) return text === "" ? null : parseLatexScalar(text, percent);
  let open = "";
  let close = "";
  let inner = text;
  if (text.startsWith("\\{") && text.endsWith("\\}") && isWrapped(text.slice(1))) {
    [open, close, inner] = ["{", "}", text.slice(2, -2)];
  } else if (OPENS_LIST.test(text) && CLOSES_LIST.test(text) && isWrapped(text)) {
    [open, close, inner] = [text[0]!, text.at(-1)!, text.slice(1, -1)];
  }
  const parts = splitTopLevel(inner, ",");
  if (parts.length > MAX_ITEMS) return null;
  if (parts.length === 1 && open !== "{") return parseLatexScalar(text, percent);
  const items: ScalarValue[] = [];
  for (const part of parts) {
    const item = parseLatexScalar(part, percent);
    if (!item) return null;
    items.push(item);
  }
  return { kind: "list", open, close, items };
}

/** Parses normalised LaTeX (see normalize-latex.ts); null when the grader cannot model it. */
export function parseLatexValue(latex: string, percent = false): MathValue | null {
  let text = latex.trim();
  if (text.endsWith("%")) {
    text = text.replace(PERCENT_AT_END, "");
    percent = true;
  }
  if (text === "" || UNSUPPORTED.test(text)) return null;
  const sides = splitTopLevel(text, "=");
  if (sides.length === 1) return parseLatexListOrScalar(text, percent);
  const parsed: (ScalarValue | ListValue)[] = [];
  for (const side of sides) {
    const value = parseLatexListOrScalar(side, percent);
    if (!value) return null;
    parsed.push(value);
  }
  return { kind: "equation", sides: parsed };
}

/** A plain-text number or arithmetic expression (expression extraction). */
export function parseNumberValue(match: NumberSpanMatch): ScalarValue | null {
  if (match.kind === "number") {
    return createScalar(match.text, match.text.includes("."), match.text, match.percent);
  }
  const source = match.text.replace(TIMES_SIGN, "*").replace(DIVISION_SIGN, "/").replace(WHITESPACE_RUN, " ");
  return createScalar(source, source.includes("."), null, false);
}
