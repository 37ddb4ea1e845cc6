import fc from "fast-check";
import { expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { countSteps, selectTrainingProblems } from "@/lib/espl/iteration/run-experiment";
import type { EsplProblem } from "@/lib/espl/ports";
import { countRunSteps } from "./count-run-steps";

test("counts the steps exactly as the engine does", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -5, max: 300 }),
      fc.integer({ min: 1, max: 50 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 0, max: 300 }),
      (datasetSize, batchSize, epochs, available) => {
        const config = {
          ...getDefaultConfig(),
          dataset_size: datasetSize,
          batch_size: batchSize,
          n_epochs: epochs,
        };
        const train = Array.from({ length: available }, (_, index): EsplProblem => ({
          index,
          question: "",
          answer: "",
          meta: {},
        }));
        const engine = countSteps(config, selectTrainingProblems(config, train).length).totalSteps;
        expect(countRunSteps(config, available)).toBe(engine);
      },
    ),
  );
});
