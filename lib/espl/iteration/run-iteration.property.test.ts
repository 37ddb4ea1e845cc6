import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { INITIAL_BEST_CKPT_STEP, INITIAL_BEST_TEST_ACC } from "../checkpoint";
import { esplConfigSchema, PROGRAM_SELECTION_STRATEGIES, TRAIN_MODES } from "../config";
import type { ChatFn } from "../llm/chat";
import { EvolutionPool } from "../pool";
import { createProgram } from "../program";
import { SeededRng } from "../rng";
import { runIteration } from "./run-iteration";
import { FakePolicyBackend, gradeBoxed, makeProblems } from "./testing/fake-ports";

/** Operations with every field the appliers read, drawn from valid, wrong-typed and missing values. */
const operationArb = fc.record(
  {
    operation: fc.constantFrom("add", "modify", "merge", "remove", "rename", 3, null),
    principle: fc.oneof(fc.string(), fc.constant("\\frac{1}{2} \\n"), fc.integer(), fc.constant(null)),
    modified_from: fc.constantFrom("G0", "G1", "G7", "A.G0", "B.G1", "C0", "3", 5, null, ["G0"]),
    merged_from: fc.oneof(
      fc.constant(["G0", "G1"]),
      fc.constant(["G0"]),
      fc.constant(["C0", "G9"]),
      fc.string(),
    ),
    remove_id: fc.constantFrom("A.G0", "G1", "x.y.G2", 4, null),
  },
  { requiredKeys: [] },
);

const fence = (body: string) => `Some reasoning.\n\`\`\`json\n${body}\n\`\`\`\nDone.`;

type Reply = { fail: true } | { fail: false; text: string };

const replyArb: fc.Arbitrary<Reply> = fc.oneof(
  fc.constant<Reply>({ fail: true }),
  fc.string({ maxLength: 60 }).map((text): Reply => ({ fail: false, text })),
  fc
    .jsonValue({ maxDepth: 3 })
    .map((v): Reply => ({ fail: false, text: fence(JSON.stringify(v) ?? "null") })),
  fc
    .array(operationArb, { maxLength: 4 })
    .map((ops): Reply => ({ fail: false, text: fence(JSON.stringify(ops)) })),
  fc
    .constantFrom("NaN", "[1, 2,]", "{'a': 1}", '[{"operation": "add" # comment\n}]', "", "```", '"text"')
    .map((body): Reply => ({ fail: false, text: fence(body) })),
);

function scriptedChat(replies: readonly Reply[]): ChatFn {
  let i = 0;
  return async () => {
    const reply = replies[i++ % replies.length]!;
    if (reply.fail) throw new Error("reflection call failed");
    return reply.text;
  };
}

const scenarioArb = fc.record({
  trainMode: fc.constantFrom(...TRAIN_MODES),
  strategy: fc.constantFrom(...PROGRAM_SELECTION_STRATEGIES),
  k: fc.integer({ min: 1, max: 4 }),
  maxPoolSize: fc.integer({ min: 1, max: 6 }),
  window: fc.integer({ min: 0, max: 6 }),
  crossoverProb: fc.constantFrom(0, 0.5, 1),
  baseline: fc.constantFrom("normal", "marginalize"),
  batchSize: fc.integer({ min: 1, max: 4 }),
  groupSize: fc.integer({ min: 1, max: 3 }),
  programs: fc.array(fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }), {
    minLength: 0,
    maxLength: 5,
  }),
  replies: fc.array(replyArb, { minLength: 1, maxLength: 12 }),
  seed: fc.nat(),
});

describe("runIteration with arbitrary reflection replies", () => {
  test("never throws and leaves a valid pool", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const config = esplConfigSchema.parse({
          train_mode: s.trainMode,
          program_selection_strategy: s.strategy,
          num_parallel_programs: s.k,
          max_pool_size: s.maxPoolSize,
          choose_from_most_recent: s.window,
          crossover_prob: s.crossoverProb,
          value_baseline_computation: s.baseline,
          batch_size: s.batchSize,
          group_size: s.groupSize,
          test_group_size: 2,
          max_update_operations: 2,
        });
        const pool = EvolutionPool.createWithRoot(s.maxPoolSize);
        for (const texts of s.programs)
          pool.add(
            createProgram({
              programId: pool.getNewProgramId(),
              principles: texts.map((text, i) => ({ id: `G${i}`, text })),
              timestep: 0,
            }),
          );
        const rng = SeededRng.fromSeed(s.seed);
        const chat = scriptedChat(s.replies);
        const backend = new FakePolicyBackend();
        for (let step = 0; step < 2; step++) {
          const idsBefore = pool.maxProgramId;
          const result = await runIteration(
            {
              config,
              step,
              epoch: 0,
              batchIndex: step,
              numBatches: 2,
              batch: makeProblems(s.batchSize, `S${s.seed % 97} step ${step}`),
              testProblems: makeProblems(1, "Test"),
              pool,
              best: { bestTestAcc: INITIAL_BEST_TEST_ACC, bestCkptStep: INITIAL_BEST_CKPT_STEP },
              startStep: 0,
            },
            { backend, chat, rng, grade: gradeBoxed },
          );
          const ids = pool.programs.map((p) => p.programId);
          expect(pool.size).toBeGreaterThan(0);
          expect(pool.size).toBeLessThanOrEqual(s.maxPoolSize);
          expect(new Set(ids).size).toBe(ids.length);
          expect(Math.max(...ids)).toBeLessThanOrEqual(pool.maxProgramId);
          for (const program of result.newPrograms) expect(program.programId).toBeGreaterThan(idsBefore);
          for (const program of pool.programs) {
            expect(program.principles.map((p) => p.id)).toEqual(program.principles.map((_, i) => `G${i}`));
            for (const p of program.principles) expect(typeof p.text).toBe("string");
          }
          for (const event of result.evolution.events)
            expect(event.status === "failed").toBe(event.outcome === "failed");
          // Plain data: it survives JSON, and so does the pool.
          expect(() => JSON.stringify(result)).not.toThrow();
          expect(EvolutionPool.parse(pool.stringify()).toStateDict()).toEqual(pool.toStateDict());
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
