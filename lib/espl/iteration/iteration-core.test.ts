import { describe, expect, test } from "vitest";
import { EvolutionPool } from "../pool";
import { createProgram } from "../program";
import { initMutationChildRating } from "../trueskill/rating-init";
import { buildPolicyPrompt } from "../prompts/policy-prompt";
import { runIterationCore } from "./iteration-core";
import type { IterationCoreInput } from "./iteration-core";
import { planSampling } from "./sample-rollouts";
import { makeProblems } from "./testing/fake-ports";
import { WaitClock } from "./wait-clock";

const fenced = (value: unknown) => "```json\n" + JSON.stringify(value) + "\n```";

/** Programs 0 (A), 1 (B); slot 0 wins problem 0, slot 1 wins problem 1, slot 0 is best overall. */
function setup(maxPoolSize: number, overrides: Partial<IterationCoreInput> = {}) {
  const pool = new EvolutionPool(maxPoolSize);
  const a = createProgram({ programId: pool.getNewProgramId(), principles: [{ id: "G0", text: "a" }] });
  const b = createProgram({ programId: pool.getNewProgramId(), principles: [{ id: "G0", text: "b" }] });
  pool.add(a);
  pool.add(b);
  const input: IterationCoreInput = {
    pool,
    slots: [a, b, a],
    rewards: [
      [
        [1, 1],
        [0, 0],
        [1, 1],
      ],
      [
        [0, 0],
        [1, 0],
        [1, 1],
      ],
      [
        [1, 0],
        [0, 0],
        [1, 1],
      ],
    ],
    problems: ["p0", "p1", "p2"],
    step: 4,
    mutationSigma: 1,
    crossoverSigma: 1,
    crossoverTriggered: true,
    crossoverReply: fenced([{ operation: "add", principle: "from B" }]),
    mutationPrinciples: [{ id: "G0", text: "a, revised" }],
    ...overrides,
  };
  return { pool, a, b, input };
}

describe("runIterationCore", () => {
  test("a duplicated program gets one history entry per slot and one rating update", () => {
    const { a, input } = setup(10, { crossoverTriggered: false });
    const result = runIterationCore(input);
    expect(a.pastScoreHistory).toEqual([4 / 6, 3 / 6]);
    expect(result.slotRating.ratingUpdates.map((u) => [u.programId, u.slots, u.rank])).toEqual([
      [0, [0, 2], 0],
      [1, [1], 1],
    ]);
    expect(result.slotRating.ratingUpdates[0]!.score).toBeCloseTo(7 / 12);
    expect(a.rating.mu).toBeGreaterThan(25);
    expect(result.crossover).toBeNull();
    expect(result.events.map((e) => e.kind)).toEqual(["mutation"]);
  });

  test("crossover child first with the lower id, then the mutation child from the updated parent", () => {
    const { pool, a, b, input } = setup(10);
    const result = runIterationCore(input);
    expect(result.added.newPrograms.map((p) => [p.programId, p.origin, p.parentIds])).toEqual([
      [2, "crossover", [0, 1]],
      [3, "mutation", [0]],
    ]);
    expect(pool.find(2)!.principles).toEqual([
      { id: "G0", text: "a" },
      { id: "G1", text: "from B" },
    ]);
    expect(a.childrenList).toEqual([2]);
    expect(b.childrenList).toEqual([2]);
    expect(a.selfModifyIdList).toEqual([3]);
    expect(pool.find(3)!.rating).toEqual(initMutationChildRating(a.rating, 1));
    expect(result.events.map((e) => [e.kind, e.outcome, e.childId])).toEqual([
      ["crossover", "child_created", 2],
      ["mutation", "child_created", 3],
    ]);
  });

  test("a full pool evicts parents and even the crossover child; the mutation child still gets made", () => {
    const { pool, a, input } = setup(1);
    expect(pool.programs.map((p) => p.programId)).toEqual([1]);
    input.slots = [a, pool.find(1)!, a];
    const result = runIterationCore(input);
    expect(pool.programs.map((p) => p.programId)).toEqual([3]);
    expect(result.added.evicted.map((p) => p.programId)).toEqual([1, 2]);
    expect(pool.find(3)!.selfModifiedFrom).toBe(0);
  });

  test("mutation outcomes: null is a failure, empty principles make no child", () => {
    const failed = runIterationCore(setup(10, { crossoverTriggered: false, mutationPrinciples: null }).input);
    expect(failed.events[0]).toMatchObject({ status: "failed", outcome: "failed", childId: null });
    const empty = runIterationCore(setup(10, { crossoverTriggered: false, mutationPrinciples: [] }).input);
    expect(empty.events[0]).toMatchObject({ status: "ok", outcome: "no_child", childId: null });
    expect(empty.added.newPrograms).toEqual([]);
  });

  test("an empty crossover reply makes no crossover child; a bare number is a failed crossover", () => {
    const none = runIterationCore(setup(10, { crossoverReply: fenced([]) }).input);
    expect(none.events[0]).toMatchObject({ kind: "crossover", status: "ok", outcome: "no_child" });
    const bad = runIterationCore(setup(10, { crossoverReply: fenced(7) }).input);
    expect(bad.events[0]).toMatchObject({ kind: "crossover", status: "failed", outcome: "failed" });
    expect(bad.added.newPrograms.map((p) => p.origin)).toEqual(["mutation"]);
  });
});

describe("WaitClock", () => {
  test("overlapping calls count once; engine time is the rest", async () => {
    let t = 0;
    const clock = new WaitClock(() => t);
    let release!: () => void;
    const slow = clock.track("backend", () => new Promise<void>((resolve) => (release = resolve)));
    t = 10;
    const fast = clock.track("llm", async () => {
      t = 15;
    });
    await fast;
    t = 30;
    release();
    await slow;
    t = 40;
    expect(clock.read()).toEqual({ totalMs: 40, engineMs: 10, gradingMs: 0, backendMs: 30, llmMs: 5 });
  });

  test("with an idle meter, engine time excludes idle waiting and work done inside ports", async () => {
    let t = 0;
    let idle = 0;
    const clock = new WaitClock(
      () => t,
      () => idle,
    );
    const train = clock.track("backend", async () => {
      t += 3; // the port computes synchronously
    });
    t += 20; // engine work while the call is (nominally) outstanding
    await train;
    idle += 50; // then waiting on I/O
    t += 50;
    expect(clock.read()).toMatchObject({ totalMs: 73, engineMs: 20 });
  });

  test("a rejected call still stops the clock", async () => {
    let t = 0;
    const clock = new WaitClock(() => t);
    await expect(
      clock.track("backend", async () => {
        t = 5;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(clock.read().backendMs).toBe(5);
  });
});

describe("planSampling", () => {
  test("renders exactly what buildPolicyPrompt renders, per mode", () => {
    const problems = makeProblems(2);
    const programs = [
      createProgram({ programId: 0 }),
      createProgram({ programId: 1, principles: [{ id: "G0", text: "Reduce first." }] }),
    ];
    for (const mode of ["train", "test"] as const) {
      const plan = planSampling(programs, problems, 3, mode);
      expect(plan.prompts).toEqual(
        programs.map((p) => problems.map((q) => buildPolicyPrompt(p.principles, q.question, mode))),
      );
      expect(plan.requests.map((r) => [r.problem.index, r.n])).toEqual([
        [0, 3],
        [1, 3],
        [0, 3],
        [1, 3],
      ]);
    }
  });
});
