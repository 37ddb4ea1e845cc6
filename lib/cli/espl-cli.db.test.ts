/**
 * The real CLI in child processes against this file's database: a run launched with --wait and no
 * worker executes in the CLI and completes; its exports parse back and agree with the database; status
 * and the controls work; mistakes exit 2 with one line naming what is wrong; Ctrl-C pauses a run the CLI
 * executes, and `resume --wait` finishes it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseCsv } from "@/lib/server/io/export/testing/parse-csv";
import { killWorkers, REAL_WORKER_ENTRY, startWorkers } from "@/lib/server/runner/testing/worker-processes";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { runEspl, spawnEspl, type EsplResult } from "./testing/spawn-espl";

let db: TestDatabase;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), "espl-cli-"));

const TINY = ["dataset_size=8", "batch_size=4", "group_size=2", "test_group_size=2", "n_epochs=1"];
const sets = (lines: string[]) => lines.flatMap((line) => ["--set", line]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  db = await createTestDatabase();
  // No worker runs in these tests: a short pickup wait keeps `--wait` quick to fall back to executing.
  env = { DATABASE_URL: db.url, ESPL_WORKER_PICKUP_MS: "300" };
});
afterAll(() => db.drop());

const count = async (sql: string, runId: string) =>
  Number((await db.pool.query<{ n: string }>(sql, [runId])).rows[0]!.n);

/** A refusal: exit 2 and exactly one line on stderr, no stack trace. */
function expectRefusal(result: EsplResult, message: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^espl: /);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe("espl run --wait, then export and status", () => {
  let runId: string;

  test("runs a tiny config to completion in this process, one line per step", async () => {
    const result = await runEspl(["run", ...sets(TINY), "--seed", "5", "--tag", "cli", "--wait"], env);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    runId = lines[0]!;
    expect(runId).toMatch(UUID);
    expect(result.stderr).toMatch(/executing it in this process/);

    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "completed", seed: 5, tags: ["cli"], totalSteps: 2, currentStep: 2 });
    expect(lines.slice(1, -1)).toEqual([
      expect.stringMatching(/^step 1\/2 {2}test Pass@1 \d\.\d{3} {2}best μ−3σ -?\d+\.\d{3}$/),
      expect.stringMatching(/^step 2\/2 {2}test Pass@1 \d\.\d{3} {2}best μ−3σ -?\d+\.\d{3}$/),
    ]);
    // The pool rebuilt as of the last step has the best the runner recorded.
    expect(lines[2]).toContain(`best μ−3σ ${run.bestConservative!.toFixed(3)}`);
    expect(lines.at(-1)).toBe(`completed: 2 steps, best test Pass@1 ${run.bestTestPass1!.toFixed(3)}`);
  }, 120_000);

  test("export json parses back and agrees with the database", async () => {
    const result = await runEspl(["export", runId, "--format", "json"], env);
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.run.id).toBe(runId);
    expect(doc.steps).toHaveLength(await count("SELECT count(*) n FROM steps WHERE run_id = $1", runId));
    expect(doc.counts.rollouts).toBe(await count("SELECT count(*) n FROM rollouts WHERE run_id = $1", runId));
    expect(doc.programs).toHaveLength(
      await count("SELECT count(*) n FROM programs WHERE run_id = $1", runId),
    );
  }, 60_000);

  test("export jsonl (to a file) has one line per rollout", async () => {
    const out = join(dir, "rollouts.jsonl");
    const result = await runEspl(["export", runId.slice(0, 8), "--format", "jsonl", "--out", out], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    const lines = readFileSync(out, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(await count("SELECT count(*) n FROM rollouts WHERE run_id = $1", runId));
    expect(lines[0]).toMatchObject({ step: 0, split: "train", completion: expect.any(String) });
  }, 60_000);

  test("export csv has a header and one row per step", async () => {
    const result = await runEspl(["export", runId, "-f", "csv"], env);
    expect(result.code, result.stderr).toBe(0);
    const [header, ...rows] = parseCsv(result.stdout);
    expect(header).toContain("testing/Pass@1");
    expect(rows.map((r) => r[0])).toEqual(["0", "1"]);
  }, 60_000);

  test("status shows the run alone and in the list", async () => {
    const one = await runEspl(["status", runId], env);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain(`run         ${runId}`);
    expect(one.stdout).toContain("status      completed");
    expect(one.stdout).toContain("progress    2/2 steps (100%)");
    const list = await runEspl(["status"], env);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout.split("\n")[0]).toMatch(/^ID +STATUS +STEPS +PASS@1 +CREATED +NAME$/);
    expect(list.stdout).toMatch(new RegExp(`^${runId} +completed +2/2 `, "m"));
  }, 60_000);

  test("a control that does not apply is refused", async () => {
    expectRefusal(await runEspl(["pause", runId], env), /the run is already completed/);
  }, 60_000);
});

describe("mistakes exit 2 with one line", () => {
  test("a bad config key in --set is named, before anything is stored", async () => {
    const before = await db.prisma.run.count();
    expectRefusal(
      await runEspl(["run", "--set", "batch_sise=4"], env),
      /batch_sise: unknown configuration key/,
    );
    expect(await db.prisma.run.count()).toBe(before);
  }, 60_000);

  test("a bad config key or value in a --config file is named", async () => {
    const file = join(dir, "config.json");
    writeFileSync(file, JSON.stringify({ batch_size: 4, group_sise: 2 }));
    expectRefusal(
      await runEspl(["run", "--config", file], env),
      /invalid config: group_sise: unknown configuration key/,
    );
    writeFileSync(file, JSON.stringify({ batch_size: 0 }));
    expectRefusal(await runEspl(["run", "--config", file], env), /invalid config: batch_size: /);
  }, 60_000);

  test("out-of-range values and runs past the resource limits are refused in words (issue item 4)", async () => {
    const before = await db.prisma.run.count();
    expectRefusal(
      await runEspl(["run", "--set", "n_epochs=100000000"], env),
      /invalid config: n_epochs: must be an integer from 1 to 10,000$/,
    );
    expectRefusal(
      await runEspl(["run", "--set", "batch_size=2147483648"], env),
      /batch_size: must be an integer from 1 to 10,000$/,
    );
    // 26 batches of the built-in suite × 5,000 epochs: in range per key, past the total-steps limit.
    expectRefusal(
      await runEspl(["run", "--set", "n_epochs=5000"], env),
      /n_epochs: the run would take 130,000 steps .*the limit is 100,000 \(ESPL_MAX_TOTAL_STEPS\)$/,
    );
    // The operator narrows the per-step sample limit; the launch names it.
    expectRefusal(
      await runEspl(["run", "--set", "group_size=1000"], { ...env, ESPL_MAX_STEP_SAMPLES: "1000" }),
      /group_size: a step would sample 30,300 rollouts .*the limit is 1,000 \(ESPL_MAX_STEP_SAMPLES\)$/,
    );
    expect(await db.prisma.run.count()).toBe(before);
  }, 60_000);

  test("an unknown flag, run id or backend", async () => {
    expectRefusal(await runEspl(["run", "--fast"], env), /unknown option '--fast'/);
    expectRefusal(await runEspl(["status", "00000000-0000-4000-8000-000000000000"], env), /no run 0{8}-/);
    expectRefusal(await runEspl(["export", "zzzz", "--format", "json"], env), /no run "zzzz"/);
    expectRefusal(
      await runEspl(["run", "--backend", "gpt"], env),
      /no model backend "gpt".*choose one of: sim/,
    );
  }, 60_000);
});

describe("controls and Ctrl-C", () => {
  test("run without --wait queues; pause, resume and cancel change it", async () => {
    const launched = await runEspl(["run", ...sets(TINY), "--name", "queued one"], env);
    expect(launched.code, launched.stderr).toBe(0);
    const runId = launched.stdout.trim();
    expect(runId).toMatch(UUID);
    expect(launched.stderr).toMatch(/queued "queued one" \(2 steps\)/);
    const status = async () => (await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).status;
    expect(await status()).toBe("queued");

    expect((await runEspl(["pause", runId], env)).stdout).toBe(`paused ${runId}\n`);
    expect(await status()).toBe("paused");
    expect((await runEspl(["resume", runId], env)).stdout).toBe(`queued ${runId} again\n`);
    expect(await status()).toBe("queued");
    expect((await runEspl(["cancel", runId], env)).stdout).toBe(`cancelled ${runId}\n`);
    expect(await status()).toBe("cancelled");
    expectRefusal(await runEspl(["cancel", runId, "--hard"], env), /already cancelled/);
  }, 120_000);

  test("Ctrl-C pauses a run executing in the CLI at a committed step; resume --wait finishes it", async () => {
    const long = ["dataset_size=16", "batch_size=4", "group_size=2", "test_group_size=2", "n_epochs=6"];
    const cli = spawnEspl(["run", ...sets(long), "--wait"], env);
    await cli.waitForLine(/^step 1\/24 /);
    cli.child.kill("SIGINT");
    const interrupted = await cli.done;
    expect(interrupted.code, interrupted.stderr).toBe(130);
    const runId = interrupted.stdout.split("\n")[0]!;
    const paused = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(paused.status).toBe("paused");
    expect(paused.leaseOwner).toBeNull();
    expect(interrupted.stderr).toContain(`paused after ${paused.currentStep} steps`);
    expect(await count("SELECT count(*) n FROM steps WHERE run_id = $1", runId)).toBe(paused.currentStep);

    const resumed = await runEspl(["resume", runId, "--wait"], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout.trimEnd().split("\n").at(-1)).toMatch(/^completed: 24 steps/);
    // A follower starts at the run's current step: together the two printed every step once.
    const stepLines = resumed.stdout.split("\n").filter((l) => l.startsWith("step "));
    expect(stepLines[0]).toMatch(new RegExp(`^step ${paused.currentStep + 1}/24 `));
    expect(stepLines).toHaveLength(24 - paused.currentStep);
    expect(resumed.stderr).toContain(`following from step ${paused.currentStep}/24`);
    expect(await count("SELECT count(*) n FROM steps WHERE run_id = $1", runId)).toBe(24);
  }, 180_000);
});

describe("with a worker running", () => {
  test("run --wait follows the worker's execution instead of executing the run itself", async () => {
    const [worker] = await startWorkers(db.url, ["cli-test-worker"], {}, REAL_WORKER_ENTRY);
    try {
      const result = await runEspl(["run", ...sets(TINY), "--wait"], {
        ...env,
        ESPL_WORKER_PICKUP_MS: "5000",
      });
      expect(result.code, result.stderr).toBe(0);
      const runId = result.stdout.split("\n")[0]!;
      expect(result.stderr).not.toMatch(/executing it in this process/);
      expect(result.stdout.trimEnd().split("\n").at(-1)).toMatch(/^completed: 2 steps/);
      await worker!.waitForLine(new RegExp(`event=completed run=${runId}`));
    } finally {
      await killWorkers([worker!]);
    }
  }, 120_000);
});
