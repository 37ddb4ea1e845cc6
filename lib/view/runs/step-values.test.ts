import { expect, test } from "vitest";
import { formatStepValue, prepareStepValues } from "./step-values";

const bucket = (step: number, last: number) => ({
  bucket: step,
  step,
  min: last,
  max: last,
  last,
  time: 0,
  samples: 0,
});

test("one row per step, in step order, columns in the keys' order; a missing value is null, not 0", () => {
  const table = prepareStepValues(
    {
      "testing/Pass@1": [bucket(0, 0.25), bucket(2, 0.5)],
      "rollout/Agg_avg_reward": [bucket(1, 0.75), bucket(0, 0)],
    },
    ["rollout/Agg_avg_reward", "testing/Pass@1"],
  );
  expect(table).toEqual({
    keys: ["rollout/Agg_avg_reward", "testing/Pass@1"],
    rows: [
      { step: 0, values: [0, 0.25] },
      { step: 1, values: [0.75, null] },
      { step: 2, values: [null, 0.5] },
    ],
  });
  expect(table.rows.map((r) => r.values.map(formatStepValue))).toEqual([
    ["0.0000", "0.2500"],
    ["0.7500", "—"],
    ["—", "0.5000"],
  ]);
});
