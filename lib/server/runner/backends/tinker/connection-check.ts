/**
 * "Test connection" for a Tinker-compatible backend: the SDK's handshake (client config, auth), the
 * server's capabilities, and one tiny sample from the base model, said in plain words, so a wrong URL,
 * key or model shows up here rather than at a run's first step.
 */
import "server-only";
import type { BackendConnection, BackendProbe } from "../driver";
import { loadChatTokenizer } from "./chat-tokenizer";
import { PRESENTED_SDK_VERSION } from "./client-auth";
import { parseTinkerConnection } from "./connection-config";
import { TinkerClient, type ServerInfo } from "./tinker-client";
import { TinkerPolicy } from "./tinker-policy";

const AUTH_WORDS: Record<ServerInfo["authMode"], string> = {
  none: "no credential (the server asked for none)",
  "api-key": "the API key, sent in X-API-Key",
  jwt: "a JWT exchanged for the API key at /auth/token, refreshed before it expires",
};

const WIRE_WORDS: Record<ServerInfo["wireFormat"], string> = {
  json: "Wire format: JSON bodies and results",
  protobuf:
    "Wire format: protobuf (application/x-protobuf) for forward_backward and its and sampling's results",
  "protobuf+zstd":
    "Wire format: protobuf for forward_backward and its and sampling's results, forward_backward zstd-compressed",
};

export function describeServer(info: ServerInfo, baseModel: string): string[] {
  const served = info.capabilities?.supported_models.flatMap((m) => (m.model_name ? [m.model_name] : []));
  return [
    info.config
      ? `Client config: read (presented as SDK ${PRESENTED_SDK_VERSION})`
      : "Client config: none offered (SkyRL or an older server); the SDK's defaults apply",
    `Auth: ${AUTH_WORDS[info.authMode]}`,
    WIRE_WORDS[info.wireFormat],
    `Polling: ${info.batchedPolls ? "batched (retrieve_futures)" : "one retrieve_future per request"}`,
    served === undefined
      ? "Models: the server does not list them"
      : served.includes(baseModel)
        ? `Models: ${served.length} served, including ${baseModel}`
        : `Models: ${served.length} served, but not ${baseModel} (models.policy)`,
  ];
}

export async function checkTinkerConnection(
  connection: BackendConnection,
  signal?: AbortSignal,
): Promise<BackendProbe> {
  const config = parseTinkerConnection(connection);
  // The tokenizer is ours to read: a wrong folder is reported here, not at the first step of a run.
  const tokenizer = loadChatTokenizer(config.tokenizer);
  const client = new TinkerClient({
    baseUrl: config.baseUrl,
    apiKey: connection.apiKey,
    backend: "Tinker backend",
    requestTimeoutMs: config.request_timeout_ms,
  });
  const info = await client.connect(signal);
  const models =
    info.capabilities?.supported_models.flatMap((m) => (m.model_name ? [m.model_name] : [])) ?? [];
  const details = describeServer(info, config.policy);
  const policy = new TinkerPolicy({
    client,
    tokenizer,
    baseModel: config.policy,
    loraRank: config.lora_rank,
    seed: 0,
    runId: "connection-check",
  });
  const started = Date.now();
  const reply = await policy.chat(
    [{ role: "user", content: "Say OK." }],
    { temperature: 0, topP: 1, maxTokens: 4 },
    { current: false },
    signal,
  );
  details.push(
    `Sample: ${reply.completionTokens} token(s) from ${config.policy} in ${Date.now() - started} ms: ${JSON.stringify(reply.text.slice(0, 60))}`,
    ...policy.notices.map((notice) => `Server says: ${notice}`),
  );
  return { models, capabilities: { sampling: true, logprobs: true, training: true }, details };
}
