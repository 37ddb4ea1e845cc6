/**
 * Answer candidates with math-verify's priorities (SPEC §3.2): 0 "final answer is X. I hope",
 * 50 "final answer … is X" and every \boxed{…}, 100 "answer: X", 200 "answer … X", 300 any LaTeX math
 * span or bare number/arithmetic. Lower priorities are tried first and, inside one priority, the match
 * that ends rightmost; the caller keeps the first candidate that parses.
 */
import { createLatexScanner, findBoxed } from "./find-latex-spans";
import type { LatexPiece, LatexSpanMatch } from "./find-latex-spans";
import { createNumberScanner } from "./find-number-spans";
import type { NumberSpanMatch } from "./find-number-spans";

export type CandidateSource =
  | { kind: "latex"; pieces: LatexPiece[] }
  | { kind: "boxed"; content: string }
  | { kind: "plain"; match: NumberSpanMatch };

export interface Candidate {
  priority: number;
  start: number;
  end: number;
  source: CandidateSource;
}

/** Which extraction configs run: the gold uses LaTeX only, predictions use both (math-verify defaults). */
export interface ExtractionTargets {
  latex: boolean;
  plain: boolean;
}

const LATEX_GAP_AFTER_ANSWER = 50;
const GAP_AFTER_FINAL_ANSWER = 100;
const PLAIN_GAP_BEFORE_EQUALS = 100;
const I_HOPE = /\.?\s?I hope/y;
const FOLLOWED_BY_EQUALS = /\s*=/y;

interface TailMatch<T> {
  end: number;
  payload: T;
}

/** Occurrences of `anchor` followed by what `tail` accepts, non-overlapping like `re.finditer`. */
function findAnchored<T>(text: string, anchor: RegExp, tail: (after: number) => TailMatch<T> | null) {
  const found: { start: number; end: number; payload: T }[] = [];
  for (let from = 0; from < text.length;) {
    anchor.lastIndex = from;
    const m = anchor.exec(text);
    if (!m) break;
    const rest = tail(m.index + m[0].length);
    if (rest) found.push({ start: m.index, end: rest.end, payload: rest.payload });
    from = rest ? Math.max(rest.end, m.index + 1) : m.index + 1;
  }
  return found;
}

/** Cheap test that a window can hold a LaTeX span / a number at all, before trying every offset. */
const mayHoldLatex = (text: string, from: number, length: number) =>
  /[$\\[]/.test(text.slice(from, from + length + 2));
const mayHoldNumber = (text: string, from: number, length: number) =>
  /\d/.test(text.slice(from, from + length + 2));

const stickyAt = (pattern: RegExp, text: string, at: number) => {
  pattern.lastIndex = at;
  return pattern.exec(text);
};

function collectLatex(text: string, add: (c: Candidate) => void): void {
  const scanner = createLatexScanner(text);
  /** A span at `at`, or one character earlier when that is whitespace (for the " [x] " form). */
  const spanNear = (at: number) =>
    scanner.matchAt(at) ?? (at > 0 && /\s/.test(text[at - 1]!) ? scanner.matchAt(at - 1) : null);
  const firstSpanWithin = (from: number, gap: number, dotAll: boolean): LatexSpanMatch | null => {
    if (!mayHoldLatex(text, from, gap)) return null;
    for (let at = from; at <= Math.min(from + gap, text.length); at++) {
      const span = scanner.matchAt(at);
      if (span) return span;
      if (!dotAll && text[at] === "\n") break;
    }
    return null;
  };
  const asLatex = (span: LatexSpanMatch, end = span.end) => ({ end, payload: span.pieces });
  const push = (priority: number) => (m: { start: number; end: number; payload: LatexPiece[] }) =>
    add({ priority, start: m.start, end: m.end, source: { kind: "latex", pieces: m.payload } });

  findAnchored(text, /final answer is:?\s*/gi, (after) => {
    const span = spanNear(after);
    const hope = span && stickyAt(I_HOPE, text, span.end);
    return span && hope ? asLatex(span, span.end + hope[0].length) : null;
  }).forEach(push(0));
  findAnchored(text, /final answer/gi, (after) => {
    if (!mayHoldLatex(text, after, GAP_AFTER_FINAL_ANSWER + LATEX_GAP_AFTER_ANSWER)) return null;
    for (let at = after; at <= Math.min(after + GAP_AFTER_FINAL_ANSWER, text.length); at++) {
      const is = stickyAt(/\s+is:?\s*/y, text, at);
      const span = is && spanNear(at + is[0].length);
      if (span) return asLatex(span);
    }
    return null;
  }).forEach(push(50));
  findAnchored(text, /answer:/gi, (after) => {
    const span = firstSpanWithin(after, LATEX_GAP_AFTER_ANSWER, true);
    return span ? asLatex(span) : null;
  }).forEach(push(100));
  findAnchored(text, /answer/gi, (after) => {
    const span = firstSpanWithin(after, LATEX_GAP_AFTER_ANSWER, true);
    return span ? asLatex(span) : null;
  }).forEach(push(200));
  scanner.findAll().forEach((span) => push(300)({ ...span, payload: span.pieces }));
  for (const boxed of findBoxed(text)) {
    add({
      priority: 50,
      start: boxed.start,
      end: boxed.end,
      source: { kind: "boxed", content: boxed.content },
    });
  }
}

function collectPlain(text: string, add: (c: Candidate) => void): void {
  const scanner = createNumberScanner(text);
  const notFollowedByEquals = (m: NumberSpanMatch | null) =>
    m && !stickyAt(FOLLOWED_BY_EQUALS, text, m.end) ? m : null;
  const push = (priority: number) => (m: { start: number; end: number; payload: NumberSpanMatch }) =>
    add({ priority, start: m.start, end: m.end, source: { kind: "plain", match: m.payload } });

  /** "answer:? … = X" (last "=" within 100 characters on the line) or "answer:? … X" (within 50). */
  const afterAnswer = (after: number): TailMatch<NumberSpanMatch> | null => {
    if (!mayHoldNumber(text, after, PLAIN_GAP_BEFORE_EQUALS)) return null;
    const lineEnd = text.indexOf("\n", after) === -1 ? text.length : text.indexOf("\n", after);
    for (let eq = Math.min(after + PLAIN_GAP_BEFORE_EQUALS, lineEnd - 1); eq >= after; eq--) {
      if (text[eq] !== "=") continue;
      const spaces = stickyAt(/\s+/y, text, eq + 1);
      const m = spaces ? notFollowedByEquals(scanner.matchAt(eq + spaces[0].length)) : null;
      if (m) return { end: m.end, payload: m };
    }
    for (let at = after; at <= Math.min(after + LATEX_GAP_AFTER_ANSWER, text.length); at++) {
      const m = notFollowedByEquals(scanner.matchAt(at));
      if (m) return { end: m.end, payload: m };
      if (text[at] === "\n") break;
    }
    return null;
  };

  findAnchored(text, /final answer is:?\s*/gi, (after) => {
    const m =
      (after > 0 && /\s/.test(text[after - 1]!) ? scanner.matchAt(after - 1) : null) ??
      scanner.matchAt(after);
    const hope = m && stickyAt(I_HOPE, text, m.end);
    return m && hope ? { end: m.end + hope[0].length, payload: m } : null;
  }).forEach(push(0));
  findAnchored(text, /final answer/gi, (after) => {
    if (!mayHoldNumber(text, after, GAP_AFTER_FINAL_ANSWER + LATEX_GAP_AFTER_ANSWER)) return null;
    for (let at = after; at <= Math.min(after + GAP_AFTER_FINAL_ANSWER, text.length); at++) {
      const is = stickyAt(/\s+is:?/y, text, at);
      const m = is && scanner.matchAt(at + is[0].length);
      if (m) return { end: m.end, payload: m };
      if (text[at] === "\n") break;
    }
    return null;
  }).forEach(push(50));
  findAnchored(text, /answer:/gi, afterAnswer).forEach(push(100));
  findAnchored(text, /answer/gi, afterAnswer).forEach(push(200));
  for (const m of scanner.findAll()) push(300)({ start: m.start, end: m.end, payload: m });
}

/** Candidate groups, lowest priority first; inside a group the rightmost end first, then leftmost start. */
export function collectCandidates(text: string, targets: ExtractionTargets): Candidate[][] {
  const byPriority = new Map<number, Candidate[]>();
  const add = (c: Candidate) => {
    const group = byPriority.get(c.priority);
    if (group) group.push(c);
    else byPriority.set(c.priority, [c]);
  };
  if (targets.latex) collectLatex(text, add);
  if (targets.plain) collectPlain(text, add);
  return [...byPriority.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, group]) => group.sort((x, y) => y.end - x.end || x.start - y.start));
}
