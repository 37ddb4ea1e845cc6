import { describe, expect, test } from "vitest";
import { parseRunListQuery, writeRunListQuery } from "./list-query";

describe("run list query string", () => {
  test("defaults when empty", () => {
    expect(parseRunListQuery({})).toEqual({ sort: "createdAt", dir: "desc", page: 1, size: 25 });
  });

  test("parses filters, sort and page; malformed values fall back to defaults", () => {
    const q = parseRunListQuery({
      q: " lucb ",
      status: "running",
      mode: "rl",
      tag: "a",
      sort: "name",
      dir: "asc",
      page: "3",
      size: "50",
    });
    expect(q).toEqual({
      q: "lucb",
      status: "running",
      mode: "rl",
      tag: "a",
      sort: "name",
      dir: "asc",
      page: 3,
      size: 50,
    });
    const bad = parseRunListQuery({
      status: "exploded",
      sort: "x",
      page: "-2",
      size: "7",
      mode: ["rl", "evolution"],
    });
    expect(bad).toEqual({ mode: "rl", sort: "createdAt", dir: "desc", page: 1, size: 25 });
  });

  test("writes only non-defaults and round-trips", () => {
    const q = parseRunListQuery({ status: "failed", sort: "bestTestPass1", page: "2" });
    const text = writeRunListQuery(q);
    expect(text).toBe("?status=failed&sort=bestTestPass1&page=2");
    expect(parseRunListQuery(Object.fromEntries(new URLSearchParams(text)))).toEqual(q);
    expect(writeRunListQuery(q, { page: 1, status: undefined })).toBe("?sort=bestTestPass1");
  });
});
