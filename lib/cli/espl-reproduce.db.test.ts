/**
 * `espl group NAME --pause|--resume|--cancel` and `espl reproduce` in a child process: a group control
 * changes every run's status (and refuses, exit 2, when it applies to none); the template launches
 * exactly three modes × the seeds as one experiment and, with --wait, prints its results table.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { runEspl } from "./testing/spawn-espl";

let db: TestDatabase;
let env: Record<string, string>;

const TINY = ["dataset_size=4", "batch_size=2", "group_size=2", "test_group_size=2", "n_epochs=1"];
const sets = TINY.flatMap((line) => ["--set", line]);

beforeAll(async () => {
  db = await createTestDatabase();
  env = { DATABASE_URL: db.url, ESPL_WORKER_PICKUP_MS: "300" };
});
afterAll(() => db.drop());

async function statusesOf(name: string): Promise<string[]> {
  const runs = await db.prisma.run.findMany({ where: { experiment: { name } }, select: { status: true } });
  return runs.map((r) => r.status);
}

describe("espl group NAME --pause|--resume|--cancel", () => {
  test("each control changes every run of the group", async () => {
    // No worker runs here: the three runs stay queued until controlled.
    const launched = await runEspl(["run", ...sets, "--seeds", "1-3", "--name", "CTL"], env);
    expect(launched.code, launched.stderr).toBe(0);
    expect(await statusesOf("CTL")).toEqual(["queued", "queued", "queued"]);

    const paused = await runEspl(["group", "CTL", "--pause"], env);
    expect(paused.code, paused.stderr).toBe(0);
    expect(paused.stdout.trimEnd().split("\n")).toHaveLength(3);
    expect(paused.stderr).toContain('experiment "CTL": paused 3 runs');
    expect(await statusesOf("CTL")).toEqual(["paused", "paused", "paused"]);

    const resumed = await runEspl(["group", "CTL", "--resume"], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await statusesOf("CTL")).toEqual(["queued", "queued", "queued"]);

    const cancelled = await runEspl(["group", "CTL", "--cancel"], env);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(await statusesOf("CTL")).toEqual(["cancelled", "cancelled", "cancelled"]);

    // Nothing left to cancel: refused, each run named with the reason.
    const again = await runEspl(["group", "CTL", "--cancel"], env);
    expect(again.code).toBe(2);
    expect(again.stdout.match(/unchanged: /g)).toHaveLength(3);
    expect(again.stderr).toMatch(/cancelled 0 runs; 3 runs left as they were/);
  }, 400_000);
});

describe("espl reproduce", () => {
  test("three modes × the seeds in one experiment; --wait prints the results table", async () => {
    const result = await runEspl(["reproduce", "--seeds", "1,2", ...sets, "--name", "REPRO", "--wait"], env);
    expect(result.code, result.stderr).toBe(0);
    const experiment = await db.prisma.experiment.findFirstOrThrow({
      where: { name: "REPRO" },
      include: { runs: true },
    });
    const cells = experiment.runs.map((r) => `${r.trainMode}/${r.seed}`).sort();
    expect(cells).toEqual(["evolution/1", "evolution/2", "evolution_rl/1", "evolution_rl/2", "rl/1", "rl/2"]);
    expect(experiment.runs.every((r) => r.status === "completed")).toBe(true);
    // The table: one row per mode (in the label order of every results table), each with its two seeds.
    const rows = result.stdout.split("\n").filter((line) => /^\| train_mode=/.test(line));
    expect(rows.map((row) => row.split(" | ")[0])).toEqual([
      "| train_mode=evolution",
      "| train_mode=evolution_rl",
      "| train_mode=rl",
    ]);
    for (const row of rows) expect(row.split(" | ")[1]).toBe("2");
  }, 300_000);

  test("an unknown backend or dataset exits 2 naming the choices, creating nothing", async () => {
    const backend = await runEspl(["reproduce", "--backend", "nope"], env);
    expect(backend.code).toBe(2);
    expect(backend.stderr).toMatch(/no model backend "nope".*choose one of: sim/);
    const dataset = await runEspl(["reproduce", "--dataset", "nope"], env);
    expect(dataset.code).toBe(2);
    expect(dataset.stderr).toMatch(/no dataset "nope" in the default project; choose one of: /);
    expect(await db.prisma.experiment.count({ where: { name: { startsWith: "Reproduce" } } })).toBe(0);
  }, 200_000);
});
