/**
 * Answer candidates with math-verify's priorities (SPEC §3.2): 0 "final answer is X. I hope",
 * 50 "final answer … is X" and every \boxed{…}, 100 "answer: X", 200 "answer … X", 300 any LaTeX math
 * span or bare number/arithmetic. Lower priorities are tried first and, inside one priority, the match
 * that ends rightmost; the caller keeps the first candidate that parses. Groups are built one priority at
 * a time, because the caller usually stops in the first non-empty one and the catch-all scans of
 * priority 300 are the expensive part.
 */
import { AnswerPhrases } from "./answer-phrases";
import { PRIORITIES } from "./candidate-types";
import type { Candidate, ExtractionTargets, Priority } from "./candidate-types";
import { LatexCandidates } from "./latex-candidates";
import { PlainCandidates } from "./plain-candidates";

export type { Candidate, CandidateSource, ExtractionTargets } from "./candidate-types";

const byEndThenStart = (x: Candidate, y: Candidate) => y.end - x.end || x.start - y.start;

/** The candidates of one text, priority by priority; phrase search and scanners are shared. */
export class CandidateCollector {
  private readonly latex: LatexCandidates | null;
  private readonly plain: PlainCandidates | null;

  constructor(text: string, targets: ExtractionTargets) {
    const phrases = new AnswerPhrases(text);
    this.latex = targets.latex ? new LatexCandidates(text, phrases) : null;
    this.plain = targets.plain ? new PlainCandidates(text, phrases) : null;
  }

  /**
   * Candidates of one priority: rightmost end first, then leftmost start, then in the order found (LaTeX
   * phrases, boxes, plain numbers), which the stable Array#sort keeps.
   */
  collect(priority: Priority): Candidate[] {
    const found: Candidate[] = [];
    this.latex?.collect(priority, found);
    this.plain?.collect(priority, found);
    return found.length > 1 ? found.sort(byEndThenStart) : found;
  }
}

/** Non-empty candidate groups, lowest priority first, each computed only when the caller asks for it. */
export function* iterateCandidateGroups(text: string, targets: ExtractionTargets): Generator<Candidate[]> {
  const collector = new CandidateCollector(text, targets);
  for (const priority of PRIORITIES) {
    const group = collector.collect(priority);
    if (group.length > 0) yield group;
  }
}

/** All non-empty candidate groups at once (tests and tools; grading uses iterateCandidateGroups). */
export function collectCandidates(text: string, targets: ExtractionTargets): Candidate[][] {
  return [...iterateCandidateGroups(text, targets)];
}
