import { describe, expect, test } from "vitest";
import { convertLatexToMathjs } from "./latex-to-mathjs";
import { compileExpression } from "./mathjs-sandbox";

/** Evaluates converted LaTeX with x = 2, y = 3. */
function evaluate(latex: string): number | null {
  const converted = convertLatexToMathjs(latex);
  const compiled = converted && compileExpression(converted.source);
  const value = compiled?.evaluate(
    new Map([
      ["v_x", 2],
      ["v_y", 3],
    ]),
  );
  return value && Math.abs(value.im) < 1e-12 ? value.re : null;
}

describe("convertLatexToMathjs", () => {
  test.each([
    ["\\frac{1}{2}", 0.5],
    ["\\frac12", 0.5],
    ["\\frac{\\pi}{\\pi}", 1],
    ["3\\frac{1}{2}", 3.5],
    ["2\\frac{x}{2}", 2],
    ["2\\sqrt{9}", 6],
    ["\\sqrt[3]{-8}", -2],
    ["x^2+2xy", 16],
    ["x^{y}", 8],
    ["x^-1", 0.5],
    ["2^10", 1024],
    ["\\sin^2 x + \\cos^2(x)", 1],
    ["\\log_2 8", 3],
    ["\\log 100", 2],
    ["\\ln(e^2)", 2],
    ["|x - 5|", 3],
    ["\\lfloor 3.7 \\rfloor + \\lceil 0.2 \\rceil", 4],
    ["\\binom{5}{2}", 10],
    ["4!", 24],
    ["2(x+1)", 6],
    ["(x)(y)", 6],
    ["x y", 6],
    ["\\mathbf{x}", 2],
    ["\\text{12}", 12],
    ["3\\cdot 4 \\div 6", 2],
  ])("%s = %d", (latex, value) => {
    expect(evaluate(latex)).toBeCloseTo(value, 12);
  });

  test("flags decimal literals", () => {
    expect(convertLatexToMathjs("1.5")?.hasFloat).toBe(true);
    expect(convertLatexToMathjs("\\frac{3}{2}")?.hasFloat).toBe(false);
  });

  test("only emits whitelisted names: words become one v_ variable", () => {
    expect(convertLatexToMathjs("\\text{Alice}")?.source).toBe("v_alice");
    expect(convertLatexToMathjs("a_{12}\\alpha")?.source).toBe("v_a_12 * v_alpha");
  });

  test.each([
    "",
    "(1+2",
    "x)",
    "\\pm 3",
    "\\unknowncommand",
    "1 = 2",
    "a, b",
    "\\{1\\}",
    "x'",
    "@",
    "x_{\\alpha}",
    "1".repeat(1001),
  ])("returns null for %j", (latex) => {
    expect(convertLatexToMathjs(latex)).toBeNull();
  });

  test("deep nesting is refused instead of overflowing the stack", () => {
    expect(convertLatexToMathjs("{".repeat(300) + "1" + "}".repeat(300))).toBeNull();
  });
});

describe("compileExpression", () => {
  test("refuses anything outside the whitelist", () => {
    expect(compileExpression("import({}, {})")).toBeNull();
    expect(compileExpression("a = 1")).toBeNull();
    expect(compileExpression("5 cm")).toBeNull();
    expect(compileExpression("x + 1")).toBeNull();
    expect(compileExpression("[1, 2]")).toBeNull();
    expect(compileExpression("f(x) = x")).toBeNull();
    expect(compileExpression("v_x + 1")?.variables).toEqual(["v_x"]);
  });

  test("evaluation failures become null, complex results are kept", () => {
    expect(compileExpression("nthRoot(-8, 2)")?.evaluate()).toBeNull();
    expect(compileExpression("sqrt(-4)")?.evaluate()).toEqual({ re: 0, im: 2 });
    expect(compileExpression("binom(1000000000, 500000000)")?.evaluate()?.re).toBeNaN();
  });
});
