/**
 * What a kind of model backend must provide, so the registry page, the launch form and the runner treat
 * every kind (the simulator, OpenAI-compatible endpoints, Tinker-compatible trainers) the same way.
 * Each kind implements one driver under lib/server/runner/backends/<kind>/ and registers it in ./drivers.ts.
 */
import "server-only";
import type { EsplConfig } from "@/lib/espl/config";
import type { ChatFn } from "@/lib/espl/llm/chat";
import type { EsplProblem, PolicyBackend } from "@/lib/espl/ports";
import type { BackendKind } from "@/lib/generated/prisma/enums";
import type { BackendCapabilities } from "@/lib/domain/backends/backend-capabilities";

export type { BackendCapabilities };

export interface BackendProbe {
  models: string[];
  capabilities: BackendCapabilities;
  /** What the check found, one plain-words line each (auth, wire format, a sample), where the driver says. */
  details?: string[];
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
}

export interface BackendDriver {
  probe(connection: BackendConnection, signal?: AbortSignal): Promise<BackendProbe>;
  /** The policy LLM (and its trainer, where the kind has one). */
  createPolicy?(connection: BackendConnection, run: RunDriverContext): PolicyBackend;
  /** The reflection LLM used by mutation and crossover. */
  createReflection?(connection: BackendConnection, run: RunDriverContext): ChatFn;
}
