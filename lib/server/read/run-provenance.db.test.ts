/**
 * The run header's provenance for imported reference runs, read back through getRunOverview: the source,
 * the model and backend their config.json names, elapsed as the sum of metrics.jsonl's time/total, and
 * "not recorded" (null) for the seed the reference never records; a native run keeps its own.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { importRun } from "@/lib/server/io/import/import-run";
import { getRunOverview } from "./run-overview";

const FIXTURES = join(process.cwd(), "lib/espl/testdata/reference-runs");
let db: TestDatabase;
let projectId: string;
const scratch = mkdtempSync(join(tmpdir(), "espl-provenance-"));

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "Imports", slug: "imports" } })).id;
});
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await db.drop();
});

const fromLog = (run: string) => {
  const log = join(FIXTURES, run, "tinker-examples", run);
  const lines = readFileSync(join(log, "metrics.jsonl"), "utf8").trim().split("\n");
  const seconds = lines.map((l) => (JSON.parse(l) as { "time/total": number })["time/total"]);
  return {
    config: JSON.parse(readFileSync(join(log, "config.json"), "utf8")) as Record<string, unknown>,
    seconds: seconds.reduce((a, b) => a + b, 0),
    steps: seconds.length,
  };
};

test.each(["evolution_rl_lucb_seed109", "rl_seed302"])(
  "%s: imported from the reference script, its model, Tinker, elapsed from time/total, seed not recorded",
  async (run) => {
    const { runId } = await importRun(
      { prisma: db.prisma, pool: db.pool },
      { path: join(FIXTURES, run), projectId },
    );
    const overview = await getRunOverview({ projectIds: [projectId] }, runId);
    const expected = fromLog(run);
    expect(expected.config).not.toHaveProperty("seed");
    expect(overview.run.simulated).toBe(false);
    expect(overview.run.provenance).toEqual({
      source: "imported",
      label: "imported from the reference script",
      model: expected.config.model_name,
      backend: "Tinker",
      seed: null,
      elapsed: { ms: expected.seconds * 1000, from: "time/total", steps: expected.steps },
      // The config table marks every other key as the importer's default (lib/view/runs/config-display.ts).
      recordedConfigKeys: Object.keys(expected.config).sort(),
    });
    expect(overview.run.provenance.elapsed!.ms).toBeGreaterThan(60_000);
    // A frozen share link sees the time of its steps only.
    const frozen = await getRunOverview({ projectIds: [projectId], frozenAtStep: 1 }, runId);
    expect(frozen.run.provenance.elapsed?.steps).toBe(2);
  },
);

test("an experiment folder without its log folder records no model, backend, seed or elapsed time", async () => {
  const run = "rl_seed302";
  const project = await db.prisma.project.create({ data: { name: "Bare", slug: "bare" } });
  // Copied alone: beside its data/ tree the importer would find the log folder.
  const bare = join(scratch, run);
  cpSync(join(FIXTURES, run, "data/math/train", run), bare, { recursive: true });
  const { runId } = await importRun(
    { prisma: db.prisma, pool: db.pool },
    { path: bare, projectId: project.id },
  );
  const { provenance } = (await getRunOverview({ projectIds: [project.id] }, runId)).run;
  expect(provenance).toMatchObject({
    source: "imported",
    model: null,
    backend: null,
    seed: null,
    elapsed: null,
  });
});

test("a native simulated run shows its seed and step-clock elapsed time", async () => {
  const run = await db.prisma.run.create({
    data: {
      projectId,
      name: "native",
      status: "completed",
      trainMode: "rl",
      config: {},
      seed: 7,
      totalSteps: 2,
    },
  });
  const t0 = Date.parse("2026-06-01T00:00:00Z");
  await db.prisma.step.createMany({
    data: [0, 1].map((step) => ({
      runId: run.id,
      step,
      epoch: 0,
      metrics: {},
      startedAt: new Date(t0 + step * 10_000),
      committedAt: new Date(t0 + step * 10_000 + 9_000),
    })),
  });
  const { provenance } = (await getRunOverview({ projectIds: [projectId] }, run.id)).run;
  expect(provenance).toEqual({
    source: "simulated",
    label: "simulated",
    model: "none (simulated policy)",
    backend: "built-in simulator",
    seed: 7,
    elapsed: { ms: 19_000, from: "step clock", steps: 2 },
    recordedConfigKeys: null,
  });
});
