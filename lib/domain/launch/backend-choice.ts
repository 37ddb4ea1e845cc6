/**
 * Which backend combinations a run may launch with, decided from what each backend's last connection test
 * found. Used by the launch form (to disable options and say why) and by the launch action (to refuse the
 * same combinations), so the two never disagree. The simulator (no backend chosen) samples and trains.
 */
import type { BackendCapabilities } from "@/lib/domain/backends/backend-capabilities";
import type { EsplConfig } from "@/lib/espl/config";
import { TRAIN_MODES } from "@/lib/espl/config";

export interface LaunchBackendOption {
  id: string;
  projectId: string;
  name: string;
  kind: string;
  /** Null: never tested (or the stored result is unreadable). */
  capabilities: BackendCapabilities | null;
  /** The last test's error, when it failed. */
  testError: string | null;
  hasDriver: boolean;
}

type TrainMode = EsplConfig["train_mode"];

export interface BackendChoice {
  trainMode: TrainMode;
  evolutionSampleClient: EsplConfig["evolution_sample_client"];
  /** Null: the simulator. */
  policy: LaunchBackendOption | null;
  /** Null: the policy backend reflects too. */
  reflection: LaunchBackendOption | null;
}

const needsTraining = (mode: TrainMode) => mode === "rl" || mode === "evolution_rl";
const needsReflection = (mode: TrainMode) => mode === "evolution" || mode === "evolution_rl";

function cannotSample(backend: LaunchBackendOption, use: string): string | null {
  if (!backend.hasDriver)
    return `${backend.name}: no driver for backend kind ${backend.kind} in this version`;
  if (backend.testError)
    return `${backend.name}: the last connection test failed (${backend.testError}); test it again`;
  if (backend.capabilities && !backend.capabilities.sampling)
    return `${backend.name} cannot sample, so it cannot be the ${use}`;
  return null;
}

/** Why `mode` cannot run on this policy backend, or null when it can. */
export function explainModeUnavailable(mode: TrainMode, policy: LaunchBackendOption | null): string | null {
  if (!policy) return null;
  const sampling = cannotSample(policy, "policy");
  if (sampling) return sampling;
  if (!needsTraining(mode)) return null;
  if (!policy.capabilities)
    return `${policy.name} has not been tested: ${mode} needs a backend that trains; test its connection first`;
  if (!policy.capabilities.training)
    return `${policy.name} samples only (no training): ${mode} needs weight updates; use evolution, or a trainer backend`;
  return null;
}

export function listModeAvailability(policy: LaunchBackendOption | null): Record<TrainMode, string | null> {
  return Object.fromEntries(TRAIN_MODES.map((m) => [m, explainModeUnavailable(m, policy)])) as Record<
    TrainMode,
    string | null
  >;
}

/** Every reason the combination cannot launch, keyed by the form field it concerns. */
export function checkBackendChoice(choice: BackendChoice): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const mode = explainModeUnavailable(choice.trainMode, choice.policy);
  if (mode)
    add(
      choice.policy && cannotSample(choice.policy, "policy") ? "policyBackendId" : "config.train_mode",
      mode,
    );
  if (choice.reflection && needsReflection(choice.trainMode)) {
    const reflection = cannotSample(choice.reflection, "reflection backend");
    if (reflection) add("reflectionBackendId", reflection);
  }
  // `current` samples the step's own policy weights: only the policy backend itself can serve that.
  const separate = choice.reflection !== null && choice.reflection.id !== choice.policy?.id;
  if (choice.evolutionSampleClient === "current" && separate && needsReflection(choice.trainMode))
    add(
      "config.evolution_sample_client",
      "current uses the policy's own weights for reflection: choose no separate reflection backend, or reference",
    );
  return errors;
}
