import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EvolutionPool, getCandidateIndices } from "./pool";
import { createProgram } from "./program";

/**
 * Two programs of the pool the reference wrote after step 11 of its evolution_rl_lucb_seed109 run
 * (shared/espl/reference-runs), principles cut to two, re-serialised with Python's json.dumps(indent=2).
 */
const REFERENCE_POOL_TEXT = String.raw`{
  "max_pool_size": 8,
  "max_program_id": 13,
  "evolution_pool": [
    {
      "principles": {
        "G0": "Consecutive integer sums: use \\frac{(a+b)(b-a+1)}{2} and double-check the term count, since off-by-one errors are the usual failure. If two methods disagree, redo the slower one.",
        "G1": "Strict bounds: for integers less than N, count up to N-1 before dividing, and check the boundary case explicitly; also, count multiples of d below N as \\lfloor (N-1)/d \\rfloor and apply inclusion-exclusion, subtracting multiples of \\operatorname{lcm}(d,e) once."
      },
      "program_id": 6,
      "timestep": 4,
      "self_modified_from": 2,
      "self_modify_id_list": [
        8
      ],
      "parents_list": null,
      "children_list": [
        7
      ],
      "past_score_history": [
        0.5833333134651184,
        0.5833333730697632,
        0.75
      ],
      "rating": {
        "mu": 32.60383280012351,
        "sigma": 2.5839494392655538
      }
    },
    {
      "principles": {
        "G0": "Consecutive integer sums: use \\frac{(a+b)(b-a+1)}{2} and double-check the term count, since off-by-one errors are the usual failure. If two methods disagree, redo the slower one.",
        "G1": "Strict bounds: for integers less than N, count up to N-1 before dividing, and check the boundary case explicitly; also, count multiples of d below N as \\lfloor (N-1)/d \\rfloor and apply inclusion-exclusion, subtracting multiples of \\operatorname{lcm}(d,e) once."
      },
      "program_id": 7,
      "timestep": 5,
      "self_modified_from": -1,
      "self_modify_id_list": [],
      "parents_list": [
        6,
        2,
        5
      ],
      "children_list": [],
      "past_score_history": [
        0.75
      ],
      "rating": {
        "mu": 32.9851803861876,
        "sigma": 1.9145245443764067
      }
    }
  ]
}`;

function addFresh(pool: EvolutionPool) {
  return pool.add(createProgram({ programId: pool.getNewProgramId() }));
}

describe("EvolutionPool", () => {
  test("starts with the root program", () => {
    const pool = EvolutionPool.createWithRoot(100);
    expect(pool.size).toBe(1);
    expect(pool.maxProgramId).toBe(0);
    expect(pool.latest()).toMatchObject({ programId: 0, timestep: -1, principles: [] });
  });

  test("FIFO eviction returns the evicted programs, no elitism", () => {
    const pool = EvolutionPool.createWithRoot(2);
    pool.programs[0]!.rating = { mu: 50, sigma: 1 };
    expect(addFresh(pool)).toEqual([]);
    const evicted = addFresh(pool);
    expect(evicted.map((p) => p.programId)).toEqual([0]);
    expect(pool.programs.map((p) => p.programId)).toEqual([1, 2]);
  });

  test("latest and find", () => {
    const pool = new EvolutionPool(3);
    expect(() => pool.latest()).toThrow(/empty/);
    for (let i = 0; i < 4; i++) addFresh(pool);
    expect(pool.latest().programId).toBe(3);
    expect(pool.find(2)?.programId).toBe(2);
    expect(pool.find(0)).toBeUndefined();
  });

  test("rejects a capacity below 1", () => {
    expect(() => new EvolutionPool(0)).toThrow(RangeError);
  });

  test("property: never exceeds capacity, ids never repeat, newest is last", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat({ max: 60 }), (capacity, adds) => {
        const pool = new EvolutionPool(capacity);
        const seen = new Set<number>();
        let evictedCount = 0;
        for (let i = 0; i < adds; i++) {
          const id = pool.getNewProgramId();
          expect(seen.has(id)).toBe(false);
          seen.add(id);
          evictedCount += pool.add(createProgram({ programId: id })).length;
          expect(pool.size).toBeLessThanOrEqual(capacity);
          expect(pool.latest().programId).toBe(id);
        }
        expect(pool.size + evictedCount).toBe(adds);
        const ids = pool.programs.map((p) => p.programId);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
      }),
    );
  });

  test("property: ids never repeat across save and load", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.nat({ max: 5 }), { maxLength: 6 }),
        (capacity, bursts) => {
          let pool = EvolutionPool.createWithRoot(capacity);
          const seen = new Set([0]);
          for (const burst of bursts) {
            for (let i = 0; i < burst; i++) {
              const id = pool.getNewProgramId();
              expect(seen.has(id)).toBe(false);
              seen.add(id);
              pool.add(createProgram({ programId: id }));
            }
            pool = EvolutionPool.parse(pool.stringify());
          }
        },
      ),
    );
  });
});

describe("getCandidateIndices", () => {
  test.each([
    [5, 3, [2, 3, 4]],
    [5, 5, [0, 1, 2, 3, 4]],
    [5, 9, [0, 1, 2, 3, 4]],
    [5, 0, [0, 1, 2, 3, 4]], // Python's pool[-0:] is the whole list
    [1, 1, [0]],
    [0, 3, []],
  ])("pool of %i, window %i", (length, window, expected) => {
    expect(getCandidateIndices(length, window)).toEqual(expected);
  });

  test("rejects a negative window", () => {
    expect(() => getCandidateIndices(3, -1)).toThrow(RangeError);
  });
});

describe("evolution_pool.json", () => {
  test("round-trips a pool file written by the reference, byte for byte", () => {
    const pool = EvolutionPool.parse(REFERENCE_POOL_TEXT, { fallbackMaxPoolSize: 100 });
    expect(pool.maxPoolSize).toBe(8);
    expect(pool.maxProgramId).toBe(13);
    expect(pool.programs.map((p) => p.programId)).toEqual([6, 7]);
    expect(pool.find(7)?.parentsList).toEqual([6, 2, 5]);
    expect(pool.find(6)?.principles.map((p) => p.id)).toEqual(["G0", "G1"]);
    // Python writes whole floats as "25.0"; this file has none, so the text matches exactly.
    expect(pool.stringify()).toBe(REFERENCE_POOL_TEXT);
  });

  test("the file's capacity wins; missing keys fall back", () => {
    const pool = EvolutionPool.fromStateDict(
      {
        evolution_pool: [
          { principles: {}, program_id: 0 },
          { principles: { G0: "x" }, program_id: 4 },
        ],
      },
      { fallbackMaxPoolSize: 10 },
    );
    expect(pool.maxPoolSize).toBe(10);
    expect(pool.maxProgramId).toBe(4);
    expect(pool.getNewProgramId()).toBe(5);
    const fromFile = EvolutionPool.fromStateDict(
      { max_pool_size: 3, max_program_id: 9, evolution_pool: [] },
      {
        fallbackMaxPoolSize: 10,
      },
    );
    expect(fromFile.maxPoolSize).toBe(3);
    expect(fromFile.getNewProgramId()).toBe(10);
  });

  test("a counter below an id in the pool is raised so ids cannot repeat", () => {
    const pool = EvolutionPool.fromStateDict({
      max_pool_size: 5,
      max_program_id: 1,
      evolution_pool: [{ principles: {}, program_id: 3 }],
    });
    expect(pool.getNewProgramId()).toBe(4);
  });

  test.each([
    [{ max_pool_size: 5, max_program_id: 0 }],
    [{ max_pool_size: 0, max_program_id: 0, evolution_pool: [] }],
    [{ max_pool_size: 5, evolution_pool: [{ program_id: 0 }] }],
    [[]],
  ])("rejects malformed pool %j", (raw) => {
    expect(() => EvolutionPool.fromStateDict(raw, { fallbackMaxPoolSize: 5 })).toThrow();
  });

  test("without a capacity in the file or a fallback, loading fails", () => {
    expect(() => EvolutionPool.fromStateDict({ evolution_pool: [] })).toThrow(/max_pool_size/);
  });
});

test("a fresh pool's root can start from principles of the run's own, numbered as operators number them", () => {
  const pool = EvolutionPool.createWithRoot(5, ["Check units.", "Restate the question."]);
  expect(pool.size).toBe(1);
  const [root] = [...pool.programs];
  expect(root!.programId).toBe(0);
  expect(root!.principles).toEqual([
    { id: "G0", text: "Check units." },
    { id: "G1", text: "Restate the question." },
  ]);
  expect(EvolutionPool.createWithRoot(5).programs[0]!.principles).toEqual([]);
});
