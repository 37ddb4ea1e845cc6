import { describe, expect, test } from "vitest";
import { PyDict, PyError, pyGetItem, pyInt, pyIterate, pyLen, pyStrip } from "./python-dict";

describe("PyDict", () => {
  test("keeps insertion order and the first key on reassignment", () => {
    const d = PyDict.fromEntries([
      ["3", "a"],
      ["G0", "b"],
    ]);
    d.set(1, "c");
    d.set(true, "d");
    d.set("3", "e");
    expect(d.entries()).toEqual([
      ["3", "e"],
      ["G0", "b"],
      [1, "d"],
    ]);
    expect(d.has(1.0)).toBe(true);
    expect(d.has("1")).toBe(false);
  });

  test("raises Python's exceptions", () => {
    const d = new PyDict();
    expect(() => d.delete("x")).toThrow(PyError);
    expect(() => d.has(["G0"])).toThrow("unhashable type: 'list'");
    expect(() => d.set({}, 1)).toThrow("unhashable type: 'dict'");
  });
});

describe("Python helpers", () => {
  test("pyGetItem", () => {
    expect(pyGetItem({ operation: "add" }, "operation")).toBe("add");
    expect(() => pyGetItem({}, "operation")).toThrow(expect.objectContaining({ pyType: "KeyError" }));
    for (const bad of ["str", 5, null, true, ["operation"]])
      expect(() => pyGetItem(bad, "operation")).toThrow(expect.objectContaining({ pyType: "TypeError" }));
  });

  test("pyIterate and pyLen", () => {
    expect(pyIterate("a😀")).toEqual(["a", "😀"]);
    expect(pyIterate({ a: 1, b: 2 })).toEqual(["a", "b"]);
    expect(pyLen([1, 2])).toBe(2);
    expect(() => pyLen(5)).toThrow(PyError);
    expect(() => pyIterate(null)).toThrow(PyError);
  });

  test("pyInt and pyStrip", () => {
    expect(pyInt("17")).toBe(17);
    expect(pyInt(" -1_0 ")).toBe(-10);
    expect(() => pyInt("")).toThrow(expect.objectContaining({ pyType: "ValueError" }));
    expect(() => pyInt("1a")).toThrow(PyError);
    expect(pyStrip("\x1c\x85 a b\u3000\n")).toBe("a b");
    expect(pyStrip("\ufeffa")).toBe("\ufeffa");
  });
});
