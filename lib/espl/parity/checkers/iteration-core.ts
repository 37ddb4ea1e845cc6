import { z } from "zod";
import type { CrossoverEvent } from "../../crossover/run-crossover";
import { runIterationCore } from "../../iteration/iteration-core";
import type { IterationCoreResult } from "../../iteration/iteration-core";
import { EvolutionPool } from "../../pool";
import { createProgram, principlesFromObject } from "../../program";
import { createRating } from "../../trueskill/system";
import {
  FLOAT32_ABS_TOL,
  fail,
  findDifference,
  findKeyOrderDifference,
  type NumberMode,
  pass,
  TRUESKILL_REL_TOL,
} from "../compare";
import type { CaseChecker } from "../types";

const principlesSchema = z.record(z.string(), z.string());

const inputSchema = z.object({
  pool: z.array(
    z.object({ program_id: z.int(), principles: principlesSchema, mu: z.number(), sigma: z.number() }),
  ),
  max_pool_size: z.int().positive(),
  max_program_id: z.int(),
  selected_ids: z.array(z.int()).min(1),
  rewards: z.array(z.array(z.array(z.number()))),
  problems: z.array(z.string()),
  step: z.int(),
  mutation_sigma: z.number(),
  crossover_sigma: z.number(),
  crossover_triggered: z.boolean(),
  crossover_response: z.string(),
  mutation_new_principles: principlesSchema.nullable(),
});

const ratingSchema = z.object({ mu: z.number(), sigma: z.number() });
const programSchema = z.looseObject({ principles: principlesSchema, rating: ratingSchema });
const expectedSchema = z.object({
  rollout_stats: z.record(z.string(), z.number()),
  program_scores: z.array(z.number()),
  sorted_program_indices: z.array(z.int()),
  sorted_program_indices_unique: z.array(z.int()),
  ties: z.array(z.int()),
  best_program_index: z.int(),
  crossover: z.looseObject({ attempted: z.boolean() }),
  mutation_child_created: z.boolean(),
  pool_state_after: z.looseObject({ evolution_pool: z.array(programSchema) }),
});

const REL: NumberMode = { kind: "rel", tol: TRUESKILL_REL_TOL };
const F32: NumberMode = { kind: "abs", tol: FLOAT32_ABS_TOL };
const EXACT: NumberMode = { kind: "exact" };

/** The crossover block in the vectors' vocabulary; keys appear only where the reference got that far. */
function describeCrossover(
  event: CrossoverEvent | null,
  result: IterationCoreResult,
): Record<string, unknown> {
  if (!event) return { attempted: false };
  const { plan } = event;
  const out: Record<string, unknown> = {
    attempted: true,
    wins_by_program: Object.fromEntries(
      plan.wins.map((w) => [String(w.slot), w.questions.map((q) => q.problemIndex)]),
    ),
    programs_to_include: plan.includedSlots,
    eligible: plan.eligible,
  };
  if (event.status === "skipped") return out;
  const view = result.events.find((e) => e.kind === "crossover");
  const rating = view?.details.kind === "crossover" ? view.details.childRating : null;
  return {
    ...out,
    parent_ids: plan.parentIds,
    child_mu: rating?.mu,
    child_sigma: rating?.sigma,
    prompt_middle: plan.prompt?.middle,
    operations: event.operations,
    child_created: result.added.crossoverChild !== null,
  };
}

/**
 * The reference ranks float32 means, so equal totals may be ordered by rounding noise (SPEC §13 item 11);
 * we rank exact means. A different slot order is accepted only as a reordering within exactly equal scores.
 */
function findOrderDifference(actual: number[], expected: number[], scores: number[]): string | null {
  if (findDifference(actual, expected) === null) return null;
  const same =
    actual.length === expected.length &&
    [...expected].sort((a, b) => a - b).every((v, i) => v === i) &&
    expected.every((slot, i) => scores[slot] === scores[actual[i]!]);
  return same ? null : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** Pool programs: ratings compare relatively (TrueSkill), everything else within the float32 tolerance. */
function comparePool(actual: unknown, expected: z.infer<typeof expectedSchema>["pool_state_after"]) {
  const strip = (pool: { evolution_pool: { rating?: unknown }[] }) => ({
    ...pool,
    evolution_pool: pool.evolution_pool.map((p) => ({ ...p, rating: null })),
  });
  const a = actual as { evolution_pool: { rating: unknown; principles: object }[] };
  const d =
    findDifference(strip(a), strip(expected), F32, "$.pool_state_after") ??
    findDifference(
      a.evolution_pool.map((p) => p.rating),
      expected.evolution_pool.map((p) => p.rating),
      REL,
      "$.pool_state_after.ratings",
    );
  if (d) return d;
  for (const [i, p] of expected.evolution_pool.entries()) {
    const order = findKeyOrderDifference(
      a.evolution_pool[i]!.principles,
      p.principles,
      `$.pool[${i}].principles`,
    );
    if (order) return order;
  }
  return null;
}

export const check: CaseChecker = (testCase) => {
  const parsedInput = inputSchema.safeParse(testCase.input);
  const parsedExpected = expectedSchema.safeParse(testCase.expected);
  if (!parsedInput.success) return fail(`bad input: ${parsedInput.error.message}`);
  if (!parsedExpected.success) return fail(`bad expected: ${parsedExpected.error.message}`);
  const input = parsedInput.data;
  const want = parsedExpected.data;

  // The generator built programs without a timestep and with Rating(mu, sigma), which floors σ.
  const programs = input.pool.map((p) =>
    createProgram({
      programId: p.program_id,
      principles: principlesFromObject(p.principles),
      rating: createRating(p.mu, p.sigma),
    }),
  );
  const pool = new EvolutionPool(input.max_pool_size, programs, input.max_program_id);
  const slots = input.selected_ids.map((id) => {
    const program = pool.find(id);
    if (!program) throw new Error(`selected id ${id} is not in the pool`);
    return program;
  });
  const result = runIterationCore({
    pool,
    slots,
    rewards: input.rewards,
    problems: input.problems,
    step: input.step,
    mutationSigma: input.mutation_sigma,
    crossoverSigma: input.crossover_sigma,
    crossoverTriggered: input.crossover_triggered,
    crossoverReply: input.crossover_response,
    mutationPrinciples: input.mutation_new_principles && principlesFromObject(input.mutation_new_principles),
  });
  const { ranking } = result.slotRating;

  const checks: [unknown, unknown, NumberMode, string][] = [
    [result.rolloutStats, want.rollout_stats, F32, "rollout_stats"],
    [ranking.programScores, want.program_scores, F32, "program_scores"],
    [
      ranking.sortedProgramIndicesUnique,
      want.sorted_program_indices_unique,
      EXACT,
      "sorted_program_indices_unique",
    ],
    [ranking.ties, want.ties, EXACT, "ties"],
    [ranking.bestProgramIndex, want.best_program_index, EXACT, "best_program_index"],
    [result.added.mutationChild !== null, want.mutation_child_created, EXACT, "mutation_child_created"],
  ];
  for (const [actual, expected, mode, name] of checks) {
    const d = findDifference(actual, expected, mode, `$.${name}`);
    if (d) return fail(d);
  }
  const order = findOrderDifference(
    ranking.sortedProgramIndices,
    want.sorted_program_indices,
    ranking.programScores,
  );
  if (order) return fail(`$.sorted_program_indices: ${order}`);

  const crossover = describeCrossover(result.crossover, result);
  const crossoverDiff =
    findDifference(
      { ...crossover, child_mu: null, child_sigma: null },
      { ...want.crossover, child_mu: null, child_sigma: null },
      EXACT,
      "$.crossover",
    ) ??
    findDifference(
      [crossover.child_mu, crossover.child_sigma],
      [want.crossover.child_mu, want.crossover.child_sigma],
      REL,
      "$.crossover.child_rating",
    );
  if (crossoverDiff) return fail(crossoverDiff);

  const poolDiff = comparePool(pool.toStateDict(), want.pool_state_after);
  return poolDiff ? fail(poolDiff) : pass;
};
