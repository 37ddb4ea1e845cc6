import { describe, expect, test } from "vitest";
import { likePattern } from "./search-pattern";

describe("likePattern", () => {
  test("lower-cases and wraps in wildcards", () => expect(likePattern("Parity")).toBe("%parity%"));
  test("escapes LIKE syntax", () => expect(likePattern("100%_x")).toBe("%100\\%\\_x%"));
  test("escapes as JSON text does, then for LIKE", () => {
    // A quote is \" in the JSON text, a backslash \\; LIKE then needs each backslash doubled.
    expect(likePattern('say "hi"')).toBe('%say \\\\"hi\\\\"%');
    expect(likePattern("\\frac")).toBe("%\\\\\\\\frac%");
  });
});
