import { describe, expect, test } from "vitest";
import { mapProblems } from "./map-problems";
import { guessFormat, parseRows } from "./parse-rows";

describe("parseRows", () => {
  test("JSONL: one object a line, blank lines skipped, numbers become text", () => {
    const result = parseRows('{"q":"1+1","a":2}\n\n{"q":"2+2","a":"4"}\n', "jsonl");
    expect(result).toEqual({
      ok: true,
      columns: ["q", "a"],
      rows: [
        { q: "1+1", a: "2" },
        { q: "2+2", a: "4" },
      ],
    });
  });

  test("JSONL: bad lines are reported by line number", () => {
    const result = parseRows('{"q":"a","a":"b"}\n{oops\n[1,2]\n', "jsonl");
    expect(result).toEqual({ ok: false, errors: [{ row: 2, message: "not valid JSON" }] });
    const nested = parseRows('{"q":"a"}\n{"q":{"x":1}}\n', "jsonl");
    expect(nested.ok === false && nested.errors.map((e) => e.row)).toEqual([2]);
  });

  test("CSV with quoted commas, quotes and newlines", () => {
    const csv = 'problem,answer\n"Compute 1,000 + 1","1001"\n"He said ""hi""\nthen left",x\n';
    const result = parseRows(csv, "csv");
    expect(result).toEqual({
      ok: true,
      columns: ["problem", "answer"],
      rows: [
        { problem: "Compute 1,000 + 1", answer: "1001" },
        { problem: 'He said "hi"\nthen left', answer: "x" },
      ],
    });
  });

  test("CSV with a row of the wrong width is refused with its row", () => {
    const result = parseRows("a,b\n1,2\n3,4,5\n", "csv");
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.errors[0]!.row).toBe(2);
  });

  test("JSON: an array of objects; anything else is refused", () => {
    expect(parseRows('[{"q":"x","a":"y"}]', "json")).toEqual({
      ok: true,
      columns: ["q", "a"],
      rows: [{ q: "x", a: "y" }],
    });
    expect(parseRows('{"q":"x"}', "json")).toEqual({
      ok: false,
      errors: [{ row: 0, message: "expected a JSON array of rows" }],
    });
    expect(parseRows("[]", "json")).toEqual({
      ok: false,
      errors: [{ row: 0, message: "the file has no rows" }],
    });
  });

  test("guesses the format from the file name", () => {
    expect([guessFormat("a.CSV"), guessFormat("b.json"), guessFormat("c.jsonl")]).toEqual([
      "csv",
      "json",
      "jsonl",
    ]);
  });
});

describe("mapProblems", () => {
  const rows = [
    { p: "What is 2+2?", a: "4", s: "train" },
    { p: "What is 3+3?", a: "6", s: "TEST" },
    { p: "What is 1+1?", a: "2", s: "" },
  ];

  test("maps columns and numbers positions per split", () => {
    expect(mapProblems(rows, { question: "p", answer: "a", split: "s" })).toEqual({
      ok: true,
      problems: [
        { split: "train", position: 0, question: "What is 2+2?", answer: "4" },
        { split: "test", position: 0, question: "What is 3+3?", answer: "6" },
        { split: "train", position: 1, question: "What is 1+1?", answer: "2" },
      ],
    });
    const noSplit = mapProblems(rows, { question: "p", answer: "a", split: "" });
    expect(noSplit.ok && noSplit.problems.every((p) => p.split === "train")).toBe(true);
  });

  test("every bad row is reported with its number and reason", () => {
    const bad = [
      { p: "ok", a: "1", s: "train" },
      { p: " ", a: "1", s: "train" },
      { p: "x", a: "", s: "dev" },
    ];
    expect(mapProblems(bad, { question: "p", answer: "a", split: "s" })).toEqual({
      ok: false,
      errors: [
        { row: 2, message: "the problem is empty" },
        { row: 3, message: 'the answer is empty; the split must be "train" or "test"' },
      ],
    });
  });
});
