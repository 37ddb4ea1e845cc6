/**
 * Plain-text answers (math-verify's expression extraction): numbers with thousands separators, decimals
 * (also "3,5"), leading zeros and a percent word, and simple arithmetic such as "3/4" or "2^10 - 1".
 * Both must follow the start of the text, whitespace or "=", so "XDY2K" does not yield "2". The
 * arithmetic pattern is matched by a hand-written scanner over precomputed tables (the equivalent regular
 * expression backtracks cubically on long runs of digits and spaces).
 */

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

const OPERATORS = "+-*×/^()÷";
const isExpressionChar = (c: string | undefined) =>
  c !== undefined && (/[\d.\s]/.test(c) || OPERATORS.includes(c));
const isOperator = (c: string | undefined) => c !== undefined && OPERATORS.includes(c);
const isSuffixChar = (c: string | undefined) => c === undefined || /[.,:\s)$]/.test(c);

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
  for (let i = n - 1; i >= 0; i--) runEnd[i] = isExpressionChar(text[i]) ? runEnd[i + 1]! : i;
  const lastEnd = new Int32Array(n + 1);
  const lastOperator = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const suffixHere = isSuffixChar(text[i]) || (text.startsWith("**", i) && isSuffixChar(text[i + 2]));
    lastEnd[i] = suffixHere ? i : i > 0 ? lastEnd[i - 1]! : -1;
    lastOperator[i] = isOperator(text[i]) ? i : i > 0 ? lastOperator[i - 1]! : -1;
  }
  return { runEnd, lastEnd, lastOperator };
}

function suffixLength(text: string, at: number): number {
  if (at >= text.length) return 0;
  return text.startsWith("**", at) && at + 2 <= text.length ? (at + 2 === text.length ? 2 : 3) : 1;
}

export interface NumberScanner {
  /** Expression, else number, whose prefix starts exactly at `at`. */
  matchAt(at: number): NumberSpanMatch | null;
  /** Leftmost non-overlapping expressions, then leftmost non-overlapping numbers (two separate patterns). */
  findAll(): NumberSpanMatch[];
}

export function createNumberScanner(text: string): NumberScanner {
  let tables: ExpressionTables | null = null;

  /** Positions right after the prefix "(^|\s|=)(\*\*)?" at `at`, in the order the pattern tries them. */
  function afterPrefix(at: number): number[] {
    const starts: number[] = [];
    if (at === 0) starts.push(0);
    if (/[\s=]/.test(text[at] ?? "")) starts.push(at + 1);
    return starts.flatMap((s) => (text.startsWith("**", s) ? [s + 2, s] : [s]));
  }

  function matchExpressionAt(at: number): NumberSpanMatch | null {
    tables ??= buildTables(text);
    for (const body of afterPrefix(at)) {
      let digit = body;
      if (text[digit] === "-") digit++;
      if (text[digit] === "(") digit++;
      if (text[digit] === "-") digit++;
      if (!/\d/.test(text[digit] ?? "")) continue;
      // The greedy pattern ends at the last place a suffix can follow inside the run, provided an
      // operator (followed by at least one more character) occurs after the first digit.
      const end = tables.lastEnd[tables.runEnd[digit]!]!;
      if (end < digit + 3 || tables.lastOperator[end - 2]! < digit + 1) continue;
      return {
        start: at,
        end: end + suffixLength(text, end),
        kind: "expression",
        text: text.slice(body, end),
        percent: false,
        valueStart: body,
      };
    }
    return null;
  }

  function matchNumberAt(at: number): NumberSpanMatch | null {
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text);
    if (!m?.groups) return null;
    const g = m.groups;
    const rawInteger = g.grouped ?? g.whole ?? g.integer ?? "";
    const rawFraction = (g.groupedFraction ?? g.fraction ?? g.bareFraction ?? "").replace(",", ".");
    const negative = rawInteger.startsWith("-");
    const digits = rawInteger.replace(/[-, ]/g, "").replace(/^0+/, "") || "0";
    return {
      start: at,
      end: at + m[0].length,
      kind: "number",
      text: `${negative ? "-" : ""}${digits}${rawFraction}`,
      percent: g.percent !== undefined,
      valueStart: at + m[0].search(/[-.\d]/),
    };
  }

  function findAllWith(match: (at: number) => NumberSpanMatch | null): NumberSpanMatch[] {
    const found: NumberSpanMatch[] = [];
    for (let at = 0; at < text.length;) {
      // Every match begins with its prefix: the start of the text, whitespace or "=".
      const m = at === 0 || /[\s=]/.test(text[at]!) ? match(at) : null;
      if (m) {
        found.push(m);
        at = Math.max(m.end, at + 1);
      } else at++;
    }
    return found;
  }

  return {
    matchAt: (at) => matchExpressionAt(at) ?? matchNumberAt(at),
    findAll: () => [...findAllWith(matchExpressionAt), ...findAllWith(matchNumberAt)],
  };
}
