import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { importDataset } from "./import-dataset";

let db: TestDatabase;
let projectId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
});
afterAll(() => db.drop());

const mapping = { question: "q", answer: "a", split: "s" };

describe("importDataset", () => {
  test("imports every row in one dataset with its split counts", async () => {
    const content = [
      '{"q":"1+1","a":"2","s":"train"}',
      '{"q":"2+2","a":"4","s":"train"}',
      '{"q":"3+3","a":"6","s":"test"}',
    ].join("\n");
    const result = await importDataset(projectId, { name: "tiny", format: "jsonl", content, mapping });
    expect(result).toMatchObject({ ok: true, trainCount: 2, testCount: 1 });
    if (!result.ok) return;
    const problems = await db.prisma.problem.findMany({
      where: { datasetId: result.datasetId },
      orderBy: { id: "asc" },
    });
    expect(problems.map((p) => [p.split, p.position, p.question, p.answer])).toEqual([
      ["train", 0, "1+1", "2"],
      ["train", 1, "2+2", "4"],
      ["test", 0, "3+3", "6"],
    ]);
  });

  test("one bad row refuses the file and nothing is written", async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `{"q":"p${i}","a":"${i === 37 ? "" : i}","s":"train"}`);
    const result = await importDataset(projectId, {
      name: "broken",
      format: "jsonl",
      content: rows.join("\n"),
      mapping,
    });
    expect(result).toMatchObject({ ok: false, rowErrors: [{ row: 38, message: "the answer is empty" }] });
    expect(await db.prisma.dataset.count({ where: { name: "broken" } })).toBe(0);
  });

  test("a failure inside the transaction rolls the dataset back (duplicate name)", async () => {
    const before = await db.prisma.problem.count();
    const result = await importDataset(projectId, {
      name: "tiny",
      format: "csv",
      content: "q,a\nx,y\n",
      mapping: { ...mapping, split: "" },
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: { name: ["already taken in this project"] } });
    expect(await db.prisma.problem.count()).toBe(before);
    expect(await db.prisma.dataset.count()).toBe(1);
  });
});
