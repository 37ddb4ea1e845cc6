import { describe, expect, test } from "vitest";
import { isDigitCode, isSpaceCode } from "./char-codes";

describe("character tests", () => {
  test("isSpaceCode and isDigitCode accept exactly what \\s and \\d accept, on every UTF-16 unit", () => {
    const mismatches: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      if (isSpaceCode(code) !== /\s/.test(c) || isDigitCode(code) !== /\d/.test(c)) mismatches.push(code);
    }
    expect(mismatches).toEqual([]);
  });

  test("past the end of a string (NaN) nothing matches", () => {
    expect(isSpaceCode("".charCodeAt(0))).toBe(false);
    expect(isDigitCode("".charCodeAt(0))).toBe(false);
  });
});
