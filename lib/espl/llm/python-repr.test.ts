import { describe, expect, test } from "vitest";
import { PyDict } from "./python-dict";
import { pyEntriesToJsonObject, pyRepr, pyStr, reprFloat } from "./python-repr";

// Expected strings were produced by CPython 3.11's repr().
describe("pyRepr", () => {
  test("string quoting and escapes", () => {
    expect(pyRepr("plain")).toBe("'plain'");
    expect(pyRepr("it's")).toBe(`"it's"`);
    expect(pyRepr(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(pyRepr('say "hi"')).toBe(`'say "hi"'`);
    expect(pyRepr("a\\b\n\t\r")).toBe("'a\\\\b\\n\\t\\r'");
    expect(pyRepr("\x00\x1f\x7f\x85\xa0")).toBe("'\\x00\\x1f\\x7f\\x85\\xa0'");
    expect(pyRepr("\u200b\u2028\u3000é中😀")).toBe("'\\u200b\\u2028\\u3000é中😀'");
    expect(pyRepr("\ud800")).toBe("'\\ud800'");
    expect(pyRepr("\u{e0001}")).toBe("'\\U000e0001'");
  });

  test("containers, None, booleans, numbers", () => {
    expect(pyRepr([{ role: "user", content: "x" }, null, true, false, 3, 2.5])).toBe(
      "[{'role': 'user', 'content': 'x'}, None, True, False, 3, 2.5]",
    );
    expect(pyRepr({})).toBe("{}");
    expect(pyRepr([])).toBe("[]");
    expect(
      pyRepr(
        PyDict.fromEntries([
          ["G0", "a"],
          [3, null],
          [true, [1]],
        ]),
      ),
    ).toBe("{'G0': 'a', 3: None, True: [1]}");
    expect(pyStr("text")).toBe("text");
    expect(pyStr(268)).toBe("268");
  });

  test.each([
    [0.1, "0.1"],
    [1e16, "1e+16"],
    [1.5e16, "1.5e+16"],
    [123456789012345.6, "123456789012345.6"],
    [1e-5, "1e-05"],
    [0.0001, "0.0001"],
    [0.00012345, "0.00012345"],
    [-2.5, "-2.5"],
    [5e-324, "5e-324"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [-0, "-0.0"],
    [NaN, "nan"],
    [-Infinity, "-inf"],
  ])("float repr of %d", (x, expected) => {
    expect(reprFloat(x)).toBe(expected);
  });
});

describe("pyEntriesToJsonObject", () => {
  test("writes keys the way json.dumps does", () => {
    const obj = pyEntriesToJsonObject([
      ["G0", "a"],
      [3, "b"],
      [true, "c"],
      [null, "d"],
      [1.5, "e"],
    ]);
    expect(obj).toEqual({ G0: "a", "3": "b", true: "c", null: "d", "1.5": "e" });
  });
});
