import { describe, expect, test } from "vitest";
import { callStage, describeEmpty, describeParse } from "./call-stage";

describe("call stages and parse notes", () => {
  test("native and imported purposes map to one stage", () => {
    expect(["mutation.critique", "critique"].map(callStage)).toEqual(["critique", "critique"]);
    expect(["mutation.batch", "batch_revision"].map(callStage)).toEqual(["revision", "revision"]);
    expect(callStage("something")).toBe("other");
  });
  test("a reply that is not an operation list is a problem; an empty list only a note", () => {
    expect(describeParse({ operation: "add" }, 20)).toMatch(/an object/);
    expect(describeParse(5, 1)).toMatch(/a number/);
    expect(describeParse([], 20)).toBeNull();
    expect(describeEmpty([], 20)).toMatch(/no operations/);
    expect(describeEmpty([], null)).toBeNull();
    expect(describeEmpty([{}], 20)).toBeNull();
  });
});
