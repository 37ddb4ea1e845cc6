/**
 * The Tinker-compatible driver: the hosted Tinker service, or any server of its JSON protocol (SkyRL's
 * Tinker API, our simulated server in lib/tools/sim-servers/tinker). It trains the policy and can serve as the
 * reflection LLM by sampling chat replies, from the base weights (evolution_sample_client = reference) or
 * from the run's current weights (current) when the reflection backend is the policy's own.
 */
import "server-only";
import type { ChatFn, ChatUsage } from "@/lib/espl/llm/chat";
import { getSamplingParams } from "@/lib/espl/iteration/run-iteration";
import type { BackendConnection, BackendDriver, RunDriverContext } from "../driver";
import { loadChatTokenizer } from "./chat-tokenizer";
import { parseTinkerConnection } from "./connection-config";
import { checkTinkerConnection } from "./connection-check";
import { TinkerClient } from "./tinker-client";
import { TinkerPolicy } from "./tinker-policy";

/** The policies of the runs this process executes, so their reflection can sample the current weights. */
const runPolicies = new Map<string, { connectionId: string; policy: TinkerPolicy }>();
const MAX_TRACKED_RUNS = 64;

function createClient(connection: BackendConnection, backend: string) {
  const config = parseTinkerConnection(connection);
  return {
    config,
    client: new TinkerClient({
      baseUrl: config.baseUrl,
      apiKey: connection.apiKey,
      backend,
      requestTimeoutMs: config.request_timeout_ms,
    }),
  };
}

function createTinkerPolicy(connection: BackendConnection, run: RunDriverContext, backend: string) {
  const { config, client } = createClient(connection, backend);
  return new TinkerPolicy({
    client,
    tokenizer: loadChatTokenizer(config.tokenizer),
    baseModel: config.policy,
    loraRank: config.lora_rank,
    trainUnembed: config.train_unembed,
    seed: run.seed,
    runId: run.runId,
  });
}

export const tinkerDriver: BackendDriver = {
  probe(connection, signal) {
    return checkTinkerConnection(connection, signal);
  },

  createPolicy(connection, run) {
    const policy = createTinkerPolicy(connection, run, "policy backend");
    runPolicies.delete(run.runId);
    runPolicies.set(run.runId, { connectionId: connection.id, policy });
    while (runPolicies.size > MAX_TRACKED_RUNS) runPolicies.delete(runPolicies.keys().next().value!);
    return policy;
  },

  createReflection(connection, run): ChatFn {
    const config = parseTinkerConnection(connection);
    const params = getSamplingParams(run.config);
    const wantsCurrent = run.config.evolution_sample_client === "current";
    let own: TinkerPolicy | null = null;
    return async (request) => {
      const shared = runPolicies.get(run.runId);
      // Current weights exist only on the policy's own service; another service samples its base model.
      const policy =
        shared && shared.connectionId === connection.id
          ? shared.policy
          : (own ??= createTinkerPolicy(connection, run, "reflection backend"));
      const current = wantsCurrent && policy === shared?.policy;
      const baseModel = config.reflection ?? config.policy;
      const reply = await policy.chat(request.messages, params, { current, baseModel });
      // Counted with the model's own tokenizer: the rendered prompt and the sampled tokens.
      const usage: ChatUsage = {
        model: baseModel,
        promptTokens: reply.promptTokens,
        completionTokens: reply.completionTokens,
        latencyMs: null,
        retries: null,
        costUsd: null,
      };
      return { text: reply.text, usage };
    };
  },
};
