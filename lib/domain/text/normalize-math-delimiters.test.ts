import { describe, expect, test } from "vitest";
import { normalizeMathDelimiters } from "./normalize-math-delimiters";

describe("normalizeMathDelimiters", () => {
  test("\\( \\) becomes inline dollars and \\[ \\] a display block", () => {
    expect(normalizeMathDelimiters("so \\( x^2 \\) holds")).toBe("so $x^2$ holds");
    expect(normalizeMathDelimiters("then \\[\\frac{a}{b}\\] done")).toBe(
      "then \n$$\n\\frac{a}{b}\n$$\n done",
    );
  });

  test("code spans and fenced blocks keep their text", () => {
    const fenced = "```tex\n\\( a \\)\n```";
    expect(normalizeMathDelimiters(`${fenced}\nand \\(b\\)`)).toBe(`${fenced}\nand $b$`);
    expect(normalizeMathDelimiters("`\\(x\\)` and \\(y\\)")).toBe("`\\(x\\)` and $y$");
  });

  test("unclosed openers and plain text are unchanged", () => {
    expect(normalizeMathDelimiters("a \\( b")).toBe("a \\( b");
    expect(normalizeMathDelimiters("cost $5 and (1) [2]")).toBe("cost $5 and (1) [2]");
  });
});
