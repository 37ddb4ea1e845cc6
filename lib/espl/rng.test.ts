import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createRng, ScriptedRng, SeededRng } from "./rng";

const seedArb = fc.nat({ max: Number.MAX_SAFE_INTEGER });
const populationArb = fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 30 });

describe("SeededRng", () => {
  test("matches the published xoshiro128** outputs for state [1, 2, 3, 4]", () => {
    const rng = SeededRng.fromState({ algorithm: "xoshiro128**", words: [1, 2, 3, 4] });
    const outputs = Array.from({ length: 6 }, () => rng.nextUint32());
    expect(outputs).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  test("the same seed gives the same stream, different seeds differ", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, () => createRng(seed).random());
    expect(draw(7)).toEqual(draw(7));
    const a = createRng(1);
    const b = createRng(2);
    const c = createRng(2 ** 40 + 1);
    const streamA = Array.from({ length: 4 }, () => a.nextUint32());
    const streamB = Array.from({ length: 4 }, () => b.nextUint32());
    const streamC = Array.from({ length: 4 }, () => c.nextUint32());
    expect(streamA).not.toEqual(streamB);
    expect(streamA).not.toEqual(streamC);
  });

  test("rejects bad seeds and states", () => {
    expect(() => createRng(-1)).toThrow(RangeError);
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => SeededRng.fromState({ algorithm: "xoshiro128**", words: [0, 0, 0, 0] })).toThrow();
    expect(() => SeededRng.fromState({ algorithm: "mt19937", words: [1, 2, 3, 4] })).toThrow();
    expect(() => SeededRng.fromState({ algorithm: "xoshiro128**", words: [1, 2, 3, 2 ** 32] })).toThrow();
  });

  test("random() is in [0, 1)", () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const rng = createRng(seed);
        for (let i = 0; i < 50; i++) {
          const x = rng.random();
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });

  test("state round trip through JSON continues the stream identically", () => {
    fc.assert(
      fc.property(seedArb, fc.nat({ max: 40 }), (seed, warmup) => {
        const rng = createRng(seed);
        for (let i = 0; i < warmup; i++) rng.random();
        const restored = SeededRng.fromState(JSON.parse(JSON.stringify(rng.getState())));
        const population = [1, 2, 3, 4, 5, 6, 7];
        expect(restored.random()).toBe(rng.random());
        expect(restored.sample(population, 4)).toEqual(rng.sample(population, 4));
        expect(restored.choices(population, 3)).toEqual(rng.choices(population, 3));
        expect(restored.weightedIndicesWithoutReplacement([0.1, 0.5, 0.4], 2)).toEqual(
          rng.weightedIndicesWithoutReplacement([0.1, 0.5, 0.4], 2),
        );
        expect(restored.getState()).toEqual(rng.getState());
      }),
    );
  });

  test("sample returns k distinct members of the population", () => {
    fc.assert(
      fc.property(seedArb, populationArb, fc.nat(), (seed, population, kRaw) => {
        const k = kRaw % (population.length + 1);
        const picked = createRng(seed).sample(population, k);
        expect(picked).toHaveLength(k);
        expect(new Set(picked).size).toBe(k);
        for (const x of picked) expect(population).toContain(x);
      }),
    );
  });

  test("choices returns k members, choice one member", () => {
    fc.assert(
      fc.property(seedArb, populationArb, fc.nat({ max: 20 }), (seed, population, k) => {
        const rng = createRng(seed);
        const picked = rng.choices(population, k);
        expect(picked).toHaveLength(k);
        for (const x of picked) expect(population).toContain(x);
        expect(population).toContain(rng.choice(population));
      }),
    );
  });

  test("weighted draws give distinct indices with positive weight", () => {
    const weightsArb = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 10, noNaN: true })), {
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(seedArb, weightsArb, fc.nat(), (seed, weights, countRaw) => {
        const positive = weights.filter((w) => w > 0).length;
        const count = countRaw % (positive + 1);
        const drawn = createRng(seed).weightedIndicesWithoutReplacement(weights, count);
        expect(drawn).toHaveLength(count);
        expect(new Set(drawn).size).toBe(count);
        for (const i of drawn) expect(weights[i]).toBeGreaterThan(0);
      }),
    );
  });

  test("randomBelow is roughly uniform", () => {
    const rng = createRng(42);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60000; i++) counts[rng.randomBelow(6)]!++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500);
  });

  test("weighted draws follow the weights", () => {
    const rng = createRng(3);
    let firstIsHeavy = 0;
    for (let i = 0; i < 10000; i++)
      if (rng.weightedIndicesWithoutReplacement([0.1, 0.9], 1)[0] === 1) firstIsHeavy++;
    expect(firstIsHeavy).toBeGreaterThan(8700);
    expect(firstIsHeavy).toBeLessThan(9300);
  });

  test("refuses impossible requests like Python/numpy do", () => {
    const rng = createRng(0);
    expect(() => rng.sample([1, 2], 3)).toThrow(RangeError);
    expect(() => rng.sample([1, 2], -1)).toThrow(RangeError);
    expect(() => rng.choice([])).toThrow(RangeError);
    expect(() => rng.choices([], 1)).toThrow(RangeError);
    expect(rng.choices([], 0)).toEqual([]);
    expect(() => rng.weightedIndicesWithoutReplacement([0.5, 0, 0.5], 3)).toThrow(RangeError);
    expect(() => rng.weightedIndicesWithoutReplacement([-1, 2], 1)).toThrow(RangeError);
    expect(() => rng.weightedIndicesWithoutReplacement([Number.NaN, 2], 1)).toThrow(RangeError);
  });
});

describe("ScriptedRng", () => {
  test("replays the script in order and logs the calls", () => {
    const rng = new ScriptedRng([
      { fn: "random", value: 0.25 },
      { fn: "sample", indices: [2, 0] },
      { fn: "choice", index: 1 },
      { fn: "choices", indices: [1, 1, 0] },
      { fn: "weighted", indices: [1, 0] },
    ]);
    expect(rng.random()).toBe(0.25);
    expect(rng.sample(["a", "b", "c"], 2)).toEqual(["c", "a"]);
    expect(rng.choice(["x", "y"])).toBe("y");
    expect(rng.choices(["p", "q"], 3)).toEqual(["q", "q", "p"]);
    expect(rng.weightedIndicesWithoutReplacement([0.5, 0.5], 2)).toEqual([1, 0]);
    expect(rng.remaining).toBe(0);
    expect(rng.calls.map((c) => c.fn)).toEqual(["random", "sample", "choice", "choices", "weighted"]);
    expect(rng.calls[1]).toEqual({ fn: "sample", population: ["a", "b", "c"], k: 2 });
  });

  test("throws when the code under test departs from the script", () => {
    expect(() => new ScriptedRng([{ fn: "choice", index: 0 }]).random()).toThrow(/random/);
    expect(() => new ScriptedRng([]).choice([1])).toThrow(/past the end/);
    expect(() => new ScriptedRng([{ fn: "sample", indices: [0] }]).sample([1, 2], 2)).toThrow();
    expect(() => new ScriptedRng([{ fn: "sample", indices: [0, 0] }]).sample([1, 2], 2)).toThrow(/repeat/);
    expect(() => new ScriptedRng([{ fn: "choice", index: 5 }]).choice([1, 2])).toThrow(RangeError);
    expect(() => new ScriptedRng([{ fn: "random", value: 1 }]).random()).toThrow(RangeError);
  });
});
