/** The built-in offline simulator as a driver: always reachable, samples and trains, needs no key. */
import "server-only";
import { createSimReflection, SimPolicy } from "@/lib/espl/simulator";
import { tokenizePrompt, tokenizeText } from "@/lib/espl/simulator/completion-text";
import type { ChatFn } from "@/lib/espl/llm/chat";
import type { BackendDriver } from "./driver";

export const SIM_MODEL = "simulator";

/**
 * The simulated reflection LLM, counting its tokens with the simulator's own tokenizer (the one its
 * policy counts rollouts with), so a simulated run's reflection usage is as real as its sampling's.
 */
function countingSimReflection(reflect: ChatFn): ChatFn {
  return async (request) => {
    const reply = await reflect(request);
    const text = typeof reply === "string" ? reply : reply.text;
    const prompt = request.messages.map((m) => m.content).join("\n");
    return {
      text,
      usage: {
        model: SIM_MODEL,
        promptTokens: tokenizePrompt(prompt).length,
        completionTokens: tokenizeText(text).ids.length,
        latencyMs: null,
        retries: 0,
        costUsd: null,
      },
    };
  };
}

export const simDriver: BackendDriver = {
  probe: async () => ({
    models: [SIM_MODEL],
    capabilities: { sampling: true, logprobs: false, training: true },
  }),
  createPolicy: (_connection, run) => new SimPolicy({ seed: run.seed }),
  createReflection: (_connection, run) =>
    countingSimReflection(createSimReflection({ seed: run.seed, suite: run.problems })),
};
