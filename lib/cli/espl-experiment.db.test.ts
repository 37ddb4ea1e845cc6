/**
 * `espl run --seeds … --sweep … --name EXP --wait` in a child process: the experiment's grid of runs is
 * created, every run executed to completion; `espl group EXP` prints the table whose numbers are those
 * recomputed from the runs' stored steps; a bad spec exits 2 with one line naming the key.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { computeMeanInterval } from "@/lib/view/experiments/statistics";
import { runEspl, type EsplResult } from "./testing/spawn-espl";

let db: TestDatabase;
let env: Record<string, string>;

const TINY = ["dataset_size=8", "batch_size=4", "group_size=2", "test_group_size=2", "n_epochs=1"];
const sets = TINY.flatMap((line) => ["--set", line]);

beforeAll(async () => {
  db = await createTestDatabase();
  env = { DATABASE_URL: db.url, ESPL_WORKER_PICKUP_MS: "300" };
});
afterAll(() => db.drop());

function expectRefusal(result: EsplResult, message: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
}

describe("espl run --seeds --sweep --name --wait, then espl group", () => {
  test("launches the grid and waits for every run", async () => {
    const result = await runEspl(
      [
        "run",
        "--preset",
        "espl-lucb",
        ...sets,
        "--seeds",
        "1,2",
        "--sweep",
        "crossover_prob=0,0.5",
        "--name",
        "EXP",
        "--wait",
      ],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const experiment = await db.prisma.experiment.findFirstOrThrow({
      where: { name: "EXP" },
      include: { runs: true },
    });
    expect(experiment.runs).toHaveLength(4);
    const ids = result.stdout.split("\n").filter((line) => /^[0-9a-f-]{36}$/.test(line));
    expect(ids.sort()).toEqual(experiment.runs.map((r) => r.id).sort());
    expect(experiment.runs.every((r) => r.status === "completed")).toBe(true);
    const cells = experiment.runs.map(
      (r) => `${(r.config as Record<string, unknown>).crossover_prob}/${r.seed}`,
    );
    expect(cells.sort()).toEqual(["0.5/1", "0.5/2", "0/1", "0/2"]);
  }, 240_000);

  test("group --format json: the table's numbers are those of the runs' stored steps", async () => {
    const result = await runEspl(["group", "EXP", "--format", "json"], env);
    expect(result.code, result.stderr).toBe(0);
    const read = JSON.parse(result.stdout);
    expect(read.table.groups.map((g: { label: string }) => g.label)).toEqual([
      "crossover_prob=0",
      "crossover_prob=0.5",
    ]);
    for (const group of read.table.groups as {
      runIds: string[];
      metrics: Record<string, { final: { mean: number; n: number }; best: { mean: number } }>;
    }[]) {
      const finals: number[] = [];
      const bests: number[] = [];
      for (const runId of group.runIds) {
        const steps = await db.prisma.step.findMany({ where: { runId }, orderBy: { step: "asc" } });
        const values = steps.map(
          (s) => (s.metrics as { logged: Record<string, number> }).logged["testing/Pass@1"]!,
        );
        finals.push(values.at(-1)!);
        bests.push(Math.max(...values));
      }
      expect(group.metrics["testing/Pass@1"]!.final.n).toBe(2);
      expect(group.metrics["testing/Pass@1"]!.final.mean).toBeCloseTo(computeMeanInterval(finals)!.mean, 9);
      expect(group.metrics["testing/Pass@1"]!.best.mean).toBeCloseTo(computeMeanInterval(bests)!.mean, 9);
    }
    // The curves carry per-step mean, lower, upper and n.
    const curve = read.curves[0].curves["testing/Pass@1"];
    expect(curve[0]).toEqual({
      x: 0,
      n: 2,
      mean: expect.any(Number),
      lower: expect.any(Number),
      upper: expect.any(Number),
      sd: expect.any(Number),
    });
  }, 60_000);

  test("group --format md and tex print the table", async () => {
    const md = await runEspl(["group", "EXP"], env);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^\| group \| n \| final Pass@1 \| best Pass@1 \| final Pass@2/);
    expect(md.stdout).toMatch(/\| crossover_prob=0\.5 \| 2 \| \d\.\d{3} ± \d\.\d{3} \|/);
    const tex = await runEspl(["group", "EXP", "-f", "tex", "--by", "experiment"], env);
    expect(tex.stdout).toContain("all runs & 4 & $");
  }, 60_000);

  test("bad specs exit 2 with one line naming the key", async () => {
    expectRefusal(
      await runEspl(["run", ...sets, "--seeds", "1", "--sweep", "crossover_prob=0,9", "--name", "BAD"], env),
      /sweep\.crossover_prob: crossover_prob: must be/,
    );
    expectRefusal(
      await runEspl(["run", "--seeds", "1-x", "--name", "BAD"], env),
      /seeds: "1-x" is not a seed/,
    );
    expectRefusal(await runEspl(["run", "--seeds", "1,2"], env), /name it with --name/);
    expectRefusal(await runEspl(["group", "NOPE"], env), /no experiment "NOPE"/);
    expect(await db.prisma.experiment.count({ where: { name: "BAD" } })).toBe(0);
  }, 120_000);
});
