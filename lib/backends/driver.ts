/**
 * What a kind of model backend must provide, so the registry page, the launch form and the runner treat
 * every kind (the simulator, OpenAI-compatible endpoints, Tinker-compatible trainers) the same way.
 * Each kind implements one driver under lib/backends/<kind>/ and registers it in ./drivers.ts.
 */
import type { EsplConfig } from "@/lib/espl/config";
import type { ChatFn } from "@/lib/espl/llm/chat";
import type { EsplProblem, PolicyBackend } from "@/lib/espl/ports";
import type { BackendKind } from "@/lib/generated/prisma/enums";
import type { UsageMeter } from "./usage-meter";

/** What "Test connection" found; the launch form offers only the train modes these allow. */
export interface BackendCapabilities {
  /** Can sample completions (policy rollouts, reflection calls). */
  sampling: boolean;
  /** Returns token ids and logprobs with samples. */
  logprobs: boolean;
  /** Can apply weight updates (forward_backward + optim_step): needed by `rl` and `evolution_rl`. */
  training: boolean;
}

export interface BackendProbe {
  models: string[];
  capabilities: BackendCapabilities;
}

/** A stored backend with its API key opened: only the worker and the connection test see this. */
export interface BackendConnection {
  id: string;
  kind: BackendKind;
  baseUrl: string | null;
  apiKey: string | null;
  /** Model names by use, e.g. {"policy": "...", "reflection": "..."} (ModelBackend.models). */
  models: Record<string, string>;
  /** Driver settings as stored (ModelBackend.options); each driver validates what it reads. */
  options?: unknown;
}

/** What a run hands a driver when it builds its model ports. */
export interface RunDriverContext {
  runId: string;
  seed: number;
  config: EsplConfig;
  problems: { train: readonly EsplProblem[]; test: readonly EsplProblem[] };
  /** Where drivers count tokens of calls whose results carry no counts (reflection chat calls). */
  usage?: UsageMeter;
}

export interface BackendDriver {
  probe(connection: BackendConnection, signal?: AbortSignal): Promise<BackendProbe>;
  /** The policy LLM (and its trainer, where the kind has one). */
  createPolicy?(connection: BackendConnection, run: RunDriverContext): PolicyBackend;
  /** The reflection LLM used by mutation and crossover. */
  createReflection?(connection: BackendConnection, run: RunDriverContext): ChatFn;
}
