/** What the candidate extractors produce (see extract-candidates.ts). */
import type { LatexPiece } from "./find-latex-spans";
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

/** Every priority in the order they are tried. */
export const PRIORITIES = [0, 50, 100, 200, 300] as const;
export type Priority = (typeof PRIORITIES)[number];
/** The priorities introduced by an answer phrase ("final answer is", "final answer", "answer:", "answer"). */
export type PhrasePriority = Exclude<Priority, 300>;
