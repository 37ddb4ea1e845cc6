import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ProblemList } from "./problems";
import { readAllJsonl, readJsonFile, readTextFile } from "./read-files";
import { readPoolFile } from "./read-pool";
import { checkpointLineSchema, principlesFileSchema } from "./schemas";

const dir = mkdtempSync(join(tmpdir(), "espl-readers-"));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("readJsonlFile", () => {
  test("keeps good lines and records each bad one with its line number", async () => {
    const path = write(
      "c.jsonl",
      [
        '{"name":"000000","step":0}',
        '{"name":"0000',
        "",
        '{"name":"x","step":-1}',
        '{"name":"final","step":3}',
      ].join("\n"),
    );
    const problems = new ProblemList(dir);
    const lines = await readAllJsonl(path, checkpointLineSchema, problems);
    expect(lines.map((l) => l.name)).toEqual(["000000", "final"]);
    expect(problems.items).toEqual([
      { file: "c.jsonl", reason: expect.stringMatching(/^line 2: not valid JSON/) },
      { file: "c.jsonl", reason: expect.stringMatching(/^line 4: step/) },
    ]);
  });

  test("a missing file is a problem unless optional", async () => {
    const problems = new ProblemList(dir);
    expect(
      await readAllJsonl(join(dir, "none.jsonl"), checkpointLineSchema, problems, { optional: true }),
    ).toEqual([]);
    expect(problems.items).toEqual([]);
    await readAllJsonl(join(dir, "none.jsonl"), checkpointLineSchema, problems);
    expect(problems.items).toEqual([{ file: "none.jsonl", reason: "file is missing" }]);
  });
});

describe("readJsonFile", () => {
  test("bad JSON and unexpected content are recorded and give null", async () => {
    const problems = new ProblemList(dir);
    expect(await readJsonFile(write("bad.json", "{"), principlesFileSchema, problems)).toBeNull();
    expect(await readJsonFile(write("wrong.json", '{"G0": 3}'), principlesFileSchema, problems)).toBeNull();
    expect(await readJsonFile(write("ok.json", '{"G0": "a"}'), principlesFileSchema, problems)).toEqual({
      G0: "a",
    });
    expect(problems.items.map((p) => [p.file, p.reason.split(":")[0]])).toEqual([
      ["bad.json", "not valid JSON"],
      ["wrong.json", "unexpected content"],
    ]);
  });
});

describe("readPoolFile", () => {
  const entry = (id: number, extra: Record<string, unknown> = {}) => ({
    principles: {},
    program_id: id,
    timestep: id - 1,
    self_modified_from: id - 1,
    rating: { mu: 25, sigma: 8 },
    ...extra,
  });

  test("an entry with unknown keys is kept and reported; an invalid entry is skipped and reported", async () => {
    const path = write(
      "pool.json",
      JSON.stringify({
        max_pool_size: 4,
        max_program_id: 2,
        evolution_pool: [entry(0, { extra: 1 }), { program_id: "x" }, entry(2)],
      }),
    );
    const problems = new ProblemList(dir);
    const pool = await readPoolFile(path, problems);
    expect(pool?.map((p) => p.program_id)).toEqual([0, 2]);
    expect(problems.items).toEqual([
      { file: "pool.json", reason: "pool entry 0 (program 0): unknown keys ignored: extra" },
      { file: "pool.json", reason: expect.stringMatching(/^pool entry 1: .*entry skipped$/) },
    ]);
  });
});

describe("control characters in imported text", () => {
  test("NUL escapes in JSON and JSONL and raw control bytes in text are removed and reported", async () => {
    const problems = new ProblemList(dir);
    const jsonl = write("nul.jsonl", '{"name":"a\\u0000b","step":0}\n{"name":"clean","step":1}\n');
    expect((await readAllJsonl(jsonl, checkpointLineSchema, problems)).map((l) => l.name)).toEqual([
      "ab",
      "clean",
    ]);
    const json = write("nul.json", '{"G0\\u0000":"keep\\u0000 it\\u0007","G1":"tab\\tstays"}');
    expect(await readJsonFile(json, principlesFileSchema, problems)).toEqual({
      G0: "keep it",
      G1: "tab\tstays",
    });
    expect(await readTextFile(write("nul.txt", "reply\u0000 text\n"), problems)).toBe("reply text\n");
    expect(problems.items).toEqual([
      {
        file: "nul.jsonl",
        reason: "1 control character (e.g. NUL) removed from 1 line; PostgreSQL cannot store them",
      },
      { file: "nul.json", reason: "3 control characters (e.g. NUL) removed; PostgreSQL cannot store them" },
      { file: "nul.txt", reason: "1 control character (e.g. NUL) removed; PostgreSQL cannot store them" },
    ]);
  });
});
