import { z } from "zod";
import { scanStatsForBestTest } from "../../checkpoint";
import { compare, fail } from "../compare";
import type { CaseChecker } from "../types";

// Entries stay loosely typed: the scan itself must cope with entries lacking `test`.
const inputSchema = z.object({ stats: z.record(z.string(), z.unknown()) });

export const check: CaseChecker = (testCase) => {
  const parsed = inputSchema.safeParse(testCase.input);
  if (!parsed.success) return fail(`bad input: ${parsed.error.message}`);
  const { bestTestAcc, bestCkptStep } = scanStatsForBestTest(parsed.data.stats);
  return compare({ best_test_acc: bestTestAcc, best_ckpt_step: bestCkptStep }, testCase.expected);
};
