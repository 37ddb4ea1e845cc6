/**
 * The embedded offline backend of E-SPL Studio: a generated problem suite, a simulated policy with a real
 * policy-gradient update, and a simulated reflection LLM. No network, deterministic for a seed, and
 * always labelled simulated.
 */
import type { ChatFn } from "../llm/chat";
import { generateSuite } from "./problem-suite";
import type { ProblemSuite } from "./problem-suite";
import { SimPolicy } from "./sim-policy";
import { createSimReflection } from "./sim-reflection";

export const SIMULATOR_LABEL = "Simulated (offline)";

export interface SimulatorBackendOptions {
  seed: number;
  trainSize?: number;
  testSize?: number;
}

export interface SimulatorBackend {
  readonly simulated: true;
  readonly label: typeof SIMULATOR_LABEL;
  policy: SimPolicy;
  reflection: ChatFn;
  suite: ProblemSuite;
}

export function createSimulatorBackend(options: SimulatorBackendOptions): SimulatorBackend {
  const suite = generateSuite(options);
  return {
    simulated: true,
    label: SIMULATOR_LABEL,
    policy: new SimPolicy({ seed: options.seed }),
    reflection: createSimReflection({ seed: options.seed, suite }),
    suite,
  };
}

export { generateSuite, DEFAULT_TEST_SIZE, DEFAULT_TRAIN_SIZE } from "./problem-suite";
export type { ProblemSuite, SimProblem, SimProblemMeta, SuiteOptions } from "./problem-suite";
export { SimPolicy, INITIAL_SKILL, SKILL_SPREAD } from "./sim-policy";
export type { SimPolicyOptions } from "./sim-policy";
export { createSimReflection, answerReflectionRequest, createCategoryLookup } from "./sim-reflection";
export type { SimReflectionOptions } from "./sim-reflection";
export { REPLY_FLAW_RATES } from "./reply-writer";
export type { ReplyFlaw, ReflectionReply } from "./reply-writer";
export { SUCCESS_MODEL } from "./success-model";
export type { LogitParts } from "./success-model";
export { LEARNING_RATE_SCALE } from "./policy-gradient";
export { SimCheckpointError, SIM_POLICY_STATE_FORMAT } from "./policy-checkpoint";
export { CATEGORIES } from "./categories";
export { CATEGORY_IDS } from "./category-types";
export type { CategoryId, Difficulty } from "./category-types";
