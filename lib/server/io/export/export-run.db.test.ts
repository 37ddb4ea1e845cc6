/**
 * The three export formats of a run executed on the simulator, parsed back and checked against the
 * database; small pages must give the same bytes as large ones (pagination neither drops nor repeats).
 */
import { compareMetricKeys } from "@/lib/domain/metrics/metric-order";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { AppError } from "@/lib/domain/errors";
import { createRunningRun, executeRunDirectly } from "@/lib/server/runner/testing/execute-run-directly";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { streamStepMetricsCsv } from "./export-csv";
import { streamRunJson } from "./export-json";
import { streamRolloutsJsonl, type RolloutLine } from "./export-jsonl";
import type { ExportFormat } from "@/lib/domain/export-formats";
import { openRunExport } from "./export-run";
import type { ExportOptions } from "./export-target";
import { parseCsv } from "./testing/parse-csv";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importRun } from "@/lib/server/io/import/import-run";

let db: TestDatabase;
let projectId: string;
let runId: string;

const CONFIG = {
  ...getDefaultConfig(),
  dataset_size: 12,
  batch_size: 4,
  group_size: 2,
  test_group_size: 2,
  n_epochs: 1,
  crossover_prob: 0.5,
  choose_from_most_recent: 4,
};
const TOTAL_STEPS = 3;

async function collect(chunks: AsyncIterable<string>): Promise<{ text: string; chunks: number }> {
  let text = "";
  let count = 0;
  for await (const chunk of chunks) {
    text += chunk;
    count++;
  }
  return { text, chunks: count };
}

const exportText = async (format: ExportFormat, options: ExportOptions = {}, id = runId) =>
  (await collect(await openRunExport(db.prisma, id, format, options))).text;

const count = async (sql: string, id = runId) =>
  Number((await db.pool.query<{ n: string }>(sql, [id])).rows[0]!.n);

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
  runId = await createRunningRun(db.prisma, { projectId, seed: 21, config: CONFIG });
  expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
}, 60_000);
afterAll(() => db.drop());

describe("json", () => {
  test("parses back and agrees with the database", async () => {
    const doc = JSON.parse(await exportText("json"));
    expect(doc).toMatchObject({ format: "espl-studio/run", version: 1, as_of_step: TOTAL_STEPS });
    expect(doc.run).toMatchObject({
      id: runId,
      current_step: TOTAL_STEPS,
      total_steps: TOTAL_STEPS,
      seed: 21,
    });
    expect(doc.config).toEqual(CONFIG);
    expect(Object.keys(doc.config)).toEqual(Object.keys(getDefaultConfig()));

    const rollouts = await count("SELECT count(*) n FROM rollouts WHERE run_id = $1");
    const programs = await count("SELECT count(*) n FROM programs WHERE run_id = $1");
    const events = await count("SELECT count(*) n FROM evolution_events WHERE run_id = $1");
    expect(doc.counts).toEqual({ steps: TOTAL_STEPS, programs, rollouts, evolution_events: events });

    const steps = await db.prisma.step.findMany({ where: { runId }, orderBy: { step: "asc" } });
    expect(doc.steps.map((s: { step: number }) => s.step)).toEqual([0, 1, 2]);
    expect(doc.steps.map((s: { metrics: unknown }) => s.metrics)).toEqual(steps.map((s) => s.metrics));
    for (const step of doc.steps) expect(step.evaluations).toHaveLength(1);

    expect(doc.programs).toHaveLength(programs);
    expect(doc.programs[0]).toMatchObject({ program_id: 0, origin: "root", parents: [] });
    const ids = new Set(doc.programs.map((p: { program_id: number }) => p.program_id));
    for (const program of doc.programs.slice(1)) {
      expect(program.parents.length).toBeGreaterThan(0);
      for (const parent of program.parents) expect(ids.has(parent.program_id)).toBe(true);
    }
    const history = doc.programs.flatMap((p: { rating_history: unknown[] }) => p.rating_history);
    expect(history).toHaveLength(await count("SELECT count(*) n FROM rating_updates WHERE run_id = $1"));

    expect(doc.evolution_events).toHaveLength(events);
    const calls = doc.evolution_events.flatMap((e: { llm_calls: unknown[] }) => e.llm_calls);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls).toHaveLength(
      await count(
        "SELECT count(*) n FROM llm_calls c JOIN evolution_events e ON e.id = c.event_id WHERE e.run_id = $1",
      ),
    );
    expect(doc.checkpoints.map((c: { name: string }) => c.name)).toContain("final");
  });

  test("small pages give the same document", async () => {
    const withoutTime = (text: string) => text.replace(/"exported_at":"[^"]+"/, "");
    const small = await collect(await openRunExport(db.prisma, runId, "json", { batchSize: 1 }));
    expect(withoutTime(small.text)).toBe(withoutTime(await exportText("json")));
    expect(small.chunks).toBeGreaterThan(10);
  });
});

describe("jsonl", () => {
  test("one rollout per line, agreeing with the database, in key order", async () => {
    const text = await exportText("jsonl");
    expect(text.endsWith("\n")).toBe(true);
    const lines: RolloutLine[] = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(await count("SELECT count(*) n FROM rollouts WHERE run_id = $1"));
    expect(Object.keys(lines[0]!)).toEqual([
      "step",
      "split",
      "slot",
      "program_id",
      "problem_index",
      "sample_index",
      "reward",
      "advantage",
      "trained",
      "extracted_answer",
      "completion",
    ]);
    const { rows } = await db.pool.query(
      `SELECT r.step, r.split::text AS split, r.slot, p.program_id, r.problem_index, r.sample_index, r.reward,
         r.advantage, r.trained, r.extracted_answer, t.completion
       FROM rollouts r JOIN programs p ON p.id = r.program_id JOIN rollout_texts t ON t.rollout_id = r.id
       WHERE r.run_id = $1 ORDER BY r.step, r.split, r.slot, r.problem_index, r.sample_index`,
      [runId],
    );
    expect(lines).toEqual(rows);
    expect(new Set(lines.map((l) => l.split))).toEqual(new Set(["train", "test"]));
  });

  test("pages that end inside a step, a split or a slot neither drop nor repeat rows", async () => {
    const reference = await exportText("jsonl");
    for (const batchSize of [1, 3, 7, 64]) expect(await exportText("jsonl", { batchSize })).toBe(reference);
  });
});

describe("csv", () => {
  test("one row per step, one column per metric key, values as stored", async () => {
    const table = parseCsv(await exportText("csv"));
    const [header, ...rows] = table;
    expect(header!.slice(0, 3)).toEqual(["step", "epoch", "batch_index"]);
    expect(header).toContain("testing/Pass@1");
    expect(header!.some((h) => h.startsWith("rollout/"))).toBe(true);
    expect(new Set(header).size).toBe(header!.length);
    // Metric columns in metric order (Pass@2 before Pass@10), then the six usage columns (stored per
    // step, not metrics).
    const metricColumns = header!.slice(3, -6);
    expect(metricColumns).toEqual([...metricColumns].sort(compareMetricKeys));
    expect(header!.slice(-6).every((h) => h.startsWith("usage/"))).toBe(true);
    expect(rows).toHaveLength(TOTAL_STEPS);
    const steps = await db.prisma.step.findMany({ where: { runId }, orderBy: { step: "asc" } });
    rows.forEach((row, i) => {
      const logged = (steps[i]!.metrics as { logged: Record<string, number> }).logged;
      expect(Number(row[0])).toBe(i);
      for (const [column, cell] of metricColumns.map((h, j) => [h, row[j + 3]!] as const))
        expect(cell === "" ? undefined : Number(cell), column).toBe(logged[column]);
      expect(Number(row[header!.indexOf("usage/policy_completion_tokens")])).toBe(
        steps[i]!.policyCompletionTokens,
      );
      // The simulator reports token counts with every completion.
      expect(steps[i]!.policyCompletionTokens).toBeGreaterThan(0);
    });
    expect(await exportText("csv", { batchSize: 2 })).toBe(await exportText("csv"));
  });
});

describe("imported runs", () => {
  test("token counts the files do not hold export as empty (CSV) and null (JSON), never the stored 0", async () => {
    const other = await db.prisma.project.create({ data: { name: "Usage", slug: "usage" } });
    const fixture = join(process.cwd(), "lib/espl/testdata/reference-runs", "rl_seed302");
    const { runId: imported } = await importRun(
      { prisma: db.prisma, pool: db.pool },
      { path: fixture, projectId: other.id },
    );
    const [header, ...rows] = parseCsv(await exportText("csv", {}, imported));
    expect(rows.length).toBeGreaterThan(0);
    const column = (name: string) => header!.indexOf(name);
    for (const row of rows) {
      for (const name of [
        "usage/policy_prompt_tokens",
        "usage/reflection_completion_tokens",
        "usage/train_tokens",
      ])
        expect(row[column(name)], name).toBe("");
      // Counted, not read from a token report: an RL-only import made no reflection calls.
      expect(row[column("usage/reflection_calls")]).toBe("0");
    }
    const json = JSON.parse(await exportText("json", {}, imported)) as {
      steps: { usage: Record<string, unknown> }[];
    };
    expect(json.steps[0]!.usage).toEqual({
      policy_prompt_tokens: null,
      policy_completion_tokens: null,
      reflection_prompt_tokens: null,
      reflection_completion_tokens: null,
      reflection_calls: 0,
      train_tokens: null,
    });
  });

  test("the seed is null where config.json recorded none (the column holds 0), else the recorded one", async () => {
    const name = "rl_seed302";
    const fixture = join(process.cwd(), "lib/espl/testdata/reference-runs", name);
    const deps = { prisma: db.prisma, pool: db.pool };
    const unseeded = await importRun(deps, { path: fixture, projectId });
    const stored = await db.prisma.run.findUniqueOrThrow({ where: { id: unseeded.runId } });
    expect(stored.seed).toBe(0);
    expect(JSON.parse(await exportText("json", {}, unseeded.runId)).run.seed).toBeNull();

    const scratch = mkdtempSync(join(tmpdir(), "espl-export-seed-"));
    try {
      cpSync(fixture, scratch, { recursive: true });
      const configFile = join(scratch, "tinker-examples", name, "config.json");
      const config = JSON.parse(readFileSync(configFile, "utf8")) as Record<string, unknown>;
      writeFileSync(configFile, JSON.stringify({ ...config, seed: 7 }));
      // Its own project: the same experiment name is the re-import key.
      const other = await db.prisma.project.create({ data: { name: "Seeded", slug: "seeded" } });
      const seeded = await importRun(deps, { path: scratch, projectId: other.id });
      expect(JSON.parse(await exportText("json", {}, seeded.runId)).run.seed).toBe(7);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe("every format", () => {
  test("is fenced at the steps committed when the export began", async () => {
    const target = { runId, asOfStep: 1 };
    const doc = JSON.parse((await collect(streamRunJson(db.prisma, target))).text);
    expect(doc.steps).toHaveLength(1);
    expect(doc.evolution_events.every((e: { step: number }) => e.step === 0)).toBe(true);
    const lines = (await collect(streamRolloutsJsonl(db.prisma, target))).text.trimEnd().split("\n");
    expect(lines).toHaveLength(await count("SELECT count(*) n FROM rollouts WHERE run_id = $1 AND step = 0"));
    expect(doc.counts.rollouts).toBe(lines.length);
    expect(parseCsv((await collect(streamStepMetricsCsv(db.prisma, target))).text)).toHaveLength(2);
  });

  test("a run without steps exports empty collections", async () => {
    const id = (
      await db.prisma.run.create({
        data: { projectId, name: "empty", trainMode: "rl", config: CONFIG, seed: 1 },
      })
    ).id;
    const doc = JSON.parse(await exportText("json", {}, id));
    expect(doc).toMatchObject({ steps: [], programs: [], evolution_events: [], checkpoints: [] });
    expect(await exportText("jsonl", {}, id)).toBe("");
    expect(await exportText("csv", {}, id)).toBe(
      "step,epoch,batch_index,usage/policy_prompt_tokens,usage/policy_completion_tokens," +
        "usage/reflection_prompt_tokens,usage/reflection_completion_tokens,usage/reflection_calls,usage/train_tokens\r\n",
    );
  });

  test("an unknown or malformed run id is not found before anything is written", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "nope"]) {
      const error = await openRunExport(db.prisma, id, "json").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "not_found" });
    }
  });
});
