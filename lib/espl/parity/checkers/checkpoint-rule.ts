import { z } from "zod";
import { decideCheckpoint } from "../../checkpoint";
import { isRlEnabled, TRAIN_MODES } from "../../config";
import { compare, fail } from "../compare";
import type { CaseChecker } from "../types";

const inputSchema = z.object({
  step: z.int(),
  start_step: z.int(),
  save_every: z.int().positive(),
  train_mode: z.enum(TRAIN_MODES),
  this_test_acc: z.number(),
  best_test_acc: z.number(),
  best_ckpt_step: z.int(),
});

export const check: CaseChecker = (testCase) => {
  const parsed = inputSchema.safeParse(testCase.input);
  if (!parsed.success) return fail(`bad input: ${parsed.error.message}`);
  const input = parsed.data;
  const decision = decideCheckpoint({
    step: input.step,
    startStep: input.start_step,
    saveEvery: input.save_every,
    rlEnabled: isRlEnabled({ train_mode: input.train_mode }),
    thisTestAcc: input.this_test_acc,
    bestTestAcc: input.best_test_acc,
    bestCkptStep: input.best_ckpt_step,
  });
  return compare(
    {
      checkpoint_saved: decision.checkpointSaved,
      checkpoint_name: decision.checkpointName,
      best_test_acc: decision.bestTestAcc,
      best_ckpt_step: decision.bestCkptStep,
    },
    testCase.expected,
  );
};
