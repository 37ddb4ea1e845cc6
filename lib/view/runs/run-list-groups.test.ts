import { describe, expect, test } from "vitest";
import { formatListValue, groupId, interleaveGroups, labelGroup } from "./run-list-groups";

const row = (id: string, groupKey: string | null) => ({ id, groupKey });

describe("interleaveGroups", () => {
  const groups = [
    { key: "0.5", label: "0.5", count: 3, means: { best: 0.4 } },
    { key: null, label: null, count: 1, means: { best: null } },
  ];
  const rows = [row("a", "0.5"), row("b", "0.5"), row("c", null)];

  test("puts a header before each group's first row, with the server's count and means", () => {
    const items = interleaveGroups(rows, groups, new Set());
    expect(items.map((i) => (i.kind === "group" ? `[${i.group.count}]` : i.id))).toEqual([
      "[3]",
      "a",
      "b",
      "[1]",
      "c",
    ]);
    expect(items[0]).toMatchObject({ kind: "group", group: { means: { best: 0.4 } }, collapsed: false });
  });

  test("a collapsed group keeps its header and hides its rows", () => {
    const items = interleaveGroups(rows, groups, new Set([groupId("0.5")]));
    expect(items.map((i) => (i.kind === "group" ? `[${i.group.key}:${i.collapsed}]` : i.id))).toEqual([
      "[0.5:true]",
      "[null:false]",
      "c",
    ]);
  });

  test("a group missing from the summary counts this page's rows", () => {
    const items = interleaveGroups([row("x", "7"), row("y", "7")], [], new Set());
    expect(items[0]).toMatchObject({ kind: "group", group: { key: "7", count: 2, means: {} } });
  });

  test("the no-key group's id differs from any key's", () => {
    expect(groupId(null)).not.toBe(groupId(""));
    expect(groupId("")).not.toBe(groupId("none"));
  });
});

describe("labels and values", () => {
  test("group labels name the key, or say there is none", () => {
    expect(labelGroup("config:crossover_prob", { key: "0.5", label: "0.5" })).toBe("crossover_prob = 0.5");
    expect(labelGroup("config:crossover_prob", { key: null, label: null })).toBe("crossover_prob not set");
    expect(labelGroup("experiment", { key: "id", label: "sweep A" })).toBe("sweep A");
    expect(labelGroup("experiment", { key: null, label: null })).toBe("No experiment");
  });

  test("missing values show as a dash, never 0", () => {
    expect(formatListValue("final:testing/Pass@1", null)).toBe("—");
    expect(formatListValue("config:lora_rank", undefined)).toBe("—");
    expect(formatListValue("final:testing/Pass@1", 0)).toBe("0");
    expect(formatListValue("final:testing/Pass@1", 0.41666)).toBe("0.417");
    expect(formatListValue("best", 0.5)).toBe("50.0%");
    expect(formatListValue("conservative", 1.234)).toBe("1.23");
    expect(formatListValue("config:learning_rate", 0.00004)).toBe("0.00004");
    expect(formatListValue("config:program_selection_strategy", "lucb")).toBe("lucb");
    expect(formatListValue("config:base_url", false)).toBe("false");
  });
});
