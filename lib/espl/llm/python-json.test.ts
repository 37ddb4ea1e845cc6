import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { JsonDecodeError, parsePythonJson } from "./python-json";

function tryParse(parse: (s: string) => unknown, s: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parse(s) };
  } catch {
    return { ok: false };
  }
}

describe("parsePythonJson", () => {
  test("agrees with JSON.parse on valid JSON", () => {
    fc.assert(
      fc.property(fc.json(), (s) => {
        expect(parsePythonJson(s)).toEqual(JSON.parse(s));
      }),
    );
  });

  const tokens = fc.string({
    unit: fc.constantFrom(
      "[",
      "]",
      "{",
      "}",
      '"a"',
      '"\\u00e9"',
      '"\\x"',
      ",",
      ":",
      "1",
      "-0",
      "1.5e3",
      "01",
      "1.",
      "NaN",
      "-Infinity",
      "true",
      "null",
      " ",
      "\n",
      "\u00a0",
      '"\u0001"',
      "\ufeff",
    ),
    maxLength: 12,
  });

  test("accepts and rejects what JSON.parse does, except Python's NaN/Infinity", () => {
    fc.assert(
      fc.property(tokens, (s) => {
        const ours = tryParse(parsePythonJson, s);
        const js = tryParse(JSON.parse, s);
        if (js.ok) expect(ours).toEqual(js);
        else if (ours.ok) expect(s).toMatch(/NaN|Infinity/);
      }),
    );
  });

  test("reads Python's non-standard literals and keeps odd keys as plain keys", () => {
    expect(parsePythonJson("[NaN, Infinity, -Infinity]")).toEqual([NaN, Infinity, -Infinity]);
    const obj = parsePythonJson('{"__proto__": 1, "a": 2, "a": 3}') as Record<string, unknown>;
    expect(Object.keys(obj)).toEqual(["__proto__", "a"]);
    expect(obj.a).toBe(3);
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
  });

  test.each(["", "[1,]", '{"a":1,}', "[1] x", '"\n"', "nan", "'a'", "[1", '"\\ud83d'])("rejects %j", (s) => {
    expect(() => parsePythonJson(s)).toThrow(JsonDecodeError);
  });
});
