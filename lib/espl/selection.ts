/**
 * Picking the k programs of a step (SPEC §5.1-5.5). Candidates are the newest `window` pool entries;
 * every strategy works on pool indices and returns, besides the picks, the intermediate numbers the
 * parity vectors record. All randomness comes from the injected Rng, called exactly as the reference
 * calls Python's `random` / numpy so recorded draws can be replayed.
 */
import type { ProgramSelectionStrategy } from "./config";
import { getCandidateIndices } from "./pool";
import type { Rating, Rng } from "./types";

export type SelectionStrategy = ProgramSelectionStrategy;
export type RatingScore = "mean" | "explore" | "exploit";
export type UniformMode =
  | "last_plus_sample_without_replacement"
  | "sample_without_replacement"
  | "independent_choices_with_replacement";

/** Anything with an id and a rating can be selected (Program satisfies it). */
export interface SelectableProgram {
  programId: number;
  rating: Rating;
}

export interface SelectionOptions {
  strategy: SelectionStrategy;
  /** Number of slots (`num_parallel_programs`). */
  k: number;
  /** `choose_from_most_recent`; 0 or anything ≥ the pool size means the whole pool. */
  window: number;
  /** Force the newest candidate in; main always passes true. */
  includeLast?: boolean;
  rng: Rng;
}

interface SelectionBase<P> {
  /** Pool indices of the candidates, oldest first. */
  candidateIndices: number[];
  candidateIds: number[];
  /** Pool indices of the picks in slot order; may repeat (SPEC §13 item 9). */
  selectedIndices: number[];
  selectedIds: number[];
  selectedPrograms: P[];
}

export type SelectionResult<P> =
  | (SelectionBase<P> & { strategy: "uniform"; mode: UniformMode })
  | (SelectionBase<P> & { strategy: "lucb" | "ucb"; explore: number[]; exploit: number[] })
  | (SelectionBase<P> & {
      strategy: "softmax";
      explore: number[];
      temperature: number;
      probs: number[];
      /** How many distinct candidates were drawn before include_last and padding. */
      nSample: number;
    });

/** mean = μ, explore = μ + 2σ (optimistic), exploit = μ − 2σ (pessimistic). */
export function scoreRating(rating: Rating, score: RatingScore): number {
  if (score === "mean") return rating.mu;
  return score === "explore" ? rating.mu + 2 * rating.sigma : rating.mu - 2 * rating.sigma;
}

/** Python's `sorted(..., reverse=True)`: descending and stable, so equal scores keep older-first order. */
function sortDescending(indices: readonly number[], scoreOf: (index: number) => number): number[] {
  return [...indices].sort((a, b) => scoreOf(b) - scoreOf(a));
}

/** ucb/softmax rule: force the newest in by replacing the last pick (list full) or appending. */
function forceNewest(selected: number[], newest: number, k: number): void {
  if (k <= 1 || selected.includes(newest)) return;
  if (selected.length === k) selected[k - 1] = newest;
  else selected.push(newest);
}

function padWithNewest(selected: number[], newest: number, k: number): void {
  while (selected.length < k) selected.push(newest);
}

function selectUniform(candidates: readonly number[], k: number, includeLast: boolean, rng: Rng) {
  const newest = candidates[candidates.length - 1] as number;
  if (includeLast && candidates.length > k) {
    // Reference quirk kept: the sample call happens even for k = 1 (a sample of 0).
    const rest = rng.sample(candidates.slice(0, -1), k - 1);
    return { mode: "last_plus_sample_without_replacement" as const, selected: [newest, ...rest] };
  }
  // With exactly k candidates all are picked but in random order, so slot 0 need not be the newest.
  if (k <= candidates.length)
    return { mode: "sample_without_replacement" as const, selected: rng.sample(candidates, k) };
  // Fewer candidates than slots: k separate `random.choice` draws; the newest may be missing.
  const selected: number[] = [];
  for (let i = 0; i < k; i++) selected.push(rng.choice(candidates));
  return { mode: "independent_choices_with_replacement" as const, selected };
}

function selectLucb(
  candidates: readonly number[],
  scoreOf: (i: number, s: RatingScore) => number,
  k: number,
  includeLast: boolean,
) {
  const newest = candidates[candidates.length - 1] as number;
  const champion = sortDescending(candidates, (i) => scoreOf(i, "exploit"))[0] as number;
  const rest = candidates.filter((i) => i !== champion);
  const challengers = sortDescending(rest, (i) => scoreOf(i, "explore")).slice(
    0,
    Math.min(k - 1, rest.length),
  );
  if (includeLast && newest !== champion && !challengers.includes(newest)) {
    // The lowest-explore challenger makes room; with k = 1 there is no challenger slot at all.
    if (k - 1 > 0 && challengers.length === k - 1) challengers[challengers.length - 1] = newest;
    else if (challengers.length < k - 1) challengers.push(newest);
  }
  const selected = [champion, ...challengers];
  padWithNewest(selected, newest, k);
  return selected;
}

function selectUcb(
  candidates: readonly number[],
  explore: (i: number) => number,
  k: number,
  includeLast: boolean,
) {
  const newest = candidates[candidates.length - 1] as number;
  const selected = sortDescending(candidates, explore).slice(0, Math.min(k, candidates.length));
  if (includeLast) forceNewest(selected, newest, k);
  padWithNewest(selected, newest, k);
  return selected;
}

/** Softmax over explore scores with temperature max(max score, 1), shifted by the max for stability. */
export function computeSoftmaxProbabilities(scores: readonly number[]): {
  temperature: number;
  probs: number[];
} {
  const top = Math.max(...scores);
  const temperature = Math.max(top, 1.0);
  const weights = scores.map((s) => Math.exp((s - top) / temperature));
  let total = 0;
  for (const w of weights) total += w;
  return { temperature, probs: weights.map((w) => w / total) };
}

export function selectPrograms<P extends SelectableProgram>(
  pool: readonly P[],
  options: SelectionOptions,
): SelectionResult<P> {
  const { strategy, k, window, rng } = options;
  const includeLast = options.includeLast ?? true;
  if (!Number.isSafeInteger(k)) throw new RangeError(`k must be an integer, got ${k}`);
  const candidates = getCandidateIndices(pool.length, window);
  const programAt = (i: number) => pool[i] as P;
  const scoreOf = (i: number, s: RatingScore) => scoreRating(programAt(i).rating, s);
  const finish = (selectedIndices: number[]): SelectionBase<P> => ({
    candidateIndices: candidates,
    candidateIds: candidates.map((i) => programAt(i).programId),
    selectedIndices,
    selectedIds: selectedIndices.map((i) => programAt(i).programId),
    selectedPrograms: selectedIndices.map(programAt),
  });
  const explore = candidates.map((i) => scoreOf(i, "explore"));
  const exploit = candidates.map((i) => scoreOf(i, "exploit"));
  const empty = k <= 0 || candidates.length === 0;

  switch (strategy) {
    case "uniform": {
      if (empty) return { ...finish([]), strategy, mode: "sample_without_replacement" };
      const { mode, selected } = selectUniform(candidates, k, includeLast, rng);
      return { ...finish(selected), strategy, mode };
    }
    case "lucb":
      return {
        ...finish(empty ? [] : selectLucb(candidates, scoreOf, k, includeLast)),
        strategy,
        explore,
        exploit,
      };
    case "ucb": {
      const selected = empty ? [] : selectUcb(candidates, (i) => scoreOf(i, "explore"), k, includeLast);
      return { ...finish(selected), strategy, explore, exploit };
    }
    case "softmax": {
      if (empty) return { ...finish([]), strategy, explore, temperature: 1, probs: [], nSample: 0 };
      const { temperature, probs } = computeSoftmaxProbabilities(explore);
      const nSample = Math.min(k, candidates.length);
      // numpy's choice(len, n, replace=False, p=probs): distinct local indices in draw order.
      const selected = rng
        .weightedIndicesWithoutReplacement(probs, nSample)
        .map((j) => candidates[j] as number);
      const newest = candidates[candidates.length - 1] as number;
      if (includeLast) forceNewest(selected, newest, k);
      padWithNewest(selected, newest, k);
      return { ...finish(selected), strategy, explore, temperature, probs, nSample };
    }
  }
}

/**
 * Best program of the whole pool (not the window) by one score; ties go to the older program. Dead code
 * in the reference's main (the test uses the newest program), kept for the vectors and a possible switch.
 */
export function getMostEliteProgram<P extends SelectableProgram>(
  pool: readonly P[],
  score: RatingScore = "explore",
): P | undefined {
  if (pool.length <= 1) return pool[0];
  const order = sortDescending(
    pool.map((_, i) => i),
    (i) => scoreRating((pool[i] as P).rating, score),
  );
  return pool[order[0] as number];
}
