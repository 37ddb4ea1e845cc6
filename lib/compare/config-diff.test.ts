import { expect, test } from "vitest";
import { buildConfigRows } from "./config-diff";

test("union of keys, sorted, with differing keys flagged", () => {
  expect(
    buildConfigRows([
      { b: 1, a: "x" },
      { a: "x", b: 2, c: [1] },
    ]),
  ).toEqual([
    { key: "a", values: ['"x"', '"x"'], differs: false },
    { key: "b", values: ["1", "2"], differs: true },
    { key: "c", values: ["—", "[1]"], differs: true },
  ]);
});

test("no runs, no rows; non-objects count as empty", () => {
  expect(buildConfigRows([])).toEqual([]);
  expect(buildConfigRows([null, { a: 1 }])).toEqual([{ key: "a", values: ["—", "1"], differs: true }]);
});
