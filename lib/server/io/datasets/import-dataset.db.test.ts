import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
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
    expect(result).toMatchObject({
      ok: false,
      rowErrors: [{ line: 38, field: "a", message: 'the answer (column "a") is empty' }],
    });
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

  test("a NUL byte in a field is a row error, not a database error, and nothing is written", async () => {
    const content = ['{"q":"1+1","a":"2"}', '{"q":"2+2","a":"4\\u0000"}'].join("\n");
    const result = await importDataset(projectId, { name: "nul", format: "jsonl", content, mapping });
    expect(result).toEqual({
      ok: false,
      message: "Some rows are invalid; nothing was imported.",
      rowErrors: [
        {
          line: 2,
          field: "a",
          message: 'the answer (column "a") contains a control character (U+0000 at character 2); remove it',
        },
      ],
      fieldErrors: {},
    });
    expect(await db.prisma.dataset.count({ where: { name: "nul" } })).toBe(0);
  });

  test("a CSV's bad rows are reported by file line and column, never with the parser's own text", async () => {
    const content = 'q,a,s\n"two\nlines",1,train\n,2,train\n3,,test\n4,4,dev\n5,"6\n';
    const result = await importDataset(projectId, {
      name: "bad csv",
      format: "csv",
      content,
      mapping,
    });
    expect(result).toMatchObject({ ok: false, message: "The file could not be read." });
    expect(!result.ok && result.rowErrors).toEqual([
      {
        line: 7,
        field: null,
        message:
          'a quoted cell that starts on this line is never closed: add the closing " (or double a " inside a cell)',
      },
    ]);
    const fixed = await importDataset(projectId, {
      name: "bad csv",
      format: "csv",
      content: content.replace('5,"6\n', "5,6,test\n"),
      mapping,
    });
    expect(!fixed.ok && fixed.rowErrors).toEqual([
      { line: 4, field: "q", message: 'the problem (column "q") is empty' },
      { line: 5, field: "a", message: 'the answer (column "a") is empty' },
      {
        line: 6,
        field: "s",
        message: 'the split (column "s") is "dev": use "train" or "test" (or "validation")',
      },
    ]);
    expect(await db.prisma.dataset.count({ where: { name: "bad csv" } })).toBe(0);
  });
});
