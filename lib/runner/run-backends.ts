/**
 * Builds the model ports a run executes against from its backend references. The simulator is the
 * embedded default: a run without a policy backend, or with a `sim` one, runs offline.
 */
import type { ChatFn } from "@/lib/espl/llm/chat";
import type { EsplProblem, PolicyBackend } from "@/lib/espl/ports";
import { createSimReflection, SimPolicy } from "@/lib/espl/simulator";
import type { BackendKind } from "@/lib/generated/prisma/enums";

export interface RunBackends {
  policy: PolicyBackend;
  reflect: ChatFn;
}

export class UnsupportedBackendError extends Error {
  override name = "UnsupportedBackendError";
}

export function createRunBackends(
  run: { seed: number; policyBackendKind: BackendKind | null },
  problems: { train: readonly EsplProblem[]; test: readonly EsplProblem[] },
): RunBackends {
  const kind = run.policyBackendKind ?? "sim";
  if (kind !== "sim")
    throw new UnsupportedBackendError(`model backend kind "${kind}" cannot execute runs yet`);
  return {
    policy: new SimPolicy({ seed: run.seed }),
    reflect: createSimReflection({ seed: run.seed, suite: problems }),
  };
}
