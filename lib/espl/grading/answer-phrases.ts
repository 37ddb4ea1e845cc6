/**
 * The answer phrases that introduce candidates of priorities 0 to 200, shared by the LaTeX and the plain
 * extractors: where each phrase occurs, and what follows it.
 */
import type { PhrasePriority } from "./candidate-types";

/** How far after "answer" a candidate may start; after "final answer", how far its "is" may be. */
export const LATEX_GAP_AFTER_ANSWER = 50;
export const GAP_AFTER_FINAL_ANSWER = 100;
export const I_HOPE = /\.?\s?I hope/y;

/** What a phrase's tail accepted: where the candidate ends and what it holds. */
export interface TailMatch<T> {
  end: number;
  payload: T;
}

export interface Anchored<T> {
  start: number;
  end: number;
  payload: T;
}

const PHRASES: Record<PhrasePriority, RegExp> = {
  0: /final answer is:?\s*/gi,
  50: /final answer/gi,
  100: /answer:/gi,
  200: /answer/gi,
};
const ANY_FINAL_ANSWER = /final answer/i;
const ANY_ANSWER = /answer/i;

export function stickyAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** Phrase search in one text; where "final answer" and "answer" first occur is looked up once. */
export class AnswerPhrases {
  private firstFinalAnswer: number | null = null;
  private firstAnswer: number | null = null;

  constructor(readonly text: string) {}

  /**
   * Occurrences of the phrase of `priority` followed by what `tail` accepts, non-overlapping like
   * `re.finditer`. The search starts where the phrase's words first occur, so texts without them are not
   * searched four times.
   */
  find<T>(priority: PhrasePriority, tail: (after: number) => TailMatch<T> | null): Anchored<T>[] {
    const found: Anchored<T>[] = [];
    const { text } = this;
    const first = priority <= 50 ? this.finalAnswerAt() : this.answerAt();
    if (first === -1) return found;
    const phrase = PHRASES[priority];
    for (let from = first; from < text.length;) {
      phrase.lastIndex = from;
      const m = phrase.exec(text);
      if (!m) break;
      const rest = tail(m.index + m[0].length);
      if (rest) found.push({ start: m.index, end: rest.end, payload: rest.payload });
      from = rest ? Math.max(rest.end, m.index + 1) : m.index + 1;
    }
    return found;
  }

  private finalAnswerAt(): number {
    return (this.firstFinalAnswer ??= this.text.search(ANY_FINAL_ANSWER));
  }

  private answerAt(): number {
    return (this.firstAnswer ??= this.text.search(ANY_ANSWER));
  }
}
