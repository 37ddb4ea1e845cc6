/**
 * An evaluation of a run imported from the reference's own output folder (no live weights): the cells its
 * files answer are the recorded test rollouts of the checkpoint's step with the program tested there,
 * copied without sampling and checked here against test_rollout.jsonl read plainly; every other cell says
 * it needs a live backend, and the job completes instead of failing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { importRun } from "@/lib/server/io/import/import-run";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { createEvaluation } from "./create-evaluation";
import { executeEvaluation } from "./execute-evaluation";
import { readEvaluationExport } from "./export-evaluation";
import { getEvaluation } from "./read-evaluations";

const EVOLUTION = "evolution_rl_lucb_seed109";
const ROOT = join(process.cwd(), "lib/espl/testdata/reference-runs", EVOLUTION);
/** A periodic checkpoint of that run (checkpoints.jsonl): saved before step 5's update. */
const STEP = 5;

let db: TestDatabase;
let runId: string;
let projectId: string;
/** The pool id of the program the reference tested at STEP (the newest one then). */
let testedAtStep: number;

/** Rewards of a step's test_rollout.jsonl, in file order. */
function fileRewards(step: number): number[] {
  return readFileSync(join(ROOT, "data/math/train", EVOLUTION, `step_${step}`, "test_rollout.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { reward: number }).reward);
}
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const result = await importRun({ prisma: db.prisma, pool: db.pool }, { path: ROOT });
  expect(result.problems).toEqual([]);
  runId = result.runId;
  projectId = (await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).projectId;
  const tested = await db.pool.query(
    `SELECT DISTINCT p.program_id FROM rollouts r JOIN programs p ON p.id = r.program_id
      WHERE r.run_id = $1 AND r.split = 'test' AND r.step = $2`,
    [runId, STEP],
  );
  expect(tested.rows).toHaveLength(1);
  testedAtStep = tested.rows[0].program_id;
  // The grid below is only telling if the step tested another program than the root.
  expect(testedAtStep).not.toBe(0);
});
afterAll(() => db?.drop());

describe("evaluating an imported run", () => {
  test("recorded cells come from the files' test rollouts, the others need a live backend", async () => {
    const created = await createEvaluation(db.prisma, runId, {
      checkpoints: ["base", String(STEP), "final"],
      programs: ["root", String(testedAtStep)],
      samples: 2,
    });
    expect(created.cells).toBe(6);
    expect(await executeEvaluation(db.prisma, created.id)).toBe("completed");
    const detail = await getEvaluation({ projectIds: [projectId] }, runId, created.id);
    expect(detail.status).toBe("completed");
    const grid = detail.view.cells.map((c) => [c.checkpoint, c.program, c.status]);
    expect(grid).toEqual([
      ["base", 0, "recorded"],
      ["base", testedAtStep, "needs_backend"],
      [`step ${STEP}`, 0, "needs_backend"],
      [`step ${STEP}`, testedAtStep, "recorded"],
      ["final", 0, "needs_backend"],
      ["final", testedAtStep, "needs_backend"],
    ]);
    const [baseRoot, , , atStep, final] = detail.view.cells;
    // The files' own test rollouts: 12 problems × 2 samples at step 0 (root) and at STEP.
    expect(baseRoot!.n).toBe(fileRewards(0).length);
    expect(baseRoot!.metrics.mean_reward).toBeCloseTo(mean(fileRewards(0)), 12);
    expect(atStep!.n).toBe(fileRewards(STEP).length);
    expect(atStep!.metrics.mean_reward).toBeCloseTo(mean(fileRewards(STEP)), 12);
    expect(atStep!.note).toBe(`recorded test rollouts of step ${STEP}`);
    expect(final!.n).toBe(0);
    expect(final!.metrics).toEqual({});
    expect(final!.note).toMatch(/^needs a live backend: the final weights were saved after the last test/);
    expect(detail.view.decomposition).toBeNull();
    expect(detail.view.decompositionNote).toMatch(/need a live backend/);
    // Copied, not sampled: every stored sample is a recorded rollout's text and reward.
    const copied = await db.pool.query(
      `SELECT count(*)::int n FROM evaluation_samples s
        WHERE s.evaluation_id = $1 AND EXISTS (
          SELECT 1 FROM rollouts r JOIN rollout_texts t ON t.rollout_id = r.id
           WHERE r.run_id = $2 AND r.split = 'test' AND r.problem_index = s.problem_index
             AND r.sample_index = s.sample_index AND r.reward = s.reward AND t.completion = s.completion)`,
      [created.id, runId],
    );
    expect(copied.rows[0].n).toBe(baseRoot!.n + atStep!.n);
    expect(detail.samplesDone).toBe(detail.samplesTotal);
    expect(detail.cellsDone).toBe(6);
    // The exported grid says the same per cell.
    const exported = await readEvaluationExport({ projectIds: [projectId] }, runId, created.id);
    expect(exported.cells.map((c) => c.status)).toEqual(grid.map(([, , status]) => status));
  });

  test("fewer samples and problems than recorded take the first ones; another split needs a live backend", async () => {
    const cut = await createEvaluation(db.prisma, runId, {
      checkpoints: ["base"],
      programs: ["root"],
      samples: 1,
      maxProblems: 5,
    });
    expect(cut.samplesTotal).toBe(5);
    expect(await executeEvaluation(db.prisma, cut.id)).toBe("completed");
    const cell = await db.prisma.evaluationCell.findFirstOrThrow({ where: { evaluationId: cut.id } });
    expect([cell.source, cell.n, cell.recordedStep]).toEqual(["recorded", 5, 0]);

    const train = await createEvaluation(db.prisma, runId, {
      checkpoints: ["base"],
      programs: ["root"],
      split: "train",
    });
    expect(train.samplesTotal).toBe(0);
    expect(await executeEvaluation(db.prisma, train.id)).toBe("completed");
    const trainCell = await db.prisma.evaluationCell.findFirstOrThrow({ where: { evaluationId: train.id } });
    expect(trainCell.source).toBe("needs_backend");
    expect(trainCell.note).toMatch(/own test set only/);
  });

  test("a transfer of an imported run's programs must name a dataset: the run stored no problems", async () => {
    await db.prisma.modelBackend.create({
      data: { projectId, name: "elsewhere", kind: "openai_compatible", baseUrl: "http://127.0.0.1:9/v1" },
    });
    const transfer = { checkpoints: [], programs: ["root"], backend: "elsewhere" };
    await expect(createEvaluation(db.prisma, runId, transfer)).rejects.toThrow(
      "this imported run stores no problems to sample: name a dataset of the project",
    );
  });
});
