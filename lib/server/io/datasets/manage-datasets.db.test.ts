/**
 * Renaming and deleting datasets on a real database: a rename keeps the runs' recorded names, a taken
 * name and the built-in suite are refused, and a delete is refused (listing the runs) while runs use it.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createProjectRow, createRunRow } from "@/lib/server/auth/testing/auth-fixtures";
import { BUILTIN_SUITE_NAME } from "@/lib/server/runner/run-problems";
import { refusal } from "@/lib/tools/testing/refusal";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { deleteDataset, LISTED_RUNS, renameDataset } from "./manage-datasets";

let db: TestDatabase;
let projectId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  projectId = (await createProjectRow(db.prisma)).id;
});
afterAll(() => db?.drop());

async function dataset(name: string) {
  const made = await db.prisma.dataset.create({
    data: { projectId, name, source: "upload", trainCount: 1, testCount: 1 },
  });
  await db.prisma.problem.createMany({
    data: [
      { datasetId: made.id, split: "train", position: 0, question: "1+1", answer: "2" },
      { datasetId: made.id, split: "test", position: 0, question: "2+2", answer: "4" },
    ],
  });
  return made;
}

describe("renameDataset", () => {
  test("renames; a run keeps the name it recorded at launch", async () => {
    const d = await dataset("before");
    const run = await createRunRow(db.prisma, projectId);
    await db.prisma.run.update({ where: { id: run.id }, data: { datasetId: d.id, datasetName: "before" } });
    expect(await renameDataset(db.prisma, projectId, { datasetId: d.id, name: "after" })).toEqual({
      id: d.id,
      name: "after",
    });
    expect((await db.prisma.run.findUniqueOrThrow({ where: { id: run.id } })).datasetName).toBe("before");
  });

  test("a name taken in the project is refused on the name field", async () => {
    await dataset("taken");
    const d = await dataset("other");
    const error = await refusal(renameDataset(db.prisma, projectId, { datasetId: d.id, name: "taken" }));
    expect({ code: error.code, message: error.message, fields: error.fields }).toEqual({
      code: "bad_request",
      message: 'a dataset named "taken" exists in this project',
      fields: { name: ["already taken in this project"] },
    });
  });

  test("the built-in suite is read-only; another project's dataset is not found", async () => {
    const builtin = await dataset(BUILTIN_SUITE_NAME);
    const error = await refusal(renameDataset(db.prisma, projectId, { datasetId: builtin.id, name: "mine" }));
    expect(error.message).toBe("the built-in simulator suite is read-only: it cannot be renamed or deleted");
    const other = await createProjectRow(db.prisma);
    const theirs = await db.prisma.dataset.create({
      data: { projectId: other.id, name: "theirs", source: "upload" },
    });
    expect(
      (await refusal(renameDataset(db.prisma, projectId, { datasetId: theirs.id, name: "x" }))).code,
    ).toBe("not_found");
    expect((await refusal(deleteDataset(db.prisma, projectId, theirs.id))).code).toBe("not_found");
    expect(await db.prisma.dataset.count({ where: { id: theirs.id } })).toBe(1);
  });
});

describe("deleteDataset", () => {
  test("an unused dataset is deleted with its problems", async () => {
    const d = await dataset("unused");
    expect(await deleteDataset(db.prisma, projectId, d.id)).toEqual({ id: d.id });
    expect(await db.prisma.dataset.count({ where: { id: d.id } })).toBe(0);
    expect(await db.prisma.problem.count({ where: { datasetId: d.id } })).toBe(0);
  });

  test("a dataset runs use is refused, naming the runs; nothing is deleted", async () => {
    const d = await dataset("in use");
    for (const name of ["run one", "run two"]) {
      const run = await createRunRow(db.prisma, projectId, name);
      await db.prisma.run.update({ where: { id: run.id }, data: { datasetId: d.id, status: "completed" } });
    }
    const error = await refusal(deleteDataset(db.prisma, projectId, d.id));
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(
      /^"in use" is used by 2 run\(s\): "run (one|two)", "run (one|two)"; a dataset is deleted only while no run uses it/,
    );
    expect(error.fields?.runs?.sort()).toEqual(["run one", "run two"]);
    expect(await db.prisma.problem.count({ where: { datasetId: d.id } })).toBe(2);
  });

  test(`past ${LISTED_RUNS} runs the refusal names ${LISTED_RUNS} and counts the rest`, async () => {
    const d = await dataset("popular");
    for (let i = 0; i < LISTED_RUNS + 3; i++) {
      const run = await createRunRow(db.prisma, projectId);
      await db.prisma.run.update({ where: { id: run.id }, data: { datasetId: d.id } });
    }
    const error = await refusal(deleteDataset(db.prisma, projectId, d.id));
    expect(error.message).toContain(`is used by ${LISTED_RUNS + 3} run(s)`);
    expect(error.message).toContain(" and 3 more;");
    expect(error.fields?.runs).toHaveLength(LISTED_RUNS);
  });
});
