/**
 * Imports the reference's own output folders into a real database and checks the stored run against
 * what the files hold, counted here directly from the files (not through the importer); damaged copies
 * import what is readable and name each damaged file; importing again adds only new steps.
 */
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { importRun, type ImportDeps } from "./import-run";

const FIXTURES = join(process.cwd(), "lib/espl/testdata/reference-runs");
const EVOLUTION = "evolution_rl_lucb_seed109";
const RL = "rl_seed302";

let db: TestDatabase;
let deps: ImportDeps;
const scratch = mkdtempSync(join(tmpdir(), "espl-import-"));

beforeAll(async () => {
  db = await createTestDatabase();
  deps = { prisma: db.prisma, pool: db.pool };
});
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await db.drop();
});

const experimentDir = (root: string, name: string) => join(root, "data", "math", "train", name);

/** What the folder holds, read plainly with JSON.parse. */
function expectedFromFiles(root: string, name: string) {
  const dir = experimentDir(root, name);
  const stats = JSON.parse(readFileSync(join(dir, "stats.json"), "utf8")) as Record<
    string,
    { test: Record<string, number> }
  >;
  const stepDirs = readdirSync(dir).filter((n) => /^step_\d+$/.test(n));
  type Entry = { program_id: number; parents_list: number[] | null; self_modified_from: number };
  const seen = new Map<number, Entry>([[0, { program_id: 0, parents_list: null, self_modified_from: -1 }]]);
  let lastPool: number[] = [0];
  let lastStep = -1;
  let rollouts = 0;
  const countLines = (path: string) =>
    readFileSync(path, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "").length;
  for (const stepDir of stepDirs) {
    const step = Number(stepDir.slice(5));
    const names = readdirSync(join(dir, stepDir));
    if (names.includes("evolution_pool.json")) {
      const pool = JSON.parse(readFileSync(join(dir, stepDir, "evolution_pool.json"), "utf8"))
        .evolution_pool as Entry[];
      for (const p of pool) seen.set(p.program_id, p);
      if (step > lastStep) [lastStep, lastPool] = [step, pool.map((p) => p.program_id)];
    }
    if (names.includes("test_rollout.jsonl"))
      rollouts += countLines(join(dir, stepDir, "test_rollout.jsonl"));
    for (const slot of names.filter((n) => n.startsWith("sampled_program_")))
      rollouts += countLines(join(dir, stepDir, slot, "rollout.jsonl"));
  }
  const checkpoints = countLines(join(root, "tinker-examples", name, "checkpoints.jsonl"));
  return {
    steps: Object.keys(stats).length,
    programs: seen.size,
    crossoverChildren: [...seen.values()].filter((p) => p.parents_list !== null).length,
    edges: [...seen.values()]
      .map((p) => p.parents_list?.length ?? (p.self_modified_from >= 0 ? 1 : 0))
      .reduce((a, b) => a + b, 0),
    evicted: [...seen.keys()].filter((id) => !lastPool.includes(id)).length,
    bestPass1: Math.max(...Object.values(stats).map((s) => s.test["Pass@1"]!)),
    rollouts,
    checkpoints,
  };
}

async function readStored(runId: string) {
  const q = async (sql: string) => (await db.pool.query(sql, [runId])).rows[0] as Record<string, number>;
  return {
    ...(await q(`SELECT
      (SELECT count(*)::int FROM steps WHERE run_id = $1) AS steps,
      (SELECT count(*)::int FROM programs WHERE run_id = $1) AS programs,
      (SELECT count(*)::int FROM programs WHERE run_id = $1 AND origin = 'crossover') AS "crossoverChildren",
      (SELECT count(*)::int FROM program_edges WHERE run_id = $1) AS edges,
      (SELECT count(*)::int FROM programs WHERE run_id = $1 AND evicted_at_step IS NOT NULL) AS evicted,
      (SELECT count(*)::int FROM rollouts WHERE run_id = $1) AS rollouts,
      (SELECT count(*)::int FROM checkpoints WHERE run_id = $1) AS checkpoints`)),
    bestPass1: (await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).bestTestPass1,
  };
}

describe("reference runs", () => {
  test("the full E-SPL run: steps, programs, crossover children, evictions, rollouts, checkpoints, best Pass@1", async () => {
    const root = join(FIXTURES, EVOLUTION);
    const result = await importRun(deps, { path: root });
    expect(result.problems).toEqual([]);
    const expected = expectedFromFiles(root, EVOLUTION);
    expect(expected.crossoverChildren).toBeGreaterThan(0);
    expect(expected.evicted).toBeGreaterThan(0);
    expect(await readStored(result.runId)).toEqual(expected);

    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ source: "imported", status: "completed", trainMode: "evolution_rl" });
    expect(run.config).toMatchObject({
      program_selection_strategy: "lucb",
      max_pool_size: 8,
      crossover_prob: 0.5,
    });
    const events = await db.prisma.evolutionEvent.findMany({
      where: { runId: result.runId },
      include: { llmCalls: true },
    });
    expect(events.filter((e) => e.kind === "mutation")).toHaveLength(expected.steps);
    const crossovers = events.filter((e) => e.kind === "crossover");
    expect(crossovers.filter((e) => e.status === "ok")).toHaveLength(expected.crossoverChildren);
    expect(
      crossovers.every((e) => e.llmCalls.some((c) => c.purpose === "crossover" && c.prompt.length > 0)),
    ).toBe(true);
    const mutationCalls = events.filter((e) => e.kind === "mutation").flatMap((e) => e.llmCalls);
    for (const purpose of ["summary", "critique", "batch_revision"])
      expect(mutationCalls.some((c) => c.purpose === purpose && (c.rawReply ?? "").length > 0)).toBe(true);
    // μ/σ history: each program's update at a step starts where its previous update ended.
    const updates = await db.prisma.ratingUpdate.findMany({
      where: { runId: result.runId },
      orderBy: [{ programId: "asc" }, { step: "asc" }],
    });
    expect(updates.length).toBeGreaterThan(expected.steps);
    for (let i = 1; i < updates.length; i++)
      if (updates[i]!.programId === updates[i - 1]!.programId)
        expect([updates[i]!.muBefore, updates[i]!.sigmaBefore]).toEqual([
          updates[i - 1]!.muAfter,
          updates[i - 1]!.sigmaAfter,
        ]);
    const program = await db.prisma.program.findFirstOrThrow({
      where: { runId: result.runId, programId: 2 },
    });
    expect(program).toMatchObject({ origin: "crossover", birthStep: 1 });
  });

  test("the RL-only run keeps the root program and no evolution", async () => {
    const root = join(FIXTURES, RL);
    const result = await importRun(deps, { path: root, name: "rl import" });
    expect(result.problems).toEqual([]);
    const expected = expectedFromFiles(root, RL);
    expect(await readStored(result.runId)).toEqual(expected);
    expect(expected.programs).toBe(1);
    expect(result.counts.evolutionEvents).toBe(0);
    expect((await db.prisma.run.findUniqueOrThrow({ where: { id: result.runId } })).name).toBe("rl import");
    // Advantages are recomputed: reward minus its group's mean, so each trained group sums to zero.
    const train = await db.prisma.rollout.findMany({ where: { runId: result.runId, split: "train" } });
    expect(train.every((r) => r.advantage !== null)).toBe(true);
    const groups = new Map<string, { sum: number; trained: boolean }>();
    for (const r of train) {
      const key = `${r.step}/${r.slot}/${r.problemIndex}`;
      const g = groups.get(key) ?? { sum: 0, trained: r.trained };
      groups.set(key, { sum: g.sum + r.advantage!, trained: g.trained });
    }
    expect([...groups.values()].some((g) => g.trained)).toBe(true);
    for (const g of groups.values()) expect(Math.abs(g.sum)).toBeLessThan(1e-5);
  });
});

describe("damaged copies and re-import", () => {
  test("a truncated line, a missing step folder and an unknown pool key are listed; the rest imports; re-import adds the step when it appears", async () => {
    const root = join(scratch, "damaged");
    cpSync(join(FIXTURES, EVOLUTION), root, { recursive: true });
    const dir = experimentDir(root, EVOLUTION);
    const testFile = join(dir, "step_2", "test_rollout.jsonl");
    truncateSync(testFile, statSync(testFile).size - 40);
    const poolFile = join(dir, "step_4", "evolution_pool.json");
    const pool = JSON.parse(readFileSync(poolFile, "utf8"));
    pool.evolution_pool[0].novelty_score = 0.5;
    writeFileSync(poolFile, JSON.stringify(pool));
    const stepDir = join(dir, "step_7");
    const saved = join(scratch, "step_7");
    cpSync(stepDir, saved, { recursive: true });
    rmSync(stepDir, { recursive: true });
    const configFile = join(root, "tinker-examples", EVOLUTION, "config.json");
    const config = JSON.parse(readFileSync(configFile, "utf8"));
    writeFileSync(configFile, JSON.stringify({ ...config, wandb_project: "espl", batch_size: -4 }));

    // Its own project: the intact run imported above has the same experiment name (the re-import key).
    const project = await db.prisma.project.create({ data: { slug: "damaged", name: "Damaged" } });
    const first = await importRun(deps, { path: root, name: "damaged", projectId: project.id });
    const files = first.problems.map((p) => p.file);
    expect(files).toContain(`data/math/train/${EVOLUTION}/step_2/test_rollout.jsonl`);
    expect(files).toContain(`data/math/train/${EVOLUTION}/step_4/evolution_pool.json`);
    expect(files).toContain(`data/math/train/${EVOLUTION}/step_7`);
    expect(first.problems.find((p) => p.file.endsWith("step_4/evolution_pool.json"))!.reason).toMatch(
      /novelty_score/,
    );
    expect(first.problems.find((p) => p.file.endsWith("test_rollout.jsonl"))!.reason).toMatch(/line \d+/);
    const expected = expectedFromFiles(join(FIXTURES, EVOLUTION), EVOLUTION);
    expect(first.stepsAdded).toBe(expected.steps - 1);
    expect(first.configAside.unknownKeys).toEqual({ wandb_project: "espl" });
    expect(Object.keys(first.configAside.invalidKeys)).toEqual(["batch_size"]);
    const stored = await db.prisma.run.findUniqueOrThrow({ where: { id: first.runId } });
    expect(stored.config).toMatchObject({ batch_size: 10, max_pool_size: 8 });
    expect(stored.engineState).toMatchObject({
      imported: {
        unknownConfigKeys: { wandb_project: "espl" },
        invalidConfigKeys: { batch_size: { value: -4 } },
        lastImport: { stepsAdded: expected.steps - 1, problems: first.problems },
      },
    });
    const steps = await db.prisma.step.findMany({ where: { runId: first.runId }, select: { step: true } });
    expect(steps.map((s) => s.step)).not.toContain(7);
    const testRollouts = await db.prisma.rollout.count({
      where: { runId: first.runId, step: 2, split: "test" },
    });
    const intact = readFileSync(
      join(experimentDir(join(FIXTURES, EVOLUTION), EVOLUTION), "step_2", "test_rollout.jsonl"),
      "utf8",
    );
    expect(testRollouts).toBe(intact.trim().split("\n").length - 1);

    const again = await importRun(deps, { path: root, projectId: project.id });
    expect(again).toMatchObject({ runId: first.runId, created: false, stepsAdded: 0 });
    expect(again.counts).toEqual(first.counts);

    cpSync(saved, stepDir, { recursive: true });
    const third = await importRun(deps, { path: root, projectId: project.id });
    expect(third).toMatchObject({
      runId: first.runId,
      stepsAdded: 1,
      stepsAlreadyStored: expected.steps - 1,
    });
    expect(third.counts.steps).toBe(expected.steps);
  });

  test("a .tar.gz of a run folder imports like the folder", async () => {
    const archive = join(scratch, "rl.tar.gz");
    execFileSync("tar", ["-czf", archive, "-C", join(FIXTURES, RL), "."]);
    const project = await db.prisma.project.create({ data: { slug: "archive", name: "Archive" } });
    const result = await importRun(deps, { path: archive, projectId: project.id });
    expect(result.problems).toEqual([]);
    expect(await readStored(result.runId)).toEqual(expectedFromFiles(join(FIXTURES, RL), RL));
  });

  test("a .zip of a run folder imports like the folder", async () => {
    const archive = join(scratch, "rl.zip");
    execFileSync("zip", ["-qr", archive, "."], { cwd: join(FIXTURES, RL) });
    const project = await db.prisma.project.create({ data: { slug: "zip-archive", name: "Zip" } });
    const result = await importRun(deps, { path: archive, projectId: project.id });
    expect(result.problems).toEqual([]);
    expect(await readStored(result.runId)).toEqual(expectedFromFiles(join(FIXTURES, RL), RL));
  });

  test("a folder that is not an experiment is refused", async () => {
    const empty = mkdtempSync(join(scratch, "empty-"));
    await expect(importRun(deps, { path: empty })).rejects.toMatchObject({ code: "bad_request" });
  });

  test("NUL characters in model text are removed, not refused by PostgreSQL, and the import says where", async () => {
    const root = join(scratch, "nul-run");
    cpSync(join(FIXTURES, RL), root, { recursive: true });
    const rollouts = join(experimentDir(root, RL), "step_0", "sampled_program_0", "rollout.jsonl");
    const lines = readFileSync(rollouts, "utf8").split("\n");
    lines[0] = lines[0]!.replace("There are", "There\\u0000 are");
    writeFileSync(rollouts, lines.join("\n"));
    const project = await db.prisma.project.create({ data: { name: "Nul", slug: "nul" } });
    const result = await importRun(deps, { path: root, projectId: project.id });
    expect(result.problems).toEqual([
      {
        file: "data/math/train/rl_seed302/step_0/sampled_program_0/rollout.jsonl",
        reason: "1 control character (e.g. NUL) removed from 1 line; PostgreSQL cannot store them",
      },
    ]);
    const stored = await db.pool.query<{ completion: string }>(
      "SELECT completion FROM rollout_texts t JOIN rollouts r ON r.id = t.rollout_id WHERE r.run_id = $1 AND t.completion LIKE 'There are 46%'",
      [result.runId],
    );
    expect(stored.rows.length).toBeGreaterThan(0);
  });
});
