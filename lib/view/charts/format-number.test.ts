import { expect, test } from "vitest";
import { formatSignificant, formatTick } from "./format-number";

test("at most four significant digits", () => {
  expect(formatSignificant(0.33333333333333331)).toBe("0.3333");
  expect(formatSignificant(0.1 + 0.2)).toBe("0.3");
  expect(formatSignificant(1 / 7)).toBe("0.1429");
  expect(formatSignificant(1234)).toBe("1234");
  expect(formatSignificant(12345.678)).toBe("12,350");
  expect(formatSignificant(-2.5)).toBe("-2.5");
  expect(formatSignificant(0)).toBe("0");
});

test("extreme magnitudes in scientific notation; missing values as a dash", () => {
  expect(formatSignificant(0.000012345)).toMatch(/^1\.23\de-5$/);
  expect(formatSignificant(3e15)).toBe("3e+15");
  expect(formatSignificant(null)).toBe("—");
  expect(formatSignificant(Number.NaN)).toBe("—");
  expect(formatTick(0.123456)).toBe("0.123");
});
