import { describe, expect, test } from "vitest";
import { FRAGMENT_GAP as GAP, HIT_END as E, HIT_START as S, splitHeadline } from "./highlight-parts";

describe("splitHeadline", () => {
  test("hits become flagged parts, the rest plain text, fragments joined by an ellipsis", () => {
    expect(splitHeadline(`the ${S}runs${E} went ${S}running${E}${GAP}later ${S}run${E}.`)).toEqual([
      { text: "the ", hit: false },
      { text: "runs", hit: true },
      { text: " went ", hit: false },
      { text: "running", hit: true },
      { text: " … later ", hit: false },
      { text: "run", hit: true },
      { text: ".", hit: false },
    ]);
  });

  test("markup stays text; no text is lost; stray markers are dropped", () => {
    const parts = splitHeadline(`<script>alert(1)</script> ${S}<b>x</b>${E}${E} tail`);
    expect(parts).toEqual([
      { text: "<script>alert(1)</script> ", hit: false },
      { text: "<b>x</b>", hit: true },
      { text: " tail", hit: false },
    ]);
    expect(splitHeadline("")).toEqual([]);
    expect(splitHeadline("no hits at all")).toEqual([{ text: "no hits at all", hit: false }]);
  });
});
