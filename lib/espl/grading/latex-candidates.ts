/**
 * LaTeX candidates (math-verify's LaTeX extraction config): a math span after an answer phrase, every
 * `\boxed{…}` (priority 50) and, last, any math span (priority 300).
 */
import { GAP_AFTER_FINAL_ANSWER, I_HOPE, LATEX_GAP_AFTER_ANSWER, stickyAt } from "./answer-phrases";
import type { AnswerPhrases, TailMatch } from "./answer-phrases";
import type { Candidate, Priority } from "./candidate-types";
import { CODE, isSpaceCode } from "./char-codes";
import { LatexScanner, findBoxed } from "./find-latex-spans";
import type { LatexPiece, LatexSpanMatch } from "./find-latex-spans";

const IS_BEFORE_SPAN = /\s+is:?\s*/y;

/** Cheap test that text[from, from + length + 2) can hold a LaTeX span at all ("$", "\" or "["). */
function mayHoldLatex(text: string, from: number, length: number): boolean {
  const to = Math.min(from + length + 2, text.length);
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === CODE.dollar || c === CODE.backslash || c === CODE.openBracket) return true;
  }
  return false;
}

export class LatexCandidates {
  private readonly scanner: LatexScanner;

  constructor(
    readonly text: string,
    private readonly phrases: AnswerPhrases,
  ) {
    this.scanner = new LatexScanner(text);
  }

  /** Appends the candidates of `priority` to `out`, in text order (the caller sorts). */
  collect(priority: Priority, out: Candidate[]): void {
    if (priority === 300) {
      for (const span of this.scanner.findAll())
        out.push(toCandidate(priority, span.start, span.end, span.pieces));
      return;
    }
    const tail =
      priority === 0
        ? (after: number) => this.spanBeforeHope(after)
        : priority === 50
          ? (after: number) => this.spanAfterFinalAnswer(after)
          : (after: number) => this.spanAfterAnswer(after);
    for (const m of this.phrases.find(priority, tail))
      out.push(toCandidate(priority, m.start, m.end, m.payload));
    if (priority !== 50) return;
    for (const boxed of findBoxed(this.text))
      out.push({
        priority,
        start: boxed.start,
        end: boxed.end,
        source: { kind: "boxed", content: boxed.content },
      });
  }

  /** A span at `at`, or one character earlier when that is whitespace (for the " [x] " form). */
  private spanNear(at: number): LatexSpanMatch | null {
    return (
      this.scanner.matchAt(at) ??
      (at > 0 && isSpaceCode(this.text.charCodeAt(at - 1)) ? this.scanner.matchAt(at - 1) : null)
    );
  }

  /** "final answer is:? X. I hope" */
  private spanBeforeHope(after: number): TailMatch<LatexPiece[]> | null {
    const span = this.spanNear(after);
    const hope = span && stickyAt(I_HOPE, this.text, span.end);
    return span && hope ? { end: span.end + hope[0].length, payload: span.pieces } : null;
  }

  /** "final answer … is:? X" with the "is" within 100 characters. */
  private spanAfterFinalAnswer(after: number): TailMatch<LatexPiece[]> | null {
    const { text } = this;
    if (!mayHoldLatex(text, after, GAP_AFTER_FINAL_ANSWER + LATEX_GAP_AFTER_ANSWER)) return null;
    for (let at = after; at <= Math.min(after + GAP_AFTER_FINAL_ANSWER, text.length); at++) {
      const is = stickyAt(IS_BEFORE_SPAN, text, at);
      const span = is && this.spanNear(at + is[0].length);
      if (span) return { end: span.end, payload: span.pieces };
    }
    return null;
  }

  /** The first span starting within 50 characters (across lines). */
  private spanAfterAnswer(after: number): TailMatch<LatexPiece[]> | null {
    const { text } = this;
    if (!mayHoldLatex(text, after, LATEX_GAP_AFTER_ANSWER)) return null;
    for (let at = after; at <= Math.min(after + LATEX_GAP_AFTER_ANSWER, text.length); at++) {
      const span = this.scanner.matchAt(at);
      if (span) return { end: span.end, payload: span.pieces };
    }
    return null;
  }
}

function toCandidate(priority: Priority, start: number, end: number, pieces: LatexPiece[]): Candidate {
  return { priority, start, end, source: { kind: "latex", pieces } };
}
