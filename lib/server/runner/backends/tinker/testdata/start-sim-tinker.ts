/** Test helpers: a simulated Tinker server on a free port, and a connection row pointing at it. */
import type { BackendConnection } from "@/lib/server/runner/backends/driver";
import type { EsplProblem } from "@/lib/espl/ports";
import {
  createSimTinkerServer,
  type SimTinkerServer,
  type SimTinkerServerOptions,
} from "@/lib/tools/sim-servers/tinker/sim-tinker-server";
import { TINY_CHAT_MODEL, TINY_CHAT_TOKENIZER } from "./tiny-chat";

export function startSimTinker(
  problems: readonly EsplProblem[],
  options: Partial<SimTinkerServerOptions> = {},
): Promise<SimTinkerServer> {
  return createSimTinkerServer({
    tokenizerDir: TINY_CHAT_TOKENIZER,
    models: [TINY_CHAT_MODEL],
    problems,
    longPollMs: 200,
    ...options,
  });
}

export function simTinkerConnection(url: string, extra: Record<string, string> = {}): BackendConnection {
  return {
    id: "sim-tinker",
    kind: "tinker_compatible",
    baseUrl: url,
    apiKey: null,
    models: { policy: TINY_CHAT_MODEL, tokenizer: TINY_CHAT_TOKENIZER, ...extra },
  };
}
