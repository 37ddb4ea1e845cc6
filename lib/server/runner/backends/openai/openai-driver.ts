/**
 * The OpenAI-compatible driver (vLLM, SGLang, llama.cpp, Ollama, api.openai.com). The connection test
 * lists the models and sends one tiny chat completion asking for logprobs: sampling works when it
 * answers, logprobs are supported when the reply carries them. Training is never offered: these servers
 * sample only.
 */
import "server-only";
import type OpenAI from "openai";
import type { BackendDriver, BackendProbe } from "../driver";
import { callEndpoint, listModels, openEndpoint, parseReply } from "./openai-client";
import { OpenAIPolicy } from "./openai-policy";
import { createOpenAIReflection } from "./openai-reflection";
import { chatCompletionSchema } from "./wire-schemas";

const BACKEND = "backend";

async function probeOpenAI(
  connection: Parameters<BackendDriver["probe"]>[0],
  signal?: AbortSignal,
): Promise<BackendProbe> {
  const endpoint = openEndpoint(connection);
  const models = await listModels(endpoint, BACKEND, signal);
  const model = connection.models.policy ?? connection.models.reflection ?? models[0];
  if (!model) return { models, capabilities: { sampling: false, logprobs: false, training: false } };
  const ask = (logprobs: boolean) =>
    callEndpoint(
      endpoint,
      BACKEND,
      () =>
        endpoint.client.chat.completions.create(
          {
            model,
            messages: [{ role: "user", content: "Reply with the word ok." }],
            max_tokens: 1,
            temperature: 0,
            ...(logprobs ? { logprobs: true } : {}),
          } as OpenAI.ChatCompletionCreateParamsNonStreaming,
          { signal },
        ),
      signal,
    ).then((raw) => parseReply(chatCompletionSchema, raw, BACKEND, "chat completion"));
  let reply;
  try {
    reply = await ask(true);
  } catch (error) {
    // Some servers refuse `logprobs` outright (400): sampling may still work without it.
    if (!(error instanceof Error && "status" in error && error.status === 400)) throw error;
    await ask(false);
    return { models, capabilities: { sampling: true, logprobs: false, training: false } };
  }
  const logprobs = (reply.choices[0]?.logprobs?.content?.length ?? 0) > 0;
  return { models, capabilities: { sampling: true, logprobs, training: false } };
}

export const openaiDriver: BackendDriver = {
  probe: probeOpenAI,
  createPolicy: (connection) => new OpenAIPolicy(connection),
  createReflection: (connection, run) => createOpenAIReflection(connection, run),
};
