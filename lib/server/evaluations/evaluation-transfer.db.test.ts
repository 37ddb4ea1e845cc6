/**
 * Transfer: a finished simulated run's programs graded on another saved backend of its project, an
 * OpenAI-compatible one served by the simulated server over real HTTP. The transfer row ("model: NAME")
 * sits in the same grid as the run's own checkpoints, samples only through that backend, grades and
 * stores every sample, resumes like any evaluation, and stays out of the decomposition.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { computeCellStats } from "@/lib/view/evaluations/attribution";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import {
  createRunningRun,
  executeRunDirectly,
  SMALL_RUN_CONFIG,
} from "@/lib/server/runner/testing/execute-run-directly";
import { createSimOpenAIBackend } from "@/lib/server/runner/testing/sim-openai-backend";
import { startSimOpenAIServer, type SimOpenAIServer } from "@/lib/tools/sim-servers/openai/sim-openai-server";
import { createEvaluation } from "./create-evaluation";
import { executeEvaluation } from "./execute-evaluation";
import { getEvaluation } from "./read-evaluations";

let db: TestDatabase;
let server: SimOpenAIServer;
let projectId: string;
let runId: string;

const PROBLEMS = 5;
const SAMPLES = 2;
const BACKEND = "sim openai";

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  server = await startSimOpenAIServer({ seed: 11 });
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
  await createSimOpenAIBackend(db.prisma, { projectId, name: BACKEND, baseUrl: server.baseUrl });
  runId = await createRunningRun(db.prisma, { projectId, seed: 4, config: SMALL_RUN_CONFIG });
  expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const policyRequests = () => {
  const byPath = server.stats().byPath;
  return (byPath["/v1/chat/completions"] ?? 0) + (byPath["/v1/completions"] ?? 0);
};

describe("evaluation on another backend (transfer)", () => {
  test("the transfer row samples through the backend, grades its cells and stores their samples", async () => {
    const created = await createEvaluation(db.prisma, runId, {
      checkpoints: ["base"],
      programs: ["root", "best"],
      backend: BACKEND,
      samples: SAMPLES,
      maxProblems: PROBLEMS,
    });
    expect(created.cells).toBe(4);
    expect(created.samplesTotal).toBe(4 * PROBLEMS * SAMPLES);
    // Requests to the server per finished cell: the run's own base weights never go there.
    const requestsAfter: number[] = [];
    const before = policyRequests();
    const outcome = await executeEvaluation(db.prisma, created.id, {
      onCellDone: () => void requestsAfter.push(policyRequests() - before),
    });
    expect(outcome).toBe("completed");
    const cells = await db.prisma.evaluationCell.findMany({
      where: { evaluationId: created.id },
      orderBy: { position: "asc" },
      include: { samples: { orderBy: [{ problemIndex: "asc" }, { sampleIndex: "asc" }] } },
    });
    expect(cells.map((c) => [c.checkpointLabel, c.source])).toEqual([
      ["base", "sampled"],
      ["base", "sampled"],
      [`model: ${BACKEND}`, "sampled"],
      [`model: ${BACKEND}`, "sampled"],
    ]);
    expect(requestsAfter[0]).toBe(0);
    expect(requestsAfter[1]).toBe(0);
    expect(requestsAfter[2]).toBeGreaterThan(0);
    expect(requestsAfter[3]).toBeGreaterThan(requestsAfter[2]!);
    for (const cell of cells.slice(2)) {
      expect(cell.backendId).not.toBeNull();
      expect(cell.samples).toHaveLength(PROBLEMS * SAMPLES);
      for (const s of cell.samples) {
        expect([0, 1]).toContain(s.reward);
        expect(s.completion.length).toBeGreaterThan(0);
      }
      // The stored metrics are those of the stored samples.
      const rewards = Array.from({ length: PROBLEMS }, (_, q) =>
        cell.samples.slice(q * SAMPLES, (q + 1) * SAMPLES).map((s) => s.reward),
      );
      const stats = computeCellStats(rewards);
      expect(cell.n).toBe(PROBLEMS * SAMPLES);
      expect((cell.metrics as Record<string, number>)["Pass@1"]).toBe(stats.passAtK["Pass@1"]);
      expect((cell.metrics as Record<string, number>).mean_reward).toBe(stats.meanReward);
    }
    // The server's completions are not the simulator's: the two rows are different samples.
    expect(cells[2]!.samples.map((s) => s.completion)).not.toEqual(
      cells[0]!.samples.map((s) => s.completion),
    );

    const detail = await getEvaluation({ projectIds: [projectId] }, runId, created.id);
    expect(detail.view.checkpoints).toEqual(["base", `model: ${BACKEND}`]);
    expect(detail.view.cells.map((c) => c.status)).toEqual(["graded", "graded", "graded", "graded"]);
    expect(detail.view.transferNote).toMatch(/another model, none of this run's weights/);
    expect(detail.view.decomposition).toBeNull();
    expect(detail.samplesDone).toBe(4 * PROBLEMS * SAMPLES);
  });

  test("a transfer alone needs no checkpoint, and a killed transfer resumes without duplicates", async () => {
    const created = await createEvaluation(db.prisma, runId, {
      checkpoints: [],
      programs: ["root", "best"],
      backend: BACKEND,
      samples: 1,
      maxProblems: 3,
    });
    const kill = new AbortController();
    const first = await executeEvaluation(db.prisma, created.id, {
      signal: kill.signal,
      onCellDone: () => kill.abort(),
    });
    expect(first).toBe("interrupted");
    expect(await executeEvaluation(db.prisma, created.id)).toBe("completed");
    const rows = await db.pool.query(
      `SELECT count(*)::int n, count(DISTINCT (cell_id, problem_index, sample_index))::int d
         FROM evaluation_samples WHERE evaluation_id = $1`,
      [created.id],
    );
    expect(rows.rows[0]).toEqual({ n: 2 * 3, d: 2 * 3 });
  });

  test("an unknown backend and an empty grid are refused in plain words", async () => {
    await expect(
      createEvaluation(db.prisma, runId, { checkpoints: ["base"], programs: ["root"], backend: "nope" }),
    ).rejects.toThrow('this project has no model backend named "nope"');
    await expect(createEvaluation(db.prisma, runId, { checkpoints: [], programs: ["root"] })).rejects.toThrow(
      "pick at least one checkpoint (or a backend to evaluate instead)",
    );
    // Nothing was written for the refused launches.
    expect(await db.prisma.evaluationJob.count({ where: { runId } })).toBe(2);
  });
});
