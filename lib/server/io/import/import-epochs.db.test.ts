/**
 * A two-epoch reference run: metrics.jsonl restarts `step` at 0 each epoch, so its line i must land on
 * global step i (stats.json and the step folders), and checkpoints.jsonl (already global) on its own step.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { importRun } from "./import-run";

const ROOT = join(process.cwd(), "lib/espl/testdata/reference-runs/evolution_rl_lucb_seed109");
const LOG = join(ROOT, "tinker-examples/evolution_rl_lucb_seed109");
const jsonl = (path: string) =>
  readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

test("every step of both epochs carries its own metrics.jsonl line; checkpoints keep their global step", async () => {
  const result = await importRun({ prisma: db.prisma, pool: db.pool }, { path: ROOT });
  expect(result.problems).toEqual([]);
  const lines = jsonl(join(LOG, "metrics.jsonl"));
  // The file really restarts: without the mapping, steps 6-11 would carry nothing.
  expect(lines.filter((l) => l.step === 0)).toHaveLength(2);
  const steps = await db.prisma.step.findMany({
    where: { runId: result.runId },
    orderBy: { step: "asc" },
    select: { step: true, epoch: true, batchIndex: true, metrics: true },
  });
  expect(steps.map((s) => s.step)).toEqual(lines.map((_, i) => i));
  steps.forEach((s, i) => {
    const { logged, test: testMetrics } = s.metrics as Record<string, Record<string, unknown>>;
    expect(logged, `step ${i}`).toEqual(lines[i]);
    expect([s.epoch, s.batchIndex]).toEqual([Math.floor(i / 6), lines[i]!.step]);
    // The same step's stats.json entry agrees with the line placed on it.
    expect(lines[i]!["testing/Pass@1"]).toBe(testMetrics!["Pass@1"]);
  });
  const checkpoints = await db.prisma.checkpoint.findMany({
    where: { runId: result.runId },
    orderBy: [{ step: "asc" }, { name: "asc" }],
    select: { step: true, name: true },
  });
  expect(checkpoints).toEqual(
    jsonl(join(LOG, "checkpoints.jsonl"))
      .map((c) => ({ step: c.step, name: c.name }))
      .sort(
        (a, b) => (a.step as number) - (b.step as number) || String(a.name).localeCompare(String(b.name)),
      ),
  );
});
