/**
 * Everything one iteration does after sampling, as one synchronous function over given operator replies:
 * rollout metrics, slot scores and the TrueSkill update, crossover from a given reply (when the coin came
 * up), the mutation child from given principles, and the pool update. The live iteration runs the same
 * pieces with LLM calls in between; this form is what the iteration_core parity vectors check.
 */
import { planCrossover } from "../crossover/plan-crossover";
import { applyCrossoverReply } from "../crossover/run-crossover";
import type { CrossoverEvent } from "../crossover/run-crossover";
import { computeRolloutMetrics } from "../metrics";
import type { PrincipleUpdaterResult } from "../mutation/types";
import type { EvolutionPool } from "../pool";
import type { Program } from "../program";
import type { SlotRewards } from "../trueskill/step-ratings";
import type { Principle } from "../types";
import { commitEvolution, prepareCrossover } from "./commit-evolution";
import type { EvolutionCommit } from "./commit-evolution";
import { rateSelectedSlots } from "./rate-slots";
import type { SlotRating } from "./rate-slots";

export interface IterationCoreInput {
  /** Updated in place. */
  pool: EvolutionPool;
  /** The selected programs in slot order (pool members; repeats allowed). */
  slots: readonly Program[];
  /** rewards[slot][problem][sample]. */
  rewards: SlotRewards;
  /** The batch's problem texts. */
  problems: readonly string[];
  step: number;
  mutationSigma: number;
  crossoverSigma: number;
  /** The coin `random() < crossover_prob` came up. */
  crossoverTriggered: boolean;
  /** The LLM's reply to the crossover prompt, used when crossover is attempted and eligible. */
  crossoverReply: string;
  /** The mutation pipeline's renumbered result; null means the mutation failed, empty means no child. */
  mutationPrinciples: readonly Principle[] | null;
}

export interface IterationCoreResult extends EvolutionCommit {
  rolloutStats: Record<string, number>;
  slotRating: SlotRating;
  /** Null when crossover was not attempted (coin down, or a single distinct program). */
  crossover: CrossoverEvent | null;
}

/** A crossover settled from a reply already in hand, the same shape `runCrossover` returns. */
export function settleCrossoverFromReply(
  input: NonNullable<ReturnType<typeof prepareCrossover>>,
  reply: string,
): CrossoverEvent {
  const plan = planCrossover(input);
  if (!plan.eligible || plan.prompt === null) return { status: "skipped", plan };
  const setA = input.slots[plan.bestSlot]!.principles;
  return { plan, prompt: plan.prompt.text, reply, ...applyCrossoverReply(setA, reply) };
}

/** A mutation result standing in for the pipeline when only its outcome is known. */
export function createScriptedMutationResult(
  principles: readonly Principle[] | null,
): PrincipleUpdaterResult {
  return {
    calls: [],
    critiqueOperations: [],
    newPrinciples: principles ? principles.map((p) => ({ id: p.id, text: p.text })) : null,
    error: principles
      ? null
      : { stage: "batch", type: "ScriptedFailure", message: "the mutation was scripted to fail" },
  };
}

export function runIterationCore(input: IterationCoreInput): IterationCoreResult {
  const rolloutStats = computeRolloutMetrics(input.rewards);
  const slotRating = rateSelectedSlots(input.slots, input.rewards);
  const { ranking } = slotRating;
  const crossoverInput = prepareCrossover(
    input.crossoverTriggered,
    input.slots,
    ranking.sortedProgramIndicesUnique,
    input.rewards,
    input.problems,
  );
  const crossover = crossoverInput ? settleCrossoverFromReply(crossoverInput, input.crossoverReply) : null;
  const commit = commitEvolution({
    pool: input.pool,
    step: input.step,
    slots: input.slots,
    bestSlot: ranking.bestProgramIndex,
    problemCount: input.problems.length,
    crossover,
    mutation: createScriptedMutationResult(input.mutationPrinciples),
    mutationSigma: input.mutationSigma,
    crossoverSigma: input.crossoverSigma,
  });
  return { rolloutStats, slotRating, crossover, ...commit };
}
