import { describe, expect, test } from "vitest";
import { parseLineageUrl, serialiseLineageUrl } from "./url-state";

const run = { lastStep: 12, hasProgram: (id: number) => id <= 20 };
const parse = (q: string) => parseLineageUrl(new URLSearchParams(q), run);

describe("lineage URL state", () => {
  test("reads program, step and viewport", () => {
    expect(parse("program=7&step=3&x=120&y=-40&zoom=0.75")).toEqual({
      program: 7,
      step: 3,
      viewport: { x: 120, y: -40, zoom: 0.75 },
    });
  });

  test("absent keys are the default view", () => {
    expect(parse("")).toEqual({ program: null, step: null, viewport: null });
  });

  test("each bad value is dropped on its own", () => {
    expect(parse("program=abc&step=3")).toEqual({ program: null, step: 3, viewport: null });
    expect(parse("program=99&step=13")).toEqual({ program: null, step: null, viewport: null });
    expect(parse("program=-1&step=-2")).toEqual({ program: null, step: null, viewport: null });
    expect(parse("program=2.5&step=-1")).toEqual({ program: null, step: -1, viewport: null });
    // A viewport needs all three parts, and a sane zoom.
    expect(parse("x=1&y=2").viewport).toBeNull();
    expect(parse("x=1&y=2&zoom=0").viewport).toBeNull();
    expect(parse("x=1&y=2&zoom=Infinity").viewport).toBeNull();
    expect(parse("x=&y=2&zoom=1").viewport).toBeNull();
  });

  test("writes rounded values, omits defaults and keeps other params", () => {
    const out = serialiseLineageUrl(
      new URLSearchParams("tab=a&program=3&zoom=9"),
      { program: 5, step: 4, viewport: { x: 10.6, y: -3.2, zoom: 0.8349 } },
      12,
    );
    expect(out.toString()).toBe("tab=a&program=5&step=4&x=11&y=-3&zoom=0.83");
    const cleared = serialiseLineageUrl(
      new URLSearchParams("program=3&step=4&x=1&y=1&zoom=1"),
      { program: null, step: 12, viewport: null },
      12,
    );
    expect(cleared.toString()).toBe("");
  });

  test("round trip", () => {
    const state = { program: 0, step: -1, viewport: { x: 5, y: 6, zoom: 1.2 } };
    expect(parseLineageUrl(serialiseLineageUrl(new URLSearchParams(), state, 12), run)).toEqual(state);
  });
});
