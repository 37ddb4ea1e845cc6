/**
 * Plain-number candidates (math-verify's expression extraction config): a number or arithmetic after an
 * answer phrase and, last, any free-standing number or arithmetic (priority 300).
 */
import { GAP_AFTER_FINAL_ANSWER, I_HOPE, LATEX_GAP_AFTER_ANSWER, stickyAt } from "./answer-phrases";
import type { AnswerPhrases, TailMatch } from "./answer-phrases";
import type { Candidate, Priority } from "./candidate-types";
import { CODE, isDigitCode, isSpaceCode } from "./char-codes";
import { NumberScanner } from "./find-number-spans";
import type { NumberSpanMatch } from "./find-number-spans";

const GAP_BEFORE_EQUALS = 100;
const FOLLOWED_BY_EQUALS = /\s*=/y;
const SPACES = /\s+/y;
const IS_BEFORE_NUMBER = /\s+is:?/y;

/** Cheap test that text[from, from + length + 2) can hold a number at all. */
function mayHoldNumber(text: string, from: number, length: number): boolean {
  const to = Math.min(from + length + 2, text.length);
  for (let i = from; i < to; i++) if (isDigitCode(text.charCodeAt(i))) return true;
  return false;
}

export class PlainCandidates {
  private readonly scanner: NumberScanner;

  constructor(
    readonly text: string,
    private readonly phrases: AnswerPhrases,
  ) {
    this.scanner = new NumberScanner(text);
  }

  /** Appends the candidates of `priority` to `out`, in text order (the caller sorts). */
  collect(priority: Priority, out: Candidate[]): void {
    if (priority === 300) {
      for (const m of this.scanner.findAll()) out.push(toCandidate(priority, m.start, m.end, m));
      return;
    }
    const tail =
      priority === 0
        ? (after: number) => this.numberBeforeHope(after)
        : priority === 50
          ? (after: number) => this.numberAfterFinalAnswer(after)
          : (after: number) => this.numberAfterAnswer(after);
    for (const m of this.phrases.find(priority, tail))
      out.push(toCandidate(priority, m.start, m.end, m.payload));
  }

  private numberNotFollowedByEquals(at: number): NumberSpanMatch | null {
    const m = this.scanner.matchAt(at);
    return m && !stickyAt(FOLLOWED_BY_EQUALS, this.text, m.end) ? m : null;
  }

  /** "final answer is:? X. I hope" */
  private numberBeforeHope(after: number): TailMatch<NumberSpanMatch> | null {
    const { text } = this;
    const m =
      (after > 0 && isSpaceCode(text.charCodeAt(after - 1)) ? this.scanner.matchAt(after - 1) : null) ??
      this.scanner.matchAt(after);
    const hope = m && stickyAt(I_HOPE, text, m.end);
    return m && hope ? { end: m.end + hope[0].length, payload: m } : null;
  }

  /** "final answer … is:? X" with the "is" within 100 characters on the same line. */
  private numberAfterFinalAnswer(after: number): TailMatch<NumberSpanMatch> | null {
    const { text } = this;
    if (!mayHoldNumber(text, after, GAP_AFTER_FINAL_ANSWER + LATEX_GAP_AFTER_ANSWER)) return null;
    for (let at = after; at <= Math.min(after + GAP_AFTER_FINAL_ANSWER, text.length); at++) {
      const is = stickyAt(IS_BEFORE_NUMBER, text, at);
      const m = is && this.scanner.matchAt(at + is[0].length);
      if (m) return { end: m.end, payload: m };
      if (text.charCodeAt(at) === CODE.newline) break;
    }
    return null;
  }

  /** "answer:? … = X" (last "=" within 100 characters on the line) or "answer:? … X" (within 50). */
  private numberAfterAnswer(after: number): TailMatch<NumberSpanMatch> | null {
    const { text } = this;
    if (!mayHoldNumber(text, after, GAP_BEFORE_EQUALS)) return null;
    const newline = text.indexOf("\n", after);
    const lineEnd = newline === -1 ? text.length : newline;
    for (let eq = Math.min(after + GAP_BEFORE_EQUALS, lineEnd - 1); eq >= after; eq--) {
      if (text.charCodeAt(eq) !== CODE.equals) continue;
      const spaces = stickyAt(SPACES, text, eq + 1);
      const m = spaces ? this.numberNotFollowedByEquals(eq + spaces[0].length) : null;
      if (m) return { end: m.end, payload: m };
    }
    for (let at = after; at <= Math.min(after + LATEX_GAP_AFTER_ANSWER, text.length); at++) {
      const m = this.numberNotFollowedByEquals(at);
      if (m) return { end: m.end, payload: m };
      if (text.charCodeAt(at) === CODE.newline) break;
    }
    return null;
  }
}

function toCandidate(priority: Priority, start: number, end: number, match: NumberSpanMatch): Candidate {
  return { priority, start, end, source: { kind: "plain", match } };
}
