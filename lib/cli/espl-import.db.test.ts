/**
 * `espl import` as a user runs it (a child process): a reference run imports with exit 0 and prints its
 * id, counts and problems; importing again adds nothing; a folder without an experiment exits 2 with
 * one line; the imported run refuses controls as read-only.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { runEspl } from "./testing/spawn-espl";

let db: TestDatabase;
let env: Record<string, string>;
const RUN = join(process.cwd(), "lib/espl/testdata/reference-runs/rl_seed302");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  db = await createTestDatabase();
  env = { DATABASE_URL: db.url };
});
afterAll(() => db.drop());

test("import, re-import, refusals", async () => {
  const first = await runEspl(["import", RUN, "--name", "from the reference"], env);
  expect(first.code, first.stderr).toBe(0);
  const lines = first.stdout.trimEnd().split("\n");
  expect(lines[0]).toMatch(UUID);
  const runId = lines[0]!;
  const steps = await db.prisma.step.count({ where: { runId } });
  expect(steps).toBeGreaterThan(0);
  expect(lines[1]).toBe(`imported: ${steps} steps added, 0 already stored`);
  expect(lines[2]).toMatch(new RegExp(`^run holds: ${steps} steps, 1 programs, \\d+ rollouts`));
  expect(lines[3]).toBe("problems: 0");
  expect((await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).name).toBe("from the reference");

  const again = await runEspl(["import", RUN], env);
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout.split("\n").slice(0, 2)).toEqual([
    runId,
    `updated: 0 steps added, ${steps} already stored`,
  ]);

  const empty = mkdtempSync(join(tmpdir(), "espl-not-a-run-"));
  const refused = await runEspl(["import", empty], env);
  expect(refused.code).toBe(2);
  expect(refused.stderr.trimEnd().split("\n")).toEqual([
    expect.stringMatching(/^espl: .*is not an experiment folder/),
  ]);

  const pause = await runEspl(["pause", runId], env);
  expect(pause.code).toBe(2);
  expect(pause.stderr).toMatch(/imported and is read-only/);
});
