import { describe, expect, test } from "vitest";
import { mapProblems } from "./map-problems";
import { guessFormat, parseRows } from "./parse-rows";

describe("parseRows", () => {
  test("JSONL: one object a line, blank lines skipped, numbers become text, each row with its line", () => {
    const result = parseRows('{"q":"1+1","a":2}\n\n{"q":"2+2","a":"4"}\n', "jsonl");
    expect(result).toEqual({
      ok: true,
      columns: ["q", "a"],
      rows: [
        { q: "1+1", a: "2" },
        { q: "2+2", a: "4" },
      ],
      lines: [1, 3],
    });
  });

  test("JSONL: every bad line is reported by line number and field, in plain words", () => {
    const result = parseRows('{"q":"a","a":"b"}\n{oops\n\n{"q":"2"}\n{bad: 1}\n', "jsonl");
    const notJson = "this line is not valid JSON: check its braces, commas and quotes (one object a line)";
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 2, field: null, message: notJson },
        { line: 5, field: null, message: notJson },
      ],
    });
    expect(parseRows('{"q":"a"}\n{"q":{"x":1},"a":[1]}\n[1,2]\n', "jsonl")).toEqual({
      ok: false,
      errors: [
        {
          line: 2,
          field: "q",
          message: 'the field "q" holds a nested object: use text, a number, true/false or null',
        },
        {
          line: 2,
          field: "a",
          message: 'the field "a" holds a list: use text, a number, true/false or null',
        },
        { line: 3, field: null, message: 'this row is not an object: write it as {"column": "value", …}' },
      ],
    });
  });

  test("CSV with quoted commas, quotes and newlines; a row's line is where it starts", () => {
    const csv = 'problem,answer\n"Compute 1,000 + 1","1001"\n"He said ""hi""\nthen left",x\nlast,y\n';
    expect(parseRows(csv, "csv")).toEqual({
      ok: true,
      columns: ["problem", "answer"],
      rows: [
        { problem: "Compute 1,000 + 1", answer: "1001" },
        { problem: 'He said "hi"\nthen left', answer: "x" },
        { problem: "last", answer: "y" },
      ],
      lines: [2, 3, 5],
    });
  });

  test("CSV: rows of the wrong width and an unclosed quote are reported by line, never papaparse's words", () => {
    const result = parseRows('a,b\n1,2\n\n3,4,5\n6\n"7,8\n', "csv");
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          line: 4,
          field: null,
          message:
            "this row has 3 cells but the header has 2 columns (a cell with a comma must be in double quotes)",
        },
        {
          line: 5,
          field: null,
          message:
            "this row has 1 cells but the header has 2 columns (a cell with a comma must be in double quotes)",
        },
        {
          line: 6,
          field: null,
          message:
            'a quoted cell that starts on this line is never closed: add the closing " (or double a " inside a cell)',
        },
      ],
    });
    expect(parseRows("a,a\n1,2\n", "csv")).toEqual({
      ok: false,
      errors: [{ line: 1, field: "a", message: 'the header names the column "a" twice' }],
    });
  });

  test("CSV: semicolon and tab separated files are read too", () => {
    expect(parseRows("q;a\n1;2\n", "csv")).toMatchObject({ ok: true, rows: [{ q: "1", a: "2" }] });
    expect(parseRows("q\ta\n1\t2\n", "csv")).toMatchObject({ ok: true, rows: [{ q: "1", a: "2" }] });
  });

  test("JSON: an array of objects, each element with its line; anything else is refused in plain words", () => {
    expect(parseRows('[\n  {"q":"x","a":"y"},\n  {"q":"[,]","a":"{"}\n]', "json")).toEqual({
      ok: true,
      columns: ["q", "a"],
      rows: [
        { q: "x", a: "y" },
        { q: "[,]", a: "{" },
      ],
      lines: [2, 3],
    });
    expect(parseRows('[\n{"q":"x"},\n"text"\n]', "json")).toEqual({
      ok: false,
      errors: [
        { line: 3, field: null, message: 'this row is not an object: write it as {"column": "value", …}' },
      ],
    });
    expect(parseRows('{"q":"x"}', "json")).toEqual({
      ok: false,
      errors: [{ line: 0, field: null, message: "the file must be a JSON array of rows: [ {…}, {…} ]" }],
    });
    expect(parseRows("[]", "json")).toEqual({
      ok: false,
      errors: [{ line: 0, field: null, message: "the file has no rows" }],
    });
    const broken = parseRows('[\n{"q":"x"},\n{oops}\n]', "json");
    expect(broken).toEqual({
      ok: false,
      errors: [
        {
          line: 3,
          field: null,
          message:
            "the file is not valid JSON (reading stopped on line 3): check the brackets, commas and quotes there",
        },
      ],
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

  test("every bad field is reported with its row's line, its column and the reason", () => {
    const bad = [
      { p: "ok", a: "1", s: "train" },
      { p: " ", a: "1", s: "train" },
      { p: "x", a: "", s: "dev" },
    ];
    expect(mapProblems(bad, { question: "p", answer: "a", split: "s" })).toEqual({
      ok: false,
      errors: [
        { line: 2, field: "p", message: 'the problem (column "p") is empty' },
        { line: 3, field: "a", message: 'the answer (column "a") is empty' },
        {
          line: 3,
          field: "s",
          message: 'the split (column "s") is "dev": use "train" or "test" (or "validation")',
        },
      ],
    });
  });

  test("a control character in a mapped field is refused naming the row, the field and its column", () => {
    const rows = [
      { p: "ok", a: "1" },
      { p: "What\u0000 is 2+2?", a: "4" },
      { p: "x", a: "\u001b[31m5" },
    ];
    expect(mapProblems(rows, { question: "p", answer: "a", split: "" })).toEqual({
      ok: false,
      errors: [
        {
          line: 2,
          field: "p",
          message: 'the problem (column "p") contains a control character (U+0000 at character 5); remove it',
        },
        {
          line: 3,
          field: "a",
          message: 'the answer (column "a") contains a control character (U+001B at character 1); remove it',
        },
      ],
    });
  });
});
