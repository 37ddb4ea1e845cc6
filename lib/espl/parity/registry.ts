import type { CaseChecker } from "./types";

type CheckerModule = { check: CaseChecker };

/**
 * Vectors file stem → its checker. Lazy imports keep `npm run parity` fast when a directory holds only a
 * few of the files, and let each checker live beside the engine module it exercises.
 */
export const checkers: Record<string, () => Promise<CheckerModule>> = {
  advantages: () => import("./checkers/advantages"),
  checkpoint_rule: () => import("./checkers/checkpoint-rule"),
  crossover_prompt: () => import("./checkers/crossover-prompt"),
  datums: () => import("./checkers/datums"),
  iteration_core: () => import("./checkers/iteration-core"),
  json_repair: () => import("./checkers/json-repair"),
  pass_at_k: () => import("./checkers/pass-at-k"),
  pool_fifo: () => import("./checkers/pool-fifo"),
  principle_updater: () => import("./checkers/principle-updater"),
  process_operations: () => import("./checkers/process-operations"),
  prompts_render: () => import("./checkers/prompts-render"),
  rating_init: () => import("./checkers/rating-init"),
  resume_scan: () => import("./checkers/resume-scan"),
  scores_to_ties: () => import("./checkers/scores-to-ties"),
  selection: () => import("./checkers/selection"),
  test_eval: () => import("./checkers/test-eval"),
  trueskill_iterations: () => import("./checkers/trueskill-iterations"),
  trueskill_math: () => import("./checkers/trueskill-math"),
  trueskill_rate_1v1: () => import("./checkers/trueskill-rate-1v1"),
  trueskill_rate_ranking: () => import("./checkers/trueskill-rate-ranking"),
  trueskill_system: () => import("./checkers/trueskill-system"),
};
