import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { computeCellStats } from "@/lib/view/evaluations/attribution";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import {
  createRunningRun,
  executeRunDirectly,
  SMALL_RUN_CONFIG,
} from "@/lib/server/runner/testing/execute-run-directly";
import { cancelEvaluation, createEvaluation } from "./create-evaluation";
import { executeEvaluation } from "./execute-evaluation";
import { getEvaluation, listEvaluations } from "./read-evaluations";
import { readEvaluationExport } from "./export-evaluation";
import { findStrandedEvaluations } from "./reap-evaluations";
import { getProblemSamples } from "./read-samples";
import { startEvaluationWorker } from "./evaluation-worker";
import { startBoss } from "@/lib/server/queue/boss";

let db: TestDatabase;
let runId: string;
let projectId: string;
let firstId: string;
let periodicStep: number;

const CONFIG = {
  ...SMALL_RUN_CONFIG,
  save_every: 3,
};
const PROBLEMS = 10;
const SAMPLES = 3;
const spec = (seed = 5) => ({
  checkpoints: ["base", String(periodicStep), "final"],
  programs: ["root", "best"],
  samples: SAMPLES,
  maxProblems: PROBLEMS,
  seed,
});

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
  runId = await createRunningRun(db.prisma, { projectId, seed: 3, config: CONFIG });
  expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
  const periodic = await db.prisma.checkpoint.findFirstOrThrow({
    where: { runId, name: { notIn: ["best", "final"] } },
    orderBy: { step: "asc" },
  });
  periodicStep = periodic.step;
});
afterAll(() => db.drop());

/** Every sample of an evaluation as comparable tuples, in grid order. */
async function readSamples(evaluationId: string) {
  const rows = await db.pool.query(
    `SELECT c.position, s.problem_index, s.sample_index, s.reward, s.completion
       FROM evaluation_samples s JOIN evaluation_cells c ON c.id = s.cell_id
      WHERE s.evaluation_id = $1 ORDER BY 1, 2, 3`,
    [evaluationId],
  );
  return rows.rows.map((r) => [r.position, r.problem_index, r.sample_index, r.reward, r.completion]);
}

const countSamples = async (evaluationId: string) =>
  Number(
    (
      await db.pool.query("SELECT count(*) n FROM evaluation_samples WHERE evaluation_id = $1", [
        evaluationId,
      ])
    ).rows[0].n,
  );

let reference: unknown[][];

describe("evaluation jobs on the simulator", () => {
  test("3 checkpoints × 2 programs make 6 cells with the requested samples and their metrics", async () => {
    const created = await createEvaluation(db.prisma, runId, spec());
    expect(created.cells).toBe(6);
    expect(await executeEvaluation(db.prisma, created.id)).toBe("completed");
    const cells = await db.prisma.evaluationCell.findMany({
      where: { evaluationId: created.id },
      orderBy: { position: "asc" },
      include: { samples: { orderBy: [{ problemIndex: "asc" }, { sampleIndex: "asc" }] } },
    });
    expect(cells.map((c) => c.checkpointLabel)).toEqual([
      "base",
      "base",
      `step ${periodicStep}`,
      `step ${periodicStep}`,
      "final",
      "final",
    ]);
    for (const cell of cells) {
      expect(cell.n).toBe(PROBLEMS * SAMPLES);
      expect(cell.samples).toHaveLength(PROBLEMS * SAMPLES);
      // The stored metrics are those of the stored samples.
      const rewards = Array.from({ length: PROBLEMS }, (_, q) =>
        cell.samples
          .filter((s) => s.problemIndex === cell.samples[q * SAMPLES]!.problemIndex)
          .map((s) => s.reward),
      );
      const stats = computeCellStats(rewards);
      const metrics = cell.metrics as Record<string, number>;
      expect(metrics["Pass@1"]).toBe(stats.passAtK["Pass@1"]);
      expect(metrics["Pass@3"]).toBe(stats.passAtK["Pass@3"]);
      expect(metrics.mean_reward).toBe(stats.meanReward);
    }
    const job = await db.prisma.evaluationJob.findUniqueOrThrow({ where: { id: created.id } });
    expect(job).toMatchObject({
      status: "completed",
      cellsDone: 6,
      samplesDone: 6 * PROBLEMS * SAMPLES,
      samplesTotal: 6 * PROBLEMS * SAMPLES,
      etaSeconds: 0,
    });
    expect(job.finishedAt).not.toBeNull();
    firstId = created.id;
    reference = await readSamples(created.id);
    expect(reference).toHaveLength(6 * PROBLEMS * SAMPLES);
  });

  test("the read grid and decomposition equal what the stored samples give", async () => {
    const detail = await getEvaluation({ projectIds: [projectId] }, runId, firstId);
    const stored = await db.prisma.evaluationCell.findMany({
      where: { evaluationId: firstId },
      orderBy: { position: "asc" },
    });
    expect(detail.view.cells.map((c) => [c.checkpoint, c.program, c.n, c.metrics["Pass@1"]])).toEqual(
      stored.map((c) => [
        c.checkpointLabel,
        c.programId,
        c.n,
        (c.metrics as Record<string, number>)["Pass@1"],
      ]),
    );
    // weights only = mean over problems of (final + root − base + root), from the raw rows.
    const { rows } = await db.pool.query(
      `SELECT avg(CASE WHEN c.checkpoint_label = 'final' THEN s.reward ELSE -s.reward END) * 2 AS d
         FROM evaluation_samples s JOIN evaluation_cells c ON c.id = s.cell_id
        WHERE s.evaluation_id = $1 AND c.program_id = 0 AND c.checkpoint_label IN ('base', 'final')`,
      [firstId],
    );
    expect(detail.view.decomposition!.weightsOnly.estimate).toBeCloseTo(Number(rows[0].d), 10);
    expect(detail.bestProgramId).toBe(stored[1]!.programId);
    expect((await listEvaluations({ projectIds: [projectId] }, runId)).map((e) => e.id)).toContain(firstId);
    await expect(getEvaluation({ projectIds: [] }, runId, firstId)).rejects.toThrow(/not found/);
    // A flip side by side: problem 2's samples in the last cell, then the first, as stored.
    const side = await getProblemSamples({ projectIds: [projectId] }, runId, firstId, {
      problem: 2,
      cells: [5, 0],
    });
    expect(side.cells.map((c) => c.position)).toEqual([5, 0]);
    for (const cell of side.cells)
      expect(cell.samples.map((s) => [cell.position, 2, s.sampleIndex, s.reward, s.completion])).toEqual(
        reference.filter((r) => r[0] === cell.position && r[1] === 2),
      );
    expect(side.question).not.toBeNull();
  });

  test("a worker killed mid-evaluation resumes without duplicated rows, bit-identical to an uninterrupted one", async () => {
    const created = await createEvaluation(db.prisma, runId, spec());
    const kill = new AbortController();
    const first = await executeEvaluation(db.prisma, created.id, {
      signal: kill.signal,
      onCellDone: (position) => {
        if (position === 2) kill.abort();
      },
    });
    expect(first).toBe("interrupted");
    const afterKill = await db.prisma.evaluationJob.findUniqueOrThrow({ where: { id: created.id } });
    expect(afterKill).toMatchObject({ status: "running", cellsDone: 3, samplesDone: 3 * PROBLEMS * SAMPLES });
    // A crash between a cell's first sample rows and its commit: some of cell 3's rows already there.
    const cell3 = await db.prisma.evaluationCell.findFirstOrThrow({
      where: { evaluationId: created.id, position: 3 },
    });
    const partial = reference.filter((r) => r[0] === 3).slice(0, 5);
    for (const [, problemIndex, sampleIndex, reward, completion] of partial)
      await db.pool.query(
        `INSERT INTO evaluation_samples (evaluation_id, cell_id, problem_index, sample_index, reward, completion)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [created.id, cell3.id, problemIndex, sampleIndex, reward, completion],
      );
    expect(await executeEvaluation(db.prisma, created.id)).toBe("completed");
    expect(await countSamples(created.id)).toBe(6 * PROBLEMS * SAMPLES);
    expect(await readSamples(created.id)).toEqual(reference);
    const job = await db.prisma.evaluationJob.findUniqueOrThrow({ where: { id: created.id } });
    expect(job).toMatchObject({ status: "completed", cellsDone: 6, samplesDone: 6 * PROBLEMS * SAMPLES });
  });

  test("a killed worker's evaluation (stale heartbeat) is found by the reaper and finished by a live worker", async () => {
    const created = await createEvaluation(db.prisma, runId, spec());
    const kill = new AbortController();
    await executeEvaluation(db.prisma, created.id, {
      signal: kill.signal,
      onCellDone: () => kill.abort(),
    });
    expect(await findStrandedEvaluations(db.prisma, 30_000)).not.toContain(created.id);
    await db.pool.query(
      "UPDATE evaluation_jobs SET heartbeat_at = now() - interval '1 minute' WHERE id = $1",
      [created.id],
    );
    expect(await findStrandedEvaluations(db.prisma, 30_000)).toContain(created.id);
    const boss = await startBoss(db.url);
    const worker = startEvaluationWorker({
      prisma: db.prisma,
      boss,
      workerId: "test",
      pollIntervalMs: 50,
      reapIntervalMs: 50,
      staleMs: 30_000,
      log: () => {},
    });
    try {
      await expect
        .poll(
          async () => (await db.prisma.evaluationJob.findUniqueOrThrow({ where: { id: created.id } })).status,
          {
            timeout: 20_000,
          },
        )
        .toBe("completed");
    } finally {
      await worker.stop();
      await boss.stop({ graceful: false });
    }
    expect(await readSamples(created.id)).toEqual(reference);
  });

  test("the same seed repeats bit-identically; another seed draws other samples", async () => {
    const again = await createEvaluation(db.prisma, runId, spec());
    expect(await executeEvaluation(db.prisma, again.id)).toBe("completed");
    expect(await readSamples(again.id)).toEqual(reference);
    const other = await createEvaluation(db.prisma, runId, spec(6));
    expect(await executeEvaluation(db.prisma, other.id)).toBe("completed");
    expect(await readSamples(other.id)).not.toEqual(reference);
  });

  test("cancel stops it before its next cell, and a retried job writes nothing more", async () => {
    const created = await createEvaluation(db.prisma, runId, spec());
    const outcome = await executeEvaluation(db.prisma, created.id, {
      onCellDone: async (position) => {
        if (position === 0) expect(await cancelEvaluation(db.prisma, runId, created.id)).toBe(true);
      },
    });
    expect(outcome).toBe("cancelled");
    const job = await db.prisma.evaluationJob.findUniqueOrThrow({ where: { id: created.id } });
    expect(job).toMatchObject({ status: "cancelled", cellsDone: 1 });
    expect(await countSamples(created.id)).toBe(PROBLEMS * SAMPLES);
    expect(await executeEvaluation(db.prisma, created.id)).toBe("cancelled");
    expect(await countSamples(created.id)).toBe(PROBLEMS * SAMPLES);
    expect(await cancelEvaluation(db.prisma, runId, created.id)).toBe(false);
    // The grid and the export say the same of the cells it will never grade.
    const scope = { projectIds: [projectId] };
    const statuses = (await getEvaluation(scope, runId, created.id)).view.cells.map((c) => c.status);
    expect(statuses).toEqual(["graded", ...statuses.slice(1).map(() => "not_graded")]);
    const exported = await readEvaluationExport(scope, runId, created.id);
    expect(exported.cells.map((c) => c.status)).toEqual(statuses);
  });

  test("the evaluation's sampling parameters replace the run's: a low max tokens cuts every completion", async () => {
    const short = await createEvaluation(db.prisma, runId, {
      checkpoints: ["base"],
      programs: ["root"],
      samples: 2,
      maxProblems: 4,
      maxTokens: 4,
    });
    expect(await executeEvaluation(db.prisma, short.id)).toBe("completed");
    const { rows } = await db.pool.query(
      `SELECT completion_tokens, reward, extracted_answer FROM evaluation_samples WHERE evaluation_id = $1`,
      [short.id],
    );
    expect(rows.length).toBe(8);
    // Four tokens hold no boxed answer: nothing is extracted and nothing is right.
    for (const r of rows) {
      expect(r.completion_tokens).toBeLessThanOrEqual(4);
      expect(r.extracted_answer).toBeNull();
      expect(r.reward).toBe(0);
    }
    // Without the override the same cell samples full completions.
    const full = await createEvaluation(db.prisma, runId, {
      ...spec(),
      checkpoints: ["base"],
      programs: ["root"],
    });
    expect(await executeEvaluation(db.prisma, full.id)).toBe("completed");
    const longest = await db.pool.query(
      `SELECT max(completion_tokens)::int AS n FROM evaluation_samples WHERE evaluation_id = $1`,
      [full.id],
    );
    expect(longest.rows[0].n).toBeGreaterThan(4);
    await expect(
      createEvaluation(db.prisma, runId, { checkpoints: ["base"], programs: ["root"], temperature: 3 }),
    ).rejects.toThrow(/the temperature is at most 2/);
  });

  test("bad specs are refused in plain words", async () => {
    await expect(
      createEvaluation(db.prisma, runId, { checkpoints: ["7777"], programs: ["root"] }),
    ).rejects.toThrow(/no checkpoint was saved at step 7777/);
    await expect(
      createEvaluation(db.prisma, runId, { checkpoints: ["base"], programs: ["x"] }),
    ).rejects.toThrow(/a program is "root"/);
  });
});
