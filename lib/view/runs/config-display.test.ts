import { describe, expect, test } from "vitest";
import { prepareConfigEntries } from "./config-display";

describe("prepareConfigEntries", () => {
  test("stored values as JSON, sorted by key", () => {
    expect(prepareConfigEntries({ config: { seed: 3, lr: 0.1, tags: ["a"] }, datasetName: null })).toEqual([
      { key: "lr", value: "0.1", unused: false },
      { key: "seed", value: "3", unused: false },
      { key: "tags", value: '["a"]', unused: false },
    ]);
  });

  test("dataset_pair is shown as not used when the run trained on another recorded dataset", () => {
    const entries = prepareConfigEntries({
      config: { dataset_pair: "aimo_beyondaime", seed: 1 },
      datasetName: "Olympiad uploads",
    });
    expect(entries[0]).toEqual({
      key: "dataset_pair",
      value: "not used (trained on Olympiad uploads)",
      unused: true,
    });
    expect(entries[1]).toEqual({ key: "seed", value: "1", unused: false });
  });

  test("dataset_pair stands where no dataset was recorded, or the recorded one is the pair itself", () => {
    const imported = prepareConfigEntries({ config: { dataset_pair: "hmmt" }, datasetName: null });
    expect(imported).toEqual([{ key: "dataset_pair", value: '"hmmt"', unused: false }]);
    const pair = prepareConfigEntries({ config: { dataset_pair: "hmmt" }, datasetName: "hmmt" });
    expect(pair).toEqual([{ key: "dataset_pair", value: '"hmmt"', unused: false }]);
  });

  test("an imported run's keys its files did not hold show as not recorded, with the default named", () => {
    const entries = prepareConfigEntries({
      config: { batch_size: 30, seed: 0 },
      datasetName: null,
      recordedKeys: ["batch_size"],
    });
    expect(entries).toEqual([
      { key: "batch_size", value: "30", unused: false },
      { key: "seed", value: "not recorded (the importer's default: 0)", unused: true },
    ]);
  });

  test("a config that is not an object has no entries", () => {
    expect(prepareConfigEntries({ config: null, datasetName: "x" })).toEqual([]);
    expect(prepareConfigEntries({ config: [1, 2], datasetName: null })).toEqual([]);
  });
});
