import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  extractJsonBody,
  fixJsonBackslashes,
  getOperationsFromJson,
  removeJsonComments,
} from "./json-repair";

describe("fixJsonBackslashes", () => {
  test("protects LaTeX and turns valid escapes into literal text, like the reference", () => {
    expect(fixJsonBackslashes(String.raw`"\frac{1}{2}"`)).toBe(String.raw`"\\frac{1}{2}"`);
    expect(JSON.parse(fixJsonBackslashes(String.raw`"a\nb"`))).toBe(String.raw`a\nb`);
    expect(fixJsonBackslashes(String.raw`"\\ and \""`)).toBe(String.raw`"\\ and \""`);
  });

  test("is idempotent", () => {
    fc.assert(
      fc.property(fc.string(), (s) => fixJsonBackslashes(fixJsonBackslashes(s)) === fixJsonBackslashes(s)),
    );
  });
});

describe("removeJsonComments", () => {
  test("drops # comments outside strings only", () => {
    expect(removeJsonComments('{"a": "x # y"}  # note\n')).toBe('{"a": "x # y"}  \n');
    expect(removeJsonComments('["a\\"#b"] # c')).toBe('["a\\"#b"] ');
  });

  test("leaves text without # unchanged", () => {
    fc.assert(
      fc.property(fc.string(), (s) => removeJsonComments(s.replaceAll("#", "")) === s.replaceAll("#", "")),
    );
  });
});

describe("getOperationsFromJson", () => {
  test("reads the last ```json block and falls back to []", () => {
    expect(getOperationsFromJson('```json\n[1]\n``` then ```json\n[{"operation": "add"}]\n```')).toEqual([
      { operation: "add" },
    ]);
    expect(getOperationsFromJson("```\n[1]\n```")).toEqual([]);
    expect(getOperationsFromJson("```JSON\n[1]\n```")).toEqual([]);
    expect(getOperationsFromJson('```json\n[{"a": 1,},]\n```')).toEqual([]);
    expect(getOperationsFromJson("")).toEqual([]);
    expect(getOperationsFromJson("```json\n[1] # one\n```")).toEqual([1]);
  });

  test("returns whatever JSON value came back, including Python-only literals", () => {
    expect(getOperationsFromJson('```json\n{"operation": "add"}\n```')).toEqual({ operation: "add" });
    expect(getOperationsFromJson("```json\n5\n```")).toBe(5);
    expect(getOperationsFromJson("```json\nnull\n```")).toBeNull();
    expect(getOperationsFromJson("```json\n[NaN, -Infinity]\n```")).toEqual([NaN, -Infinity]);
  });

  test("survives pathological nesting", () => {
    expect(getOperationsFromJson("[".repeat(100_000))).toEqual([]);
    expect(getOperationsFromJson(`${"[".repeat(5000)}${"]".repeat(5000)}`)).toEqual([]);
  });

  test("extractJsonBody cuts at the next fence", () => {
    expect(extractJsonBody("a ```json\nX\n``` b")).toBe("\nX\n");
    expect(extractJsonBody("no fence")).toBe("no fence");
  });

  const jsonish = fc.string({
    unit: fc.constantFrom(
      "[",
      "]",
      "{",
      "}",
      '"',
      "\\",
      ",",
      ":",
      "#",
      "\n",
      " ",
      "1",
      "a",
      "```json",
      "```",
      "n",
    ),
    maxLength: 60,
  });

  test("never throws", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => void getOperationsFromJson(s)));
    fc.assert(fc.property(jsonish, (s) => void getOperationsFromJson(s)));
  });

  const safeText = fc.string({ unit: fc.constantFrom("a", "b", " ", "é", "中", "#", "'", "{", "}") });
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      safeText,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("node"), { maxLength: 4 }),
      fc.dictionary(
        safeText.map((k) => `k${k}`),
        tie("node"),
        { maxKeys: 4 },
      ),
    ),
  })).node;

  test("round-trips fenced JSON without backslashes", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(getOperationsFromJson("Reasoning.\n```json\n" + JSON.stringify(v, null, 2) + "\n```")).toEqual(
          v,
        );
      }),
    );
  });
});
