/** The built-in offline simulator as a driver: always reachable, samples and trains, needs no key. */
import { createSimReflection, SimPolicy } from "@/lib/espl/simulator";
import type { BackendDriver } from "./driver";

export const simDriver: BackendDriver = {
  probe: async () => ({
    models: ["simulator"],
    capabilities: { sampling: true, logprobs: false, training: true },
  }),
  createPolicy: (_connection, run) => new SimPolicy({ seed: run.seed }),
  createReflection: (_connection, run) => createSimReflection({ seed: run.seed, suite: run.problems }),
};
