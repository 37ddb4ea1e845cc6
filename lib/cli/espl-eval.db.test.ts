/**
 * `espl run --wait` then `espl eval RUN --checkpoints base,final --programs root,best --wait --json` in child
 * processes: the grid's cells are those stored, each with the requested samples; a bad selector exits 2
 * with one plain line.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSimOpenAIBackend } from "@/lib/server/runner/testing/sim-openai-backend";
import { startSimOpenAIServer, type SimOpenAIServer } from "@/lib/tools/sim-servers/openai/sim-openai-server";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { runEspl } from "./testing/spawn-espl";

let db: TestDatabase;
let env: Record<string, string>;
let runId: string;
let server: SimOpenAIServer | undefined;

const TINY = ["dataset_size=8", "batch_size=4", "group_size=2", "test_group_size=2", "n_epochs=1"];

beforeAll(async () => {
  db = await createTestDatabase();
  env = { DATABASE_URL: db.url, ESPL_WORKER_PICKUP_MS: "200" };
  const result = await runEspl(
    ["run", "--preset", "espl-lucb", ...TINY.flatMap((l) => ["--set", l]), "--wait"],
    env,
  );
  expect(result.code, result.stderr).toBe(0);
  runId = (await db.prisma.run.findFirstOrThrow({ select: { id: true } })).id;
});
afterAll(async () => {
  await server?.close();
  await db.drop();
});

describe("espl eval", () => {
  test("--wait --json prints one cell per pair, equal to the stored cells", async () => {
    const result = await runEspl(
      [
        "eval",
        runId.slice(0, 8),
        "--checkpoints",
        "base,final",
        "--programs",
        "root,best",
        "--samples",
        "2",
        "--max-problems",
        "6",
        "--wait",
        "--json",
      ],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as {
      evaluation: string;
      cells: { checkpoint: string; program: number; n: number; metrics: Record<string, number> }[];
    };
    const stored = await db.prisma.evaluationCell.findMany({
      where: { evaluationId: printed.evaluation },
      orderBy: { position: "asc" },
    });
    expect(printed.cells.length).toBe(stored.length);
    expect(printed.cells.map((c) => [c.checkpoint, c.program, c.n, c.metrics["Pass@1"]])).toEqual(
      stored.map((c) => [
        c.checkpointLabel,
        c.programId,
        c.n,
        (c.metrics as Record<string, number>)["Pass@1"],
      ]),
    );
    expect(printed.cells.every((c) => c.n === 12)).toBe(true);
    expect(printed.cells.slice(0, 1).map((c) => [c.checkpoint, c.program])).toEqual([["base", 0]]);
  });

  test("a bad selector is refused with exit 2 and one plain line", async () => {
    const result = await runEspl(["eval", runId, "--checkpoints", "latest", "--programs", "root"], env);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/a checkpoint is "base", "final", "all" or a step number/);
  });

  test("--backend NAME grades the programs on that saved backend: one row, its model", async () => {
    server = await startSimOpenAIServer({ seed: 2 });
    const { projectId } = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    await createSimOpenAIBackend(db.prisma, { projectId, name: "other", baseUrl: server.baseUrl });
    const args = ["eval", runId, "--programs", "root", "--samples", "1", "--max-problems", "3"];
    const result = await runEspl([...args, "--backend", "other", "--wait", "--json"], env);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as {
      cells: { checkpoint: string; program: number; status: string; n: number }[];
    };
    expect(printed.cells.map((c) => [c.checkpoint, c.program, c.status, c.n])).toEqual([
      ["model: other", 0, "graded", 3],
    ]);
    expect(server.stats().byPath["/v1/chat/completions"] ?? 0).toBeGreaterThan(0);

    const unknown = await runEspl([...args, "--backend", "nope"], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(unknown.stderr).toMatch(/this project has no model backend named "nope"/);
    // Two CLI processes, each starting up: more than one's allowance on a loaded machine.
  }, 90_000);
});
