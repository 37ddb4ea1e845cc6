import { z } from "zod";
import { EvolutionPool } from "../../pool";
import { createProgram } from "../../program";
import { compare, fail } from "../compare";
import type { CaseChecker } from "../types";

const inputSchema = z.object({ max_pool_size: z.int().positive(), n_adds: z.int().nonnegative() });

/** Each add takes a fresh id from the counter, as the vectors' generator did, starting from an empty pool. */
export const check: CaseChecker = (testCase) => {
  const input = inputSchema.safeParse(testCase.input);
  if (!input.success) return fail(`bad input: ${input.error.message}`);
  const pool = new EvolutionPool(input.data.max_pool_size);
  const poolIdsAfterEachAdd: number[][] = [];
  for (let i = 0; i < input.data.n_adds; i++) {
    pool.add(createProgram({ programId: pool.getNewProgramId() }));
    poolIdsAfterEachAdd.push(pool.programs.map((p) => p.programId));
  }
  return compare(
    {
      pool_ids_after_each_add: poolIdsAfterEachAdd,
      max_program_id: pool.maxProgramId,
      latest_id: pool.size > 0 ? pool.latest().programId : null,
    },
    testCase.expected,
  );
};
