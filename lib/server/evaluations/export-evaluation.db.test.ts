/**
 * An evaluation's export (what the route serves and `espl export RUN --evaluation ID` writes) says exactly
 * what the stored cells say: per cell n, every Pass@k, mean reward and CI, in grid order; a cell not graded
 * yet exports empty values, never zeros; another project's scope finds nothing.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runEspl } from "@/lib/cli/testing/spawn-espl";
import { parseCsv } from "@/lib/server/io/export/testing/parse-csv";
import {
  createRunningRun,
  executeRunDirectly,
  SMALL_RUN_CONFIG,
} from "@/lib/server/runner/testing/execute-run-directly";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { createEvaluation } from "./create-evaluation";
import { executeEvaluation } from "./execute-evaluation";
import { formatEvaluationExport, readEvaluationExport } from "./export-evaluation";

let db: TestDatabase;
let projectId: string;
let otherProjectId: string;
let runId: string;
let evaluationId: string;
let dir: string;

const SAMPLES = 3;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
  otherProjectId = (await db.prisma.project.create({ data: { name: "Q", slug: "q" } })).id;
  runId = await createRunningRun(db.prisma, { projectId, seed: 4, config: SMALL_RUN_CONFIG });
  expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
  const created = await createEvaluation(db.prisma, runId, {
    checkpoints: ["base", "final"],
    programs: ["root", "best"],
    samples: SAMPLES,
    maxProblems: 6,
    seed: 2,
  });
  expect(await executeEvaluation(db.prisma, created.id)).toBe("completed");
  evaluationId = created.id;
  dir = await mkdtemp(path.join(tmpdir(), "espl-eval-export-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await db.drop();
});

/** The stored cells as the export's columns, in grid order. */
async function readStoredRows(id: string) {
  const cells = await db.prisma.evaluationCell.findMany({
    where: { evaluationId: id },
    orderBy: { position: "asc" },
  });
  return cells.map((c) => {
    const m = (c.metrics ?? {}) as Record<string, number | undefined>;
    return [
      c.checkpointLabel,
      c.programId,
      c.n,
      ...Array.from({ length: SAMPLES }, (_, i) => m[`Pass@${i + 1}`] ?? null),
      m.mean_reward ?? null,
      m.ci_low ?? null,
      m.ci_high ?? null,
    ];
  });
}

describe("evaluation export", () => {
  test("the JSON rows equal the stored cells, every Pass@k, mean reward and CI", async () => {
    const read = await readEvaluationExport({ projectIds: [projectId] }, runId, evaluationId);
    const stored = await readStoredRows(evaluationId);
    expect(stored).toHaveLength(4);
    expect(
      read.cells.map((r) => [
        r.checkpoint,
        r.program,
        r.n,
        ...Object.values(r.passAtK),
        r.meanReward,
        r.ciLow,
        r.ciHigh,
      ]),
    ).toEqual(stored);
    expect(Object.keys(read.cells[0]!.passAtK)).toEqual(["Pass@1", "Pass@2", "Pass@3"]);
    expect(read.cells.every((r) => r.status === "graded" && r.meanReward !== null)).toBe(true);
  });

  test("the CSV has one header and one line per cell with the same numbers", async () => {
    const file = await formatEvaluationExport({ projectIds: [projectId] }, runId, evaluationId, "csv");
    const [header, ...lines] = parseCsv(file.text);
    expect(header).toEqual([
      "checkpoint",
      "program",
      "status",
      "n",
      "Pass@1",
      "Pass@2",
      "Pass@3",
      "mean_reward",
      "ci_low",
      "ci_high",
      "note",
    ]);
    const stored = await readStoredRows(evaluationId);
    expect(
      lines.map(([checkpoint, program, , ...rest]) => [
        checkpoint,
        Number(program),
        ...rest.slice(0, -1).map(Number),
      ]),
    ).toEqual(stored);
    expect(file.contentType).toMatch(/^text\/csv/);
  });

  test("a cell not graded yet exports empty values, not zeros", async () => {
    const pending = await createEvaluation(db.prisma, runId, {
      checkpoints: ["base"],
      programs: ["root"],
      samples: 2,
      maxProblems: 3,
      seed: 9,
    });
    const read = await readEvaluationExport({ projectIds: [projectId] }, runId, pending.id);
    expect(read.cells).toEqual([
      {
        checkpoint: "base",
        program: 0,
        status: "pending",
        n: 0,
        passAtK: {},
        meanReward: null,
        ciLow: null,
        ciHigh: null,
        note: null,
      },
    ]);
    const csv = parseCsv(
      (await formatEvaluationExport({ projectIds: [projectId] }, runId, pending.id, "csv")).text,
    );
    expect(csv[1]).toEqual(["base", "0", "pending", "0", "", "", "", ""]);
  });

  test("another project's scope and another run's id find nothing", async () => {
    await expect(readEvaluationExport({ projectIds: [otherProjectId] }, runId, evaluationId)).rejects.toThrow(
      "run not found",
    );
    const otherRun = await createRunningRun(db.prisma, { projectId, seed: 5, config: SMALL_RUN_CONFIG });
    await expect(readEvaluationExport({ projectIds: [projectId] }, otherRun, evaluationId)).rejects.toThrow(
      "evaluation not found",
    );
  });

  test("espl export RUN --evaluation ID --format csv --out FILE writes the route's file", async () => {
    const out = path.join(dir, "grid.csv");
    const env = { DATABASE_URL: db.url };
    const result = await runEspl(
      ["export", runId.slice(0, 8), "--evaluation", evaluationId, "--format", "csv", "--out", out],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const served = await formatEvaluationExport({ projectIds: [projectId] }, runId, evaluationId, "csv");
    expect(await readFile(out, "utf8")).toBe(served.text);
    const unknown = await runEspl(
      ["export", runId, "--evaluation", "00000000-0000-4000-8000-000000000000", "--format", "json"],
      env,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe("espl: evaluation not found");
    // Two CLI processes, each starting tsx and a database client: seconds apiece on a loaded machine.
  }, 120_000);
});
