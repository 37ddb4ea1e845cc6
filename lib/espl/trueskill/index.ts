/** TrueSkill as the E-SPL reference implements it (SPEC §6–7). */
export { erf } from "./erf";
export {
  correctFactor,
  EPSILON,
  normalCdf,
  normalPdf,
  normalQuantile,
  vDraw,
  vWin,
  wDraw,
  wWin,
  type FactorCorrection,
} from "./normal-math";
export { rate1v1, type Outcome } from "./rate-1v1";
export { rateRanking } from "./rate-ranking";
export {
  DEFAULT_CROSSOVER_SIGMA,
  DEFAULT_MUTATION_SIGMA,
  initCrossoverChildRating,
  initMutationChildRating,
} from "./rating-init";
export { scoresToTies, TIE_TOLERANCE } from "./scores-to-ties";
export {
  appendScoreHistory,
  computeProgramScores,
  rankAndRate,
  rankProgramSlots,
  type RankAndRateInput,
  type RankAndRateResult,
  type SlotRanking,
  type SlotRewards,
} from "./step-ratings";
export {
  computeDrawMargin,
  createDefaultRating,
  createRating,
  createTrueSkillSystem,
  DEFAULT_SYSTEM,
  MIN_SIGMA,
  MIN_VARIANCE,
  ratingVariance,
  type TrueSkillSystem,
} from "./system";
