/**
 * Finds LaTeX math spans the way math-verify's LaTeX extraction does (`$$…$$`, `\[…\]`, `$…$`, `\(…\)`,
 * ` […] `, a bare `\frac{a}{b}`, an optional percent sign after, and up to five more spans joined by
 * "," / "and" / "or"), plus `\boxed{…}` contents with balanced braces. Written as small scanners instead
 * of one big regular expression so that long or hostile completions cannot trigger catastrophic
 * backtracking: every scan stops at the next delimiter, which keeps the total work near-linear.
 */
import { CODE, isDigitCode, isSpaceCode } from "./char-codes";

/** One math span; `content` is the LaTeX between the delimiters. */
export interface LatexPiece {
  content: string;
  percent: boolean;
}

/** A match of "span (joined spans)*" covering text[start, end). */
export interface LatexSpanMatch {
  start: number;
  end: number;
  pieces: LatexPiece[];
}

interface SingleSpan {
  start: number;
  end: number;
  piece: LatexPiece;
}

const MAX_JOINED_SPANS = 5;
const PERCENT_SUFFIX = /\s*(?:\\?%|[Pp]ercent|[Pp]ct)/y;
const JOINER = /\s*(?:,?\s*and|,?\s*or|,)\s*/y;
const BARE_FRACTION = /-?\\frac\{-?\d+(?:[.,]\d+)?\}\{-?\d+(?:[.,]\d+)?\}/y;
const SPAN_STARTS = /\$|\\[[(]|-?\\frac\{|\s\[/g;

/**
 * `indexOf` that reuses its last answer when a later search starts before the hit it found, so that
 * many openers waiting on the same closer cost one scan in total.
 */
class NeedleFinder {
  private searchedFrom = Number.POSITIVE_INFINITY;
  private hit = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  find(from: number): number {
    if (from >= this.searchedFrom && (this.hit === -1 || from <= this.hit)) return this.hit;
    this.searchedFrom = from;
    this.hit = this.text.indexOf(this.needle, from);
    return this.hit;
  }
}

/** Math spans of one text; the closer caches live as long as the scanner. */
export class LatexScanner {
  private readonly displayDollar: NeedleFinder;
  private readonly displayClose: NeedleFinder;
  private readonly parenClose: NeedleFinder;
  private readonly newline: NeedleFinder;

  constructor(readonly text: string) {
    this.displayDollar = new NeedleFinder(text, "$$");
    this.displayClose = new NeedleFinder(text, "\\]");
    this.parenClose = new NeedleFinder(text, "\\)");
    this.newline = new NeedleFinder(text, "\n");
  }

  /** The span (with percent and joined spans) that starts exactly at `at`, if any. */
  matchAt(at: number): LatexSpanMatch | null {
    const first = this.matchSingle(at);
    if (!first) return null;
    const { text } = this;
    const result: LatexSpanMatch = { start: first.start, end: first.end, pieces: [first.piece] };
    for (let n = 0; n < MAX_JOINED_SPANS; n++) {
      JOINER.lastIndex = result.end;
      const joiner = JOINER.exec(text);
      if (!joiner) break;
      const after = result.end + joiner[0].length;
      // The " [x] " form starts with whitespace the joiner may have swallowed; give one character back.
      const next =
        this.matchSingle(after) ??
        (after > result.end && isSpaceCode(text.charCodeAt(after - 1)) ? this.matchSingle(after - 1) : null);
      if (!next) break;
      result.end = next.end;
      result.pieces.push(next.piece);
    }
    return result;
  }

  /** Leftmost non-overlapping spans, like `re.finditer`. */
  findAll(): LatexSpanMatch[] {
    const matches: LatexSpanMatch[] = [];
    const { text } = this;
    let position = 0;
    while (position < text.length) {
      SPAN_STARTS.lastIndex = position;
      const start = SPAN_STARTS.exec(text);
      if (!start) break;
      const match = this.matchAt(start.index);
      if (match) {
        matches.push(match);
        position = Math.max(match.end, start.index + 1);
      } else {
        position = start.index + 1;
      }
    }
    return matches;
  }

  private escapedAt(i: number): boolean {
    return i > 0 && this.text.charCodeAt(i - 1) === CODE.backslash;
  }

  /** One span with its optional percent suffix; alternatives in math-verify's order. */
  private matchSingle(i: number): SingleSpan | null {
    const { text } = this;
    const code = text.charCodeAt(i);
    let contentStart = i + 2;
    let contentEnd = -1;
    if (code === CODE.dollar) {
      contentEnd = this.closeDisplayDollar(i);
      if (contentEnd === -1) {
        contentStart = i + 1;
        contentEnd = this.closeInlineDollar(i);
      }
    } else if (code === CODE.backslash) {
      const next = text.charCodeAt(i + 1);
      if (next === CODE.openBracket) contentEnd = this.closeDisplayBracket(i);
      else if (next === CODE.openParen) contentEnd = this.closeInlineParen(i);
      if (contentEnd === -1) return this.matchFraction(i);
    } else if (isSpaceCode(code)) {
      contentEnd = this.closeInlineBracket(i);
    } else {
      return this.matchFraction(i);
    }
    if (contentEnd === -1) return code === CODE.dollar || isSpaceCode(code) ? null : this.matchFraction(i);
    // Every delimiter pair is as wide on the right as on the left: "$$", "\]", "\)" and "] " are 2, "$" 1.
    const end = contentEnd + (contentStart - i);
    return this.withPercent(i, end, text.slice(contentStart, contentEnd));
  }

  private withPercent(start: number, spanEnd: number, content: string): SingleSpan {
    PERCENT_SUFFIX.lastIndex = spanEnd;
    const percent = PERCENT_SUFFIX.exec(this.text);
    const end = percent ? spanEnd + percent[0].length : spanEnd;
    return { start, end, piece: { content, percent: percent !== null } };
  }

  /** `$$…$$`: end of the content, or -1. */
  private closeDisplayDollar(i: number): number {
    if (!this.text.startsWith("$$", i) || this.escapedAt(i)) return -1;
    const close = this.displayDollar.find(i + 2);
    return close <= i + 2 || this.escapedAt(close) ? -1 : close;
  }

  /** `\[…\]`: end of the content, or -1. */
  private closeDisplayBracket(i: number): number {
    if (this.escapedAt(i)) return -1;
    const close = this.displayClose.find(i + 2);
    return close <= i + 2 || this.escapedAt(close) ? -1 : close;
  }

  /** `$…$` on one line (`\$` inside does not close): end of the content, or -1. */
  private closeInlineDollar(i: number): number {
    const { text } = this;
    if (this.escapedAt(i) || isDigitCode(text.charCodeAt(i - 1))) return -1;
    for (let j = i + 1; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === CODE.newline) return -1;
      if (c === CODE.backslash && text.charCodeAt(j + 1) === CODE.dollar) {
        j++;
        continue;
      }
      if (c === CODE.dollar) return j > i + 1 ? j : -1;
    }
    return -1;
  }

  /** `\(…\)` on one line: end of the content, or -1. */
  private closeInlineParen(i: number): number {
    if (this.escapedAt(i)) return -1;
    const close = this.parenClose.find(i + 2);
    const newline = this.newline.find(i + 2);
    if (close <= i + 2 || (newline !== -1 && newline < close) || this.escapedAt(close)) return -1;
    return close;
  }

  /** ` [x] ` (whitespace before and after, one line, no nested "["): end of the content, or -1. */
  private closeInlineBracket(i: number): number {
    const { text } = this;
    if (text.charCodeAt(i + 1) !== CODE.openBracket) return -1;
    for (let j = i + 2; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === CODE.newline || c === CODE.openBracket) return -1;
      if (c === CODE.closeBracket) return j > i + 2 && isSpaceCode(text.charCodeAt(j + 1)) ? j : -1;
    }
    return -1;
  }

  private matchFraction(i: number): SingleSpan | null {
    BARE_FRACTION.lastIndex = i;
    const m = BARE_FRACTION.exec(this.text);
    return m ? this.withPercent(i, i + m[0].length, m[0]) : null;
  }
}

export interface BoxedMatch {
  start: number;
  end: number;
  content: string;
}

const BOXED = /\\(?:boxed|fbox)\s*(?=\{)/g;
const MAX_BOXED = 50;

/**
 * Index of the matching "}" for each of `opens` (ascending positions of a box's "{"), or -1, by one pass
 * with a brace stack in which escaped braces do not count, so that many unclosed groups cost no more than
 * a few closed ones. The pass starts at the first box: a box's "{" follows "boxed", "fbox" or whitespace,
 * never a backslash, so a pass from the start of the text reads it as a brace too and, from there on,
 * reads every character the same way; braces opened earlier only sit below it on the stack. It stops
 * once every box is closed.
 */
function matchBraces(text: string, opens: readonly number[]): Int32Array {
  const closing = new Int32Array(opens.length).fill(-1);
  // Entries are indexes into `opens`, or -1 for a brace nobody asked about.
  const stack: number[] = [];
  let next = 0;
  let pending = 0;
  for (let i = opens[0] ?? text.length; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CODE.backslash) i++;
    else if (c === CODE.openBrace) {
      while (next < opens.length && opens[next]! < i) next++;
      if (opens[next] === i) {
        stack.push(next++);
        pending++;
      } else stack.push(-1);
    } else if (c === CODE.closeBrace && stack.length > 0) {
      const owner = stack.pop()!;
      if (owner === -1) continue;
      closing[owner] = i;
      if (--pending === 0 && next === opens.length) break;
    }
  }
  return closing;
}

/** Every `\boxed{…}` / `\fbox{…}` with balanced braces, in text order (the last 50 at most). */
export function findBoxed(text: string): BoxedMatch[] {
  if (!text.includes("\\boxed") && !text.includes("\\fbox")) return [];
  const starts: number[] = [];
  const opens: number[] = [];
  BOXED.lastIndex = 0;
  for (let m = BOXED.exec(text); m; m = BOXED.exec(text)) {
    starts.push(m.index);
    opens.push(m.index + m[0].length);
  }
  const closing = matchBraces(text, opens);
  const found: BoxedMatch[] = [];
  for (let k = 0; k < opens.length; k++) {
    const close = closing[k]!;
    if (close !== -1)
      found.push({ start: starts[k]!, end: close + 1, content: text.slice(opens[k]! + 1, close) });
  }
  return found.slice(-MAX_BOXED);
}

/** Contents of all boxed groups inside a span, or null when it has none. */
export function extractBoxedContents(latex: string): string[] | null {
  const boxed = findBoxed(latex);
  return boxed.length > 0 ? boxed.map((b) => b.content) : null;
}
