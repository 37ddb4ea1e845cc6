/**
 * Where a run's figures come from, as the run header states it: its source, model, backend, seed and
 * elapsed time, each null when nothing recorded it (shown as "not recorded", never as a zero or a
 * default). An imported run's config was filled with our defaults for the keys its config.json lacked,
 * so only the keys the file held count as recorded; its steps were timed by the reference's clock
 * (`time/total` per step in metrics.jsonl), not by when they were imported.
 */
export interface RunProvenance {
  source: "imported" | "simulated" | "backend";
  /** Plain words: "imported from the reference script", "simulated", "backend <name>". */
  label: string;
  model: string | null;
  backend: string | null;
  seed: number | null;
  elapsed: { ms: number; from: "step clock" | "time/total"; steps: number } | null;
  /**
   * The config keys the run's own files held, for an imported run whose import noted them; null where
   * every stored key was set by the run itself (native runs) or the import did not note them.
   */
  recordedConfigKeys: string[] | null;
}

export interface ProvenanceInput {
  source: "native" | "imported";
  seed: number;
  config: unknown;
  /** The run's engine state; for imported runs `imported.configKeys` lists config.json's keys. */
  engineState: unknown;
  policyBackend: { kind: string; name: string } | null;
  /** Elapsed by the step commit times (native runs; lib/domain/runs/run-progress.ts). */
  clockElapsedMs: number | null;
  stepCount: number;
  /** Sum and count of the visible steps' logged `time/total` (seconds). */
  loggedTime: { seconds: number; steps: number } | null;
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The config keys an imported run's files held; null for runs imported before they were recorded. */
function importedConfigKeys(engineState: unknown): Set<string> | null {
  const keys = record(record(engineState).imported).configKeys;
  return Array.isArray(keys) ? new Set(keys.filter((k): k is string => typeof k === "string")) : null;
}

function describeImported(input: ProvenanceInput): RunProvenance {
  const config = record(input.config);
  const keys = importedConfigKeys(input.engineState);
  // Before keys were recorded, a config.json was read when the log folder was found.
  const held = (key: string) =>
    keys ? keys.has(key) : record(record(input.engineState).imported).logDir != null;
  const model = held("model_name") && typeof config.model_name === "string" ? config.model_name : null;
  const baseUrl = typeof config.base_url === "string" ? config.base_url : null;
  // The reference script samples and trains on Tinker; base_url only says which service address.
  const backend = keys === null || keys.size > 0 ? (baseUrl ? `Tinker at ${baseUrl}` : "Tinker") : null;
  // The reference is unseeded (SPEC §13 item 16): a seed is recorded only if its config.json has one.
  const seed = keys?.has("seed") && typeof config.seed === "number" ? config.seed : null;
  const logged = input.loggedTime;
  return {
    source: "imported",
    label: "imported from the reference script",
    model,
    backend,
    seed,
    recordedConfigKeys: keys ? [...keys].sort() : null,
    elapsed:
      logged && logged.steps > 0
        ? { ms: logged.seconds * 1000, from: "time/total", steps: logged.steps }
        : null,
  };
}

export function describeProvenance(input: ProvenanceInput): RunProvenance {
  if (input.source === "imported") return describeImported(input);
  const config = record(input.config);
  const simulated = !input.policyBackend || input.policyBackend.kind === "sim";
  return {
    source: simulated ? "simulated" : "backend",
    label: simulated ? "simulated" : `backend ${input.policyBackend!.name}`,
    // The simulator samples no model, whatever model_name the config carries.
    model: simulated
      ? "none (simulated policy)"
      : typeof config.model_name === "string"
        ? config.model_name
        : null,
    backend: simulated ? "built-in simulator" : input.policyBackend!.name,
    seed: input.seed,
    recordedConfigKeys: null,
    elapsed:
      input.clockElapsedMs === null
        ? null
        : { ms: input.clockElapsedMs, from: "step clock", steps: input.stepCount },
  };
}
