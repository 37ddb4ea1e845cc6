import { describe, expect, test } from "vitest";
import { checkDatasetFit, clampDatasetSize, describeSplits } from "./dataset-fit";

describe("checkDatasetFit", () => {
  test("a dataset with both splits and room for dataset_size fits", () => {
    expect(checkDatasetFit(40, { name: "d", trainCount: 40, testCount: 5 })).toEqual({});
    expect(checkDatasetFit(0, { name: "d", trainCount: 40, testCount: 5 })).toEqual({});
    expect(checkDatasetFit(-1, { name: "d", trainCount: 40, testCount: 5 })).toEqual({});
  });

  test("a missing test split is named on the dataset field", () => {
    expect(checkDatasetFit(10, { name: "forty", trainCount: 40, testCount: 0 })).toEqual({
      datasetId: [
        'the dataset "forty" has no test split: every step is evaluated on its test rows; upload it with a split column that marks some rows "test"',
      ],
    });
  });

  test("dataset_size past the training split is refused naming the limit", () => {
    expect(checkDatasetFit(256, { name: "forty", trainCount: 40, testCount: 4 })).toEqual({
      "config.dataset_size": [
        'must be at most 40: the dataset "forty" has 40 training problems (0 or less uses all of them)',
      ],
    });
  });
});

test("clampDatasetSize keeps sizes within the data and leaves 'all' alone", () => {
  expect([clampDatasetSize(256, 40), clampDatasetSize(12, 40), clampDatasetSize(0, 40)]).toEqual([40, 12, 0]);
  expect(describeSplits({ trainCount: 40, testCount: 4 })).toBe("40 train / 4 test");
});
