import { expect, test } from "vitest";
import { buildConfigRows } from "./config-diff";

const run = (config: unknown, datasetName: string | null = null) => ({ config, datasetName });

test("union of keys, sorted, with differing keys flagged", () => {
  expect(buildConfigRows([run({ b: 1, a: "x" }), run({ a: "x", b: 2, c: [1] })])).toEqual([
    { key: "a", values: ['"x"', '"x"'], differs: false },
    { key: "b", values: ["1", "2"], differs: true },
    { key: "c", values: ["—", "[1]"], differs: true },
  ]);
});

test("no runs, no rows; non-objects count as empty", () => {
  expect(buildConfigRows([])).toEqual([]);
  expect(buildConfigRows([run(null), run({ a: 1 })])).toEqual([
    { key: "a", values: ["—", "1"], differs: true },
  ]);
});

test("the same stored dataset_pair differs when the runs trained on different datasets", () => {
  const rows = buildConfigRows([
    run({ dataset_pair: "aimo_beyondaime" }, "Uploaded set"),
    run({ dataset_pair: "aimo_beyondaime" }, null),
  ]);
  expect(rows).toEqual([
    {
      key: "dataset_pair",
      values: ["not used (trained on Uploaded set)", '"aimo_beyondaime"'],
      differs: true,
    },
  ]);
});
