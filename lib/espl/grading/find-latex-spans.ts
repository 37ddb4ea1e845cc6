/**
 * Finds LaTeX math spans the way math-verify's LaTeX extraction does (`$$…$$`, `\[…\]`, `$…$`, `\(…\)`,
 * ` […] `, a bare `\frac{a}{b}`, an optional percent sign after, and up to five more spans joined by
 * "," / "and" / "or"), plus `\boxed{…}` contents with balanced braces. Written as small scanners instead
 * of one big regular expression so that long or hostile completions cannot trigger catastrophic
 * backtracking: every scan stops at the next delimiter, which keeps the total work near-linear.
 */

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

const MAX_JOINED_SPANS = 5;
const PERCENT_SUFFIX = /\s*(?:\\?%|[Pp]ercent|[Pp]ct)/y;
const JOINER = /\s*(?:,?\s*and|,?\s*or|,)\s*/y;
const BARE_FRACTION = /-?\\frac\{-?\d+(?:[.,]\d+)?\}\{-?\d+(?:[.,]\d+)?\}/y;
const SPAN_STARTS = /\$|\\[[(]|-?\\frac\{|\s\[/g;

/**
 * `indexOf` that reuses its last answer when a later search starts before the hit it found, so that
 * many openers waiting on the same closer cost one scan in total.
 */
function createFinder(text: string, needle: string): (from: number) => number {
  let searchedFrom = Number.POSITIVE_INFINITY;
  let hit = -1;
  return (from) => {
    if (from >= searchedFrom && (hit === -1 || from <= hit)) return hit;
    searchedFrom = from;
    hit = text.indexOf(needle, from);
    return hit;
  };
}

export interface LatexScanner {
  readonly text: string;
  /** The span (with percent and joined spans) that starts exactly at `at`, if any. */
  matchAt(at: number): LatexSpanMatch | null;
  /** Leftmost non-overlapping spans, like `re.finditer`. */
  findAll(): LatexSpanMatch[];
}

export function createLatexScanner(text: string): LatexScanner {
  const findDisplayDollar = createFinder(text, "$$");
  const findDisplayClose = createFinder(text, "\\]");
  const findParenClose = createFinder(text, "\\)");
  const findNewline = createFinder(text, "\n");
  const escapedAt = (i: number) => i > 0 && text[i - 1] === "\\";

  const span = (start: number, contentStart: number, contentEnd: number, end: number) => ({
    start,
    end,
    content: text.slice(contentStart, contentEnd),
  });

  function matchDisplayDollar(i: number) {
    if (!text.startsWith("$$", i) || escapedAt(i)) return null;
    const close = findDisplayDollar(i + 2);
    if (close <= i + 2 || escapedAt(close)) return null;
    return span(i, i + 2, close, close + 2);
  }

  function matchDisplayBracket(i: number) {
    if (!text.startsWith("\\[", i) || escapedAt(i)) return null;
    const close = findDisplayClose(i + 2);
    if (close <= i + 2 || escapedAt(close)) return null;
    return span(i, i + 2, close, close + 2);
  }

  function matchInlineDollar(i: number) {
    if (text[i] !== "$" || escapedAt(i) || /\d/.test(text[i - 1] ?? "")) return null;
    for (let j = i + 1; j < text.length; j++) {
      const c = text[j];
      if (c === "\n") return null;
      if (c === "\\" && text[j + 1] === "$") {
        j++;
        continue;
      }
      if (c === "$") return j > i + 1 ? span(i, i + 1, j, j + 1) : null;
    }
    return null;
  }

  function matchInlineParen(i: number) {
    if (!text.startsWith("\\(", i) || escapedAt(i)) return null;
    const close = findParenClose(i + 2);
    const newline = findNewline(i + 2);
    if (close <= i + 2 || (newline !== -1 && newline < close) || escapedAt(close)) return null;
    return span(i, i + 2, close, close + 2);
  }

  function matchInlineBracket(i: number) {
    if (!/\s/.test(text[i] ?? "") || text[i + 1] !== "[") return null;
    for (let j = i + 2; j < text.length; j++) {
      const c = text[j];
      if (c === "\n" || c === "[") return null;
      if (c === "]") return j > i + 2 && /\s/.test(text[j + 1] ?? "") ? span(i, i + 2, j, j + 2) : null;
    }
    return null;
  }

  function matchFraction(i: number) {
    BARE_FRACTION.lastIndex = i;
    const m = BARE_FRACTION.exec(text);
    return m ? span(i, i, i + m[0].length, i + m[0].length) : null;
  }

  /** One span with its optional percent suffix; alternatives in math-verify's order. */
  function matchSingle(i: number): { start: number; end: number; piece: LatexPiece } | null {
    const found =
      matchDisplayDollar(i) ??
      matchDisplayBracket(i) ??
      matchInlineDollar(i) ??
      matchInlineParen(i) ??
      matchInlineBracket(i) ??
      matchFraction(i);
    if (!found) return null;
    PERCENT_SUFFIX.lastIndex = found.end;
    const percent = PERCENT_SUFFIX.exec(text);
    const end = percent ? found.end + percent[0].length : found.end;
    return { start: found.start, end, piece: { content: found.content, percent: percent !== null } };
  }

  function matchAt(at: number): LatexSpanMatch | null {
    const first = matchSingle(at);
    if (!first) return null;
    const result: LatexSpanMatch = { start: first.start, end: first.end, pieces: [first.piece] };
    for (let n = 0; n < MAX_JOINED_SPANS; n++) {
      JOINER.lastIndex = result.end;
      const joiner = JOINER.exec(text);
      if (!joiner) break;
      const after = result.end + joiner[0].length;
      // The " [x] " form starts with whitespace the joiner may have swallowed; give one character back.
      const next =
        matchSingle(after) ??
        (after > result.end && /\s/.test(text[after - 1]!) ? matchSingle(after - 1) : null);
      if (!next) break;
      result.end = next.end;
      result.pieces.push(next.piece);
    }
    return result;
  }

  function findAll(): LatexSpanMatch[] {
    const matches: LatexSpanMatch[] = [];
    let position = 0;
    while (position < text.length) {
      SPAN_STARTS.lastIndex = position;
      const start = SPAN_STARTS.exec(text);
      if (!start) break;
      const match = matchAt(start.index);
      if (match) {
        matches.push(match);
        position = Math.max(match.end, start.index + 1);
      } else {
        position = start.index + 1;
      }
    }
    return matches;
  }

  return { text, matchAt, findAll };
}

/**
 * Index of the matching "}" for every "{" (escaped braces do not count), computed in one pass so that
 * many unclosed groups cost no more than a few closed ones.
 */
function matchBraces(text: string): Map<number, number> {
  const closing = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "{") open.push(i);
    else if (c === "}" && open.length > 0) closing.set(open.pop()!, i);
  }
  return closing;
}

export interface BoxedMatch {
  start: number;
  end: number;
  content: string;
}

const BOXED = /\\(?:boxed|fbox)\s*(?=\{)/g;
const MAX_BOXED = 50;

/** Every `\boxed{…}` / `\fbox{…}` with balanced braces, in text order (the last 50 at most). */
export function findBoxed(text: string): BoxedMatch[] {
  if (!text.includes("\\boxed") && !text.includes("\\fbox")) return [];
  const closing = matchBraces(text);
  const found: BoxedMatch[] = [];
  for (const m of text.matchAll(BOXED)) {
    const open = m.index + m[0].length;
    const close = closing.get(open);
    if (close !== undefined)
      found.push({ start: m.index, end: close + 1, content: text.slice(open + 1, close) });
  }
  return found.slice(-MAX_BOXED);
}

/** Contents of all boxed groups inside a span, or null when it has none. */
export function extractBoxedContents(latex: string): string[] | null {
  const boxed = findBoxed(latex);
  return boxed.length > 0 ? boxed.map((b) => b.content) : null;
}
