/** Multi-player TrueSkill update over a ranking (SPEC §6.5). */
import type { Rating } from "../types";
import { correctFactor, EPSILON } from "./normal-math";
import { rate1v1 } from "./rate-1v1";
import { computePriorSigma, updateSkillFromPerformance } from "./skill-update";
import { MIN_VARIANCE, type TrueSkillSystem } from "./system";

const MAX_SWEEPS = 10;
const CONVERGENCE = 1e-4;

/**
 * Scratch buffers reused across calls so a ranking update allocates only its result. Grown on demand;
 * safe because the update is synchronous and never re-entered.
 */
const scratch = {
  capacity: 0,
  priorMu: new Float64Array(0),
  priorSigma: new Float64Array(0),
  perfPi: new Float64Array(0),
  perfTau: new Float64Array(0),
  perfVar: new Float64Array(0),
  // Factor k (between positions k and k+1) stores its message to k at [2k] and to k+1 at [2k+1].
  msgPi: new Float64Array(0),
  msgTau: new Float64Array(0),
};

function ensureCapacity(n: number): void {
  if (n <= scratch.capacity) return;
  const capacity = Math.max(n, 2 * scratch.capacity, 8);
  scratch.capacity = capacity;
  scratch.priorMu = new Float64Array(capacity);
  scratch.priorSigma = new Float64Array(capacity);
  scratch.perfPi = new Float64Array(capacity);
  scratch.perfTau = new Float64Array(capacity);
  scratch.perfVar = new Float64Array(capacity);
  scratch.msgPi = new Float64Array(2 * capacity);
  scratch.msgTau = new Float64Array(2 * capacity);
}

/**
 * Rates one ranked match. `ranking` is best first; `ties[i]` is the tie-group id of position i (null
 * means all distinct). Returns new ratings in ranking order.
 *
 * Reference behaviours kept on purpose:
 * - fewer than 2 players: plain copies — no dynamics, no change;
 * - 2 players: exactly `rate1v1` (draw iff the two tie ids are equal);
 * - 3+ players: expectation propagation on a chain of pairwise factors between *adjacent* positions, a
 *   factor being a draw iff the two adjacent tie ids are equal (ids need not be monotone). It runs at
 *   most 10 Gauss–Seidel sweeps and stops once the largest message-precision change is < 1e-4, so tied
 *   players come out slightly asymmetric.
 */
export function rateRanking(
  system: TrueSkillSystem,
  ranking: readonly Rating[],
  ties: readonly number[] | null = null,
  applyDynamics = true,
): Rating[] {
  const n = ranking.length;
  if (ties !== null && ties.length !== n) {
    throw new Error(`rateRanking: ${n} ratings but ${ties.length} tie ids`);
  }
  if (n < 2) return ranking.map((r) => ({ mu: r.mu, sigma: r.sigma }));
  if (n === 2) {
    const draw = ties !== null && ties[0] === ties[1];
    return rate1v1(system, ranking[0]!, ranking[1]!, draw ? "draw" : "win", applyDynamics);
  }
  return rateChain(system, ranking, ties, applyDynamics);
}

function rateChain(
  system: TrueSkillSystem,
  ranking: readonly Rating[],
  ties: readonly number[] | null,
  applyDynamics: boolean,
): Rating[] {
  const n = ranking.length;
  const { beta, tau, drawMargin } = system;
  const beta2 = beta * beta;
  ensureCapacity(n);
  // Local aliases: module-level `let`s would be re-loaded on every access in the hot loop.
  const priorMu = scratch.priorMu;
  const priorSigma = scratch.priorSigma;
  const perfPi = scratch.perfPi;
  const perfTau = scratch.perfTau;
  const perfVar = scratch.perfVar;
  const msgPi = scratch.msgPi;
  const msgTau = scratch.msgTau;
  for (let i = 0; i < n; i++) {
    const r = ranking[i]!;
    const sigma = computePriorSigma(r, tau, applyDynamics);
    const pv = sigma * sigma + beta2;
    priorMu[i] = r.mu;
    priorSigma[i] = sigma;
    perfVar[i] = pv;
    perfPi[i] = 1 / pv;
    perfTau[i] = r.mu / pv;
  }
  const factors = n - 1;
  msgPi.fill(0, 0, 2 * factors);
  msgTau.fill(0, 0, 2 * factors);

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let change = 0;
    for (let k = 0; k < factors; k++) {
      const i = k;
      const j = k + 1;
      // Cavities: each player's prior plus the message from its *other* factor (k−1 for i, k+1 for j).
      let cavPiI = perfPi[i]!;
      let cavTauI = perfTau[i]!;
      if (k > 0) {
        cavPiI += msgPi[2 * k - 1]!;
        cavTauI += msgTau[2 * k - 1]!;
      }
      let cavPiJ = perfPi[j]!;
      let cavTauJ = perfTau[j]!;
      if (k + 1 < factors) {
        cavPiJ += msgPi[2 * k + 2]!;
        cavTauJ += msgTau[2 * k + 2]!;
      }
      let muI: number;
      let varI: number;
      if (cavPiI > EPSILON) {
        muI = cavTauI / cavPiI;
        varI = 1 / cavPiI;
      } else {
        muI = priorMu[i]!;
        varI = perfVar[i]!;
        cavPiI = 1 / varI;
        cavTauI = muI / varI;
      }
      let muJ: number;
      let varJ: number;
      if (cavPiJ > EPSILON) {
        muJ = cavTauJ / cavPiJ;
        varJ = 1 / cavPiJ;
      } else {
        muJ = priorMu[j]!;
        varJ = perfVar[j]!;
        cavPiJ = 1 / varJ;
        cavTauJ = muJ / varJ;
      }

      const c = Math.sqrt(varI + varJ);
      const t = c > EPSILON ? (muI - muJ) / c : 0;
      const e = c > EPSILON ? drawMargin / c : 0;
      const draw = ties === null ? false : ties[i] === ties[j];
      const { v, w } = correctFactor(t, e, draw);
      const cc = c * c;

      const postMuI = muI + (varI / c) * v;
      const postVarI = varI * (1 - (varI / cc) * w);
      const postMuJ = muJ - (varJ / c) * v;
      const postVarJ = varJ * (1 - (varJ / cc) * w);

      // New message = posterior − cavity in natural parameters; a degenerate posterior sends nothing.
      let newPiI = 0;
      let newTauI = 0;
      if (postVarI > EPSILON) {
        newPiI = 1 / postVarI - cavPiI;
        newTauI = postMuI / postVarI - cavTauI;
      }
      let newPiJ = 0;
      let newTauJ = 0;
      if (postVarJ > EPSILON) {
        newPiJ = 1 / postVarJ - cavPiJ;
        newTauJ = postMuJ / postVarJ - cavTauJ;
      }
      // Change is measured against the stored (already clamped) precision; only π is clamped, not τ.
      change = Math.max(change, Math.abs(newPiI - msgPi[2 * k]!), Math.abs(newPiJ - msgPi[2 * k + 1]!));
      msgPi[2 * k] = Math.max(0, newPiI);
      msgTau[2 * k] = newTauI;
      msgPi[2 * k + 1] = Math.max(0, newPiJ);
      msgTau[2 * k + 1] = newTauJ;
    }
    if (change < CONVERGENCE) break;
  }

  const result: Rating[] = new Array<Rating>(n);
  for (let i = 0; i < n; i++) {
    // Prior, then the message from factor i−1, then from factor i (the reference's summation order).
    let pi = perfPi[i]!;
    let tauSum = perfTau[i]!;
    if (i > 0) {
      pi += msgPi[2 * i - 1]!;
      tauSum += msgTau[2 * i - 1]!;
    }
    if (i < factors) {
      pi += msgPi[2 * i]!;
      tauSum += msgTau[2 * i]!;
    }
    let postMu: number;
    let postVar: number;
    if (pi > EPSILON) {
      postMu = tauSum / pi;
      postVar = 1 / pi;
    } else {
      postMu = priorMu[i]!;
      postVar = perfVar[i]!;
    }
    postVar = Math.max(postVar, MIN_VARIANCE);
    result[i] = updateSkillFromPerformance(postMu, postVar, priorMu[i]!, priorSigma[i]!, beta);
  }
  return result;
}
