import { z } from "zod";
import { ScriptedRng, type ScriptedDraw } from "../../rng";
import { createRating } from "../../trueskill/system";
import { getMostEliteProgram, selectPrograms, type SelectableProgram } from "../../selection";
import { compare, fail } from "../compare";
import type { CaseChecker, CaseResult } from "../types";

const poolSchema = z.array(z.object({ program_id: z.int(), mu: z.number(), sigma: z.number() }));
const selectionInputSchema = z.object({
  strategy: z.enum(["uniform", "lucb", "ucb", "softmax"]),
  pool: poolSchema,
  pool_size: z.int().nonnegative(),
  k: z.int(),
  include_last: z.boolean(),
  forced_sample_local_indices: z.array(z.int()).optional(),
});
const eliteInputSchema = z.object({ strategy: z.literal("elite"), pool: poolSchema });
const rngCallSchema = z.object({
  fn: z.enum(["sample", "choices", "choice"]),
  population_ids: z.array(z.int()),
  k: z.int(),
  returned_ids: z.array(z.int()),
});
const uniformExpectedSchema = z.object({ rng_calls: z.array(rngCallSchema) });

/** Explore/exploit/probabilities are plain float64 arithmetic; allow for a last-ulp `exp` difference. */
const FLOAT64_MODE = { kind: "rel", tol: 1e-12 } as const;

type PoolEntry = z.infer<typeof poolSchema>[number];

/**
 * The generator built each entry with the reference's Rating(mu, sigma) constructor, which floors σ at
 * 1e-6 (some cases store σ = 1e-7), so the ratings go through the same constructor here. Selection itself
 * uses σ as given, like the reference (a rating loaded from a file bypasses the floor).
 */
function toSelectable(pool: readonly PoolEntry[]): SelectableProgram[] {
  return pool.map((p) => ({ programId: p.program_id, rating: createRating(p.mu, p.sigma) }));
}

/** Turns the recorded Python draws (ids) into positions in the population the engine will pass. */
function buildScript(calls: z.infer<typeof rngCallSchema>[]): ScriptedDraw[] {
  return calls.map((call) => {
    const positions = call.returned_ids.map((id) => call.population_ids.indexOf(id));
    if (call.fn === "choice") return { fn: "choice", index: positions[0] ?? -1 };
    return { fn: call.fn, indices: positions };
  });
}

function checkElite(testCase: { input: unknown; expected: unknown }): CaseResult {
  const input = eliteInputSchema.parse(testCase.input);
  const pool = toSelectable(input.pool);
  const eliteId = (score: "mean" | "explore" | "exploit") =>
    getMostEliteProgram(pool, score)?.programId ?? null;
  return compare(
    { elite_ids: { mean: eliteId("mean"), explore: eliteId("explore"), exploit: eliteId("exploit") } },
    testCase.expected,
  );
}

export const check: CaseChecker = (testCase) => {
  if (eliteInputSchema.safeParse(testCase.input).success) return checkElite(testCase);
  const parsed = selectionInputSchema.safeParse(testCase.input);
  if (!parsed.success) return fail(`bad input: ${parsed.error.message}`);
  const input = parsed.data;
  const pool = toSelectable(input.pool);
  const idOf = (poolIndex: unknown) =>
    typeof poolIndex === "number" ? (pool[poolIndex]?.programId ?? null) : null;

  let script: ScriptedDraw[] = [];
  if (input.strategy === "uniform") {
    const expected = uniformExpectedSchema.safeParse(testCase.expected);
    if (!expected.success) return fail(`bad expected: ${expected.error.message}`);
    script = buildScript(expected.data.rng_calls);
  } else if (input.strategy === "softmax") {
    script = [{ fn: "weighted", indices: input.forced_sample_local_indices ?? [] }];
  }
  const rng = new ScriptedRng(script);
  const result = selectPrograms(pool, {
    strategy: input.strategy,
    k: input.k,
    window: input.pool_size,
    includeLast: input.include_last,
    rng,
  });
  if (rng.remaining !== 0) return fail(`${rng.remaining} scripted draws were not used`);

  switch (result.strategy) {
    case "uniform": {
      const rngCalls = rng.calls.map((call, i) => {
        const population = call.population ?? [];
        const draw = script[i];
        const positions =
          draw?.fn === "choice" ? [draw.index] : draw && "indices" in draw ? draw.indices : [];
        return {
          fn: call.fn,
          population_ids: population.map(idOf),
          k: call.k,
          returned_ids: positions.map((pos) => idOf(population[pos])),
        };
      });
      return compare(
        {
          candidate_ids: result.candidateIds,
          mode: result.mode,
          rng_calls: rngCalls,
          selected_ids_given_rng_calls: result.selectedIds,
        },
        testCase.expected,
      );
    }
    case "lucb":
    case "ucb":
      return compare(
        {
          candidate_ids: result.candidateIds,
          explore: result.explore,
          exploit: result.exploit,
          selected_ids: result.selectedIds,
        },
        testCase.expected,
        FLOAT64_MODE,
      );
    case "softmax":
      return compare(
        {
          candidate_ids: result.candidateIds,
          explore: result.explore,
          temperature: result.temperature,
          probs: result.probs,
          n_sample: result.nSample,
          selected_ids_given_forced_sample: result.selectedIds,
        },
        testCase.expected,
        FLOAT64_MODE,
      );
  }
};
