import { describe, expect, test } from "vitest";
import { DEFAULT_COLUMNS } from "./list-columns";
import { groupSearchParams, parseRunListQuery, writeRunListQuery } from "./list-query";

const VIEW_DEFAULTS = { cols: [...DEFAULT_COLUMNS], where: [], starred: false, archived: false };

describe("run list query string", () => {
  test("defaults when empty", () => {
    expect(parseRunListQuery({})).toEqual({
      sort: "createdAt",
      dir: "desc",
      page: 1,
      size: 25,
      ...VIEW_DEFAULTS,
    });
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
      ...VIEW_DEFAULTS,
    });
    const bad = parseRunListQuery({
      status: "exploded",
      sort: "x",
      page: "-2",
      size: "7",
      mode: ["rl", "evolution"],
    });
    expect(bad).toEqual({ mode: "rl", sort: "createdAt", dir: "desc", page: 1, size: 25, ...VIEW_DEFAULTS });
  });

  test("writes only non-defaults and round-trips", () => {
    const q = parseRunListQuery({ status: "failed", sort: "bestTestPass1", page: "2" });
    const text = writeRunListQuery(q);
    expect(text).toBe("?status=failed&sort=bestTestPass1&page=2");
    expect(parseRunListQuery(Object.fromEntries(new URLSearchParams(text)))).toEqual(q);
    expect(writeRunListQuery(q, { page: 1, status: undefined })).toBe("?sort=bestTestPass1");
  });
});

describe("the view in the URL: columns, column filters, grouping, star and archive switches", () => {
  test("defaults: today's columns, no filters, no groups, archived hidden", () => {
    const q = parseRunListQuery({});
    expect(q.cols).toEqual([...DEFAULT_COLUMNS]);
    expect(q.where).toEqual([]);
    expect(q.group).toBeUndefined();
    expect(q.starred).toBe(false);
    expect(q.archived).toBe(false);
    expect(writeRunListQuery(q)).toBe("");
  });

  test("round-trips a whole view through the query string", () => {
    const q = parseRunListQuery({
      cols: "status,config:crossover_prob,final:testing/Pass@1",
      where: ["config:program_selection_strategy|eq|lucb", "final:testing/Pass@1|gte|0.4"],
      sort: "final:testing/Pass@1",
      dir: "asc",
      group: "config:crossover_prob",
      starred: "1",
      archived: "1",
    });
    expect(q.cols).toEqual(["status", "config:crossover_prob", "final:testing/Pass@1"]);
    expect(q.where).toEqual([
      { column: "config:program_selection_strategy", op: "eq", value: "lucb", json: "lucb" },
      { column: "final:testing/Pass@1", op: "gte", value: "0.4", json: 0.4 },
    ]);
    const text = writeRunListQuery(q);
    expect(parseRunListQuery(groupSearchParams(new URLSearchParams(text)))).toEqual(q);
  });

  test("drops unknown columns, bad filters and ungroupable keys instead of failing", () => {
    const q = parseRunListQuery({
      cols: ["status,nonsense", "config:no_such_key", "final:bad key!", "config:lora_rank"],
      where: [
        "config:lora_rank|gt|big",
        "final:testing/Pass@1|eq|yes",
        "name|eq|x",
        "config:lora_rank|zz|1",
        "config:train_mode|ne|rl",
      ],
      group: "status",
      sort: "config:nope",
      starred: "yes",
    });
    expect(q.cols).toEqual(["status", "config:lora_rank"]);
    expect(q.where.map((f) => `${f.column} ${f.op} ${String(f.json)}`)).toEqual(["config:train_mode ne rl"]);
    expect(q.group).toBeUndefined();
    expect(q.sort).toBe("createdAt");
    expect(q.starred).toBe(false);
  });

  test("equality parses numbers and booleans as JSON values; an empty column list stays empty", () => {
    const q = parseRunListQuery({
      where: ["config:crossover_prob|eq|.50", "config:base_url|eq|false"],
      cols: "",
    });
    expect(q.where.map((f) => f.json)).toEqual([0.5, false]);
    expect(q.cols).toEqual([]);
    expect(writeRunListQuery(q)).toContain("cols=&");
  });

  test("a sort by a config key or a final metric survives; by experiment (a joined name) it does not", () => {
    expect(parseRunListQuery({ sort: "config:lora_rank" }).sort).toBe("config:lora_rank");
    expect(parseRunListQuery({ sort: "final:testing/Pass@4" }).sort).toBe("final:testing/Pass@4");
    expect(parseRunListQuery({ sort: "experiment" }).sort).toBe("createdAt");
  });
});
