import { z } from "zod";
import { normalCdf, normalPdf, normalQuantile, vDraw, vWin, wDraw, wWin } from "../../trueskill/normal-math";
import { compare, fail, pass, TRUESKILL_REL_TOL } from "../compare";
import type { CaseChecker } from "../types";

const unary = { Phi_inv: normalQuantile, phi: normalPdf, Phi: normalCdf } as const;
const binary = { v_win: vWin, w_win: wWin, v_draw: vDraw, w_draw: wDraw } as const;

const inputSchema = z.union([
  z.object({ fn: z.enum(["Phi_inv", "phi", "Phi"]), args: z.tuple([z.number()]) }),
  z.object({ fn: z.enum(["v_win", "w_win", "v_draw", "w_draw"]), args: z.tuple([z.number(), z.number()]) }),
]);

function evaluate(input: z.infer<typeof inputSchema>): number {
  if (input.args.length === 1) return unary[input.fn as keyof typeof unary](input.args[0]);
  return binary[input.fn as keyof typeof binary](input.args[0], input.args[1]);
}

/** Normal helpers and v/w corrections; ill-conditioned cases (large |t|) only need a finite result. */
export const check: CaseChecker = (testCase) => {
  const input = inputSchema.parse(testCase.input);
  const expected = z.number().parse(testCase.expected);
  const actual = evaluate(input);
  if (testCase.ill_conditioned) return Number.isFinite(actual) ? pass : fail(`not finite: ${actual}`);
  return compare(actual, expected, { kind: "rel", tol: TRUESKILL_REL_TOL });
};
