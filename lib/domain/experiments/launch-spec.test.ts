import { describe, expect, test } from "vitest";
import {
  describeLaunchIssues,
  expandGrid,
  experimentLaunchSchema,
  nameGridRun,
  parseSeedList,
} from "./launch-spec";

const projectId = "00000000-0000-4000-8000-000000000001";

function parse(input: Record<string, unknown>) {
  return experimentLaunchSchema.safeParse({ projectId, name: "EXP", ...input });
}

function messageOf(input: Record<string, unknown>): string {
  const result = parse(input);
  if (result.success) throw new Error("expected a refusal");
  return describeLaunchIssues(result.error.issues).message;
}

describe("seeds", () => {
  test("lists and ranges", () => {
    expect(parseSeedList("1-5,8", [])).toEqual([1, 2, 3, 4, 5, 8]);
    expect(parseSeedList(" 7 ", [])).toEqual([7]);
  });
  test("bad parts are named", () => {
    expect(messageOf({ seeds: "1-3,x" })).toContain('seeds: "x" is not a seed');
    expect(messageOf({ seeds: "5-2" })).toContain('range "5-2" runs backwards');
    expect(messageOf({ seeds: "1,2,1" })).toContain("seed 1 is listed twice");
    expect(messageOf({ seeds: [] })).toContain("seeds: give at least one seed");
  });
});

describe("sweeps", () => {
  test("values are read by the engine's schema, typed", () => {
    const result = parse({ sweep: ["crossover_prob=0,0.5", "program_selection_strategy=uniform,lucb"] });
    expect(result.success).toBe(true);
    expect(result.data!.axes).toEqual([
      { key: "crossover_prob", values: [0, 0.5] },
      { key: "program_selection_strategy", values: ["uniform", "lucb"] },
    ]);
  });
  test("the record form reads the same", () => {
    const result = parse({ sweep: { batch_size: [2, "4"] } });
    expect(result.data!.axes).toEqual([{ key: "batch_size", values: [2, 4] }]);
  });
  test("a bad value or an unknown key is refused naming the key", () => {
    expect(messageOf({ sweep: ["crossover_prob=0,2"] })).toMatch(
      /^invalid experiment: sweep\.crossover_prob: .*crossover_prob: must be/,
    );
    expect(messageOf({ sweep: ["batch_size=2,many"] })).toContain(
      "sweep.batch_size: batch_size: expected an integer",
    );
    expect(messageOf({ sweep: ["crossover_probability=0,1"] })).toContain(
      "sweep.crossover_probability: crossover_probability: unknown configuration key",
    );
    expect(messageOf({ sweep: ["program_selection_strategy=uniform,best"] })).toContain(
      "sweep.program_selection_strategy",
    );
    expect(messageOf({ sweep: ["seed=1,2"] })).toContain("use seeds");
    expect(messageOf({ sweep: ["batch_size"] })).toContain('"batch_size" is not KEY=V1,V2');
    expect(messageOf({ sweep: ["batch_size=2,2"] })).toContain("batch_size: a value is listed twice");
  });
  test("a grid past the limit is refused before anything is made", () => {
    expect(messageOf({ seeds: "1-100", sweep: ["batch_size=2,4,8"] })).toContain("the grid makes 300 runs");
  });
});

describe("the grid", () => {
  test("is the cross product of the sweeps and the seeds", () => {
    const cells = expandGrid(
      [
        { key: "crossover_prob", values: [0, 0.5] },
        { key: "batch_size", values: [2, 4, 8] },
      ],
      [1, 2],
    );
    expect(cells).toHaveLength(12);
    const ids = cells.map((c) => `${c.settings.crossover_prob}/${c.settings.batch_size}/${c.seed}`);
    expect(new Set(ids).size).toBe(12);
    expect(cells[0]).toEqual({ seed: 1, settings: { crossover_prob: 0, batch_size: 2 } });
  });
  test("without seeds: one cell per setting, seed left to the launch", () => {
    expect(expandGrid([], undefined)).toEqual([{ seed: undefined, settings: {} }]);
  });
  test("run names carry the setting and the seed", () => {
    expect(nameGridRun("EXP", { seed: 3, settings: { crossover_prob: 0.5 } })).toBe(
      "EXP · crossover_prob=0.5 · seed 3",
    );
  });
});
