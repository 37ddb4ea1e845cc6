/**
 * A copy of a reference run whose metrics.jsonl lacks one step's line: that step is charted from its
 * stats.json entry (under the log's rollout/ and testing/ names), marked as such on the step, and the
 * import report names the step; the other steps keep their own lines.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { importRun } from "./import-run";

const RL = "rl_seed302";
const FIXTURE = join(process.cwd(), "lib/espl/testdata/reference-runs", RL);
const DROPPED = 2;

let db: TestDatabase;
const scratch = mkdtempSync(join(tmpdir(), "espl-import-unlogged-"));
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await db.drop();
});

test("a step without a metrics.jsonl line is charted from stats.json, and the import says so", async () => {
  const root = join(scratch, RL);
  cpSync(FIXTURE, root, { recursive: true });
  const metricsPath = join(root, "tinker-examples", RL, "metrics.jsonl");
  const lines = readFileSync(metricsPath, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines[DROPPED]!.step).toBe(DROPPED);
  writeFileSync(
    metricsPath,
    lines
      .filter((_, i) => i !== DROPPED)
      .map((l) => JSON.stringify(l) + "\n")
      .join(""),
  );
  const stats = JSON.parse(readFileSync(join(root, "data/math/train", RL, "stats.json"), "utf8")) as Record<
    string,
    { rollout: Record<string, number>; test: Record<string, number> }
  >;

  const result = await importRun({ prisma: db.prisma, pool: db.pool }, { path: root });
  expect(result.problems).toEqual([
    {
      file: `tinker-examples/${RL}/metrics.jsonl`,
      reason: expect.stringMatching(new RegExp(`^no line for step ${DROPPED}: charted from stats\\.json`)),
    },
  ]);
  const steps = await db.prisma.step.findMany({
    where: { runId: result.runId },
    orderBy: { step: "asc" },
    select: { step: true, metrics: true, details: true },
  });
  expect(steps.map((s) => s.step)).toEqual(lines.map((_, i) => i));
  for (const s of steps) {
    const logged = (s.metrics as { logged: Record<string, unknown> }).logged;
    if (s.step !== DROPPED) {
      expect(logged, `step ${s.step}`).toEqual(lines[s.step]);
      expect(s.details).toMatchObject({ loggedFrom: "metrics.jsonl" });
      continue;
    }
    expect(s.details).toMatchObject({ loggedFrom: "stats.json" });
    const entry = stats[`step_${DROPPED}`]!;
    // Every rollout/ and testing/ value the dropped line held is back, equal to stats.json's (and the line's).
    const dropped = lines[DROPPED]!;
    const charted = Object.keys(dropped).filter((k) => k.startsWith("rollout/") || k.startsWith("testing/"));
    expect(charted.length).toBeGreaterThan(0);
    for (const key of charted) expect(logged[key], key).toBe(dropped[key]);
    expect(Object.keys(logged).sort()).toEqual(
      [
        "step",
        ...Object.keys(entry.rollout).map((k) => `rollout/${k}`),
        ...Object.keys(entry.test).map((k) => `testing/${k}`),
      ].sort(),
    );
    // What only the log holds is not made up.
    expect(logged).not.toHaveProperty("time/total");
  }
});
