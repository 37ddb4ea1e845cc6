/**
 * The operators' LLM half (SPEC §10.2 step 16): crossover's prompt goes out first, mutation runs while it
 * is in flight, and the crossover reply is collected afterwards, so the crossover child gets the lower id.
 * Neither operator throws on a failing chat call or a malformed reply: both come back as outcomes that
 * `commitEvolution` turns into failed events.
 */
import type { CrossoverInput } from "../crossover/plan-crossover";
import { runCrossover } from "../crossover/run-crossover";
import type { CrossoverEvent } from "../crossover/run-crossover";
import type { ChatFn } from "../llm/chat";
import { runPrincipleUpdater } from "../mutation/run-principle-updater";
import type { PrincipleUpdaterResult, RolloutRecord } from "../mutation/types";
import type { Program } from "../program";

export interface EvolutionRequest {
  chat: ChatFn;
  /** Null when crossover is not attempted. */
  crossover: CrossoverInput | null;
  /** The best slot's program and its rollout records. */
  mutationParent: Program;
  mutationRollouts: readonly RolloutRecord[];
  maxOperations: number;
}

export interface EvolutionOutcomes {
  crossover: CrossoverEvent | null;
  mutation: PrincipleUpdaterResult;
}

export async function runEvolution(request: EvolutionRequest): Promise<EvolutionOutcomes> {
  const pending = request.crossover ? runCrossover(request.crossover, request.chat) : null;
  // Marks the promise handled while mutation runs; awaiting it below still surfaces an engine bug.
  pending?.catch(() => undefined);
  const mutation = await runPrincipleUpdater({
    principles: request.mutationParent.principles,
    rollouts: request.mutationRollouts,
    maxOperations: request.maxOperations,
    chat: request.chat,
  });
  const crossover = pending ? await pending : null;
  return { crossover, mutation };
}
