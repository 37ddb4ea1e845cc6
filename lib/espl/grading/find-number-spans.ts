/**
 * Plain-text answers (math-verify's expression extraction): numbers with thousands separators, decimals
 * (also "3,5"), leading zeros and a percent word, and simple arithmetic such as "3/4" or "2^10 - 1".
 * Both must follow the start of the text, whitespace or "=", so "XDY2K" does not yield "2". The
 * arithmetic pattern is matched by a hand-written scanner over precomputed tables (the equivalent regular
 * expression backtracks cubically on long runs of digits and spaces).
 */
import { CODE, isDigitCode, isSpaceCode } from "./char-codes";

/** A plain number or arithmetic expression found in text[start, end). */
export interface NumberSpanMatch {
  start: number;
  end: number;
  kind: "number" | "expression";
  /** number: digits without separators and leading zeros ("0012.50" → "12.50"); expression: as written */
  text: string;
  percent: boolean;
  /** start of the value itself (after the prefix), used to skip numbers inside failed LaTeX spans */
  valueStart: number;
}

const CURRENCY = "$€£¥₹₽₪₩₫฿₡₢₣₤₥₦₧₨₭₮₯₰₱₲₳₴₵₶₷₸₺₻₼₾₿";
const NUMBER = new RegExp(
  String.raw`(?:^|[\s=])(?:\*\*)?[${CURRENCY.replace(/\$/g, "\\$")}]?(?<![0-9])` +
    String.raw`(?:(?<grouped>-?[1-9]\d{0,2}(?:[ ,]\d{3})+)(?<groupedFraction>\.\d+)?` +
    String.raw`|(?<whole>-?\d+)(?<fraction>[.,]\d+)|(?<bareFraction>\.\d+)|(?<integer>-?\d+))` +
    String.raw`(?<percent>\s*(?:%|[Pp]ercent|\s*[Pp]ercentage|\s*[Pp]ct))?`,
  "y",
);
/**
 * The first digit of a NUMBER match lies at most this far after its start: prefix, "**", one currency
 * sign (all are single UTF-16 units) and a "-" or "." before it. No digit there means no match.
 */
const NUMBER_DIGIT_REACH = 5;
const SEPARATORS = /[-, ]/g;
const LEADING_ZEROS = /^0+/;
const VALUE_START = /[-.\d]/;

/** The operators of the arithmetic pattern: + - * × / ^ ( ) ÷ */
function isOperatorCode(code: number): boolean {
  switch (code) {
    case CODE.plus:
    case CODE.minus:
    case CODE.star:
    case CODE.times:
    case CODE.slash:
    case CODE.caret:
    case CODE.openParen:
    case CODE.closeParen:
    case CODE.divide:
      return true;
    default:
      return false;
  }
}

const isExpressionCode = (code: number) =>
  isDigitCode(code) || code === CODE.dot || isSpaceCode(code) || isOperatorCode(code);

/** What may follow an expression: the end of the text, or one of . , : ) $ and whitespace. */
const isSuffixCode = (code: number) =>
  Number.isNaN(code) ||
  code === CODE.dot ||
  code === CODE.comma ||
  code === CODE.colon ||
  code === CODE.closeParen ||
  code === CODE.dollar ||
  isSpaceCode(code);

const isPrefixCode = (code: number) => code === CODE.equals || isSpaceCode(code);

/** Per-text lookup tables that make each expression attempt O(1). */
interface ExpressionTables {
  /** first index ≥ i whose character is not an expression character */
  runEnd: Int32Array;
  /** largest j ≤ i where an expression may end (suffix matches at j), or -1 */
  lastEnd: Int32Array;
  /** largest j ≤ i holding an operator character, or -1 */
  lastOperator: Int32Array;
}

function buildTables(text: string): ExpressionTables {
  const n = text.length;
  const runEnd = new Int32Array(n + 1);
  runEnd[n] = n;
  for (let i = n - 1; i >= 0; i--) runEnd[i] = isExpressionCode(text.charCodeAt(i)) ? runEnd[i + 1]! : i;
  const lastEnd = new Int32Array(n + 1);
  const lastOperator = new Int32Array(n + 1);
  let end = -1;
  let op = -1;
  for (let i = 0; i <= n; i++) {
    const code = text.charCodeAt(i);
    const doubleStar = code === CODE.star && text.charCodeAt(i + 1) === CODE.star;
    if (isSuffixCode(code) || (doubleStar && isSuffixCode(text.charCodeAt(i + 2)))) end = i;
    if (isOperatorCode(code)) op = i;
    lastEnd[i] = end;
    lastOperator[i] = op;
  }
  return { runEnd, lastEnd, lastOperator };
}

function suffixLength(text: string, at: number): number {
  if (at >= text.length) return 0;
  return text.startsWith("**", at) && at + 2 <= text.length ? (at + 2 === text.length ? 2 : 3) : 1;
}

/** Finds plain numbers and expressions in one text; tables are built on the first expression attempt. */
export class NumberScanner {
  private tables: ExpressionTables | null = null;

  constructor(readonly text: string) {}

  /** Expression, else number, whose prefix starts exactly at `at`. */
  matchAt(at: number): NumberSpanMatch | null {
    return this.matchExpressionAt(at) ?? this.matchNumberAt(at);
  }

  /** Leftmost non-overlapping expressions, then leftmost non-overlapping numbers (two separate patterns). */
  findAll(): NumberSpanMatch[] {
    const found: NumberSpanMatch[] = [];
    this.collectAll(found, false);
    this.collectAll(found, true);
    return found;
  }

  private collectAll(found: NumberSpanMatch[], numbers: boolean): void {
    const { text } = this;
    for (let at = 0; at < text.length;) {
      // Every match begins with its prefix: the start of the text, whitespace or "=".
      const canStart = at === 0 || isPrefixCode(text.charCodeAt(at));
      const m = !canStart ? null : numbers ? this.matchNumberAt(at) : this.matchExpressionAt(at);
      if (m) {
        found.push(m);
        at = Math.max(m.end, at + 1);
      } else at++;
    }
  }

  /**
   * Bodies right after the prefix "(^|\s|=)(\*\*)?" at `at`, in the order the pattern tries them: the
   * empty prefix at the start of the text first, and "**" taken before it is left out.
   */
  private matchExpressionAt(at: number): NumberSpanMatch | null {
    if (at === 0) {
      const m = this.matchExpressionAfterStars(at, 0);
      if (m) return m;
    }
    return isPrefixCode(this.text.charCodeAt(at)) ? this.matchExpressionAfterStars(at, at + 1) : null;
  }

  private matchExpressionAfterStars(at: number, body: number): NumberSpanMatch | null {
    if (this.text.startsWith("**", body)) {
      const m = this.matchExpressionBody(at, body + 2);
      if (m) return m;
    }
    return this.matchExpressionBody(at, body);
  }

  private matchExpressionBody(at: number, body: number): NumberSpanMatch | null {
    const { text } = this;
    let digit = body;
    if (text.charCodeAt(digit) === CODE.minus) digit++;
    if (text.charCodeAt(digit) === CODE.openParen) digit++;
    if (text.charCodeAt(digit) === CODE.minus) digit++;
    if (!isDigitCode(text.charCodeAt(digit))) return null;
    const tables = (this.tables ??= buildTables(text));
    // The greedy pattern ends at the last place a suffix can follow inside the run, provided an
    // operator (followed by at least one more character) occurs after the first digit.
    const end = tables.lastEnd[tables.runEnd[digit]!]!;
    if (end < digit + 3 || tables.lastOperator[end - 2]! < digit + 1) return null;
    return {
      start: at,
      end: end + suffixLength(text, end),
      kind: "expression",
      text: text.slice(body, end),
      percent: false,
      valueStart: body,
    };
  }

  private matchNumberAt(at: number): NumberSpanMatch | null {
    const { text } = this;
    if (!this.hasDigitNear(at)) return null;
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text);
    if (!m?.groups) return null;
    const g = m.groups;
    const rawInteger = g.grouped ?? g.whole ?? g.integer ?? "";
    const rawFraction = (g.groupedFraction ?? g.fraction ?? g.bareFraction ?? "").replace(",", ".");
    const negative = rawInteger.startsWith("-");
    const digits = rawInteger.replace(SEPARATORS, "").replace(LEADING_ZEROS, "") || "0";
    return {
      start: at,
      end: at + m[0].length,
      kind: "number",
      text: `${negative ? "-" : ""}${digits}${rawFraction}`,
      percent: g.percent !== undefined,
      valueStart: at + m[0].search(VALUE_START),
    };
  }

  private hasDigitNear(at: number): boolean {
    const limit = Math.min(at + NUMBER_DIGIT_REACH, this.text.length - 1);
    for (let i = at; i <= limit; i++) if (isDigitCode(this.text.charCodeAt(i))) return true;
    return false;
  }
}
