import { describe, expect, it } from "vitest";
import { clampStep } from "./clamp-step";

describe("clampStep", () => {
  it("brings a step past the last committed one down to the last, and says what was asked", () => {
    expect(clampStep(998, 0, 78)).toEqual({ step: 78, requested: 998 });
  });
  it("brings a step before the first committed one up to the first", () => {
    expect(clampStep(0, 3, 78)).toEqual({ step: 3, requested: 0 });
  });
  it("keeps a step inside the range as it is", () => {
    expect(clampStep(40, 0, 78)).toEqual({ step: 40, requested: null });
    expect(clampStep(78, 0, 78)).toEqual({ step: 78, requested: null });
    expect(clampStep(0, 0, 78)).toEqual({ step: 0, requested: null });
  });
});
