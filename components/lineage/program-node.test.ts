import { Position } from "@xyflow/react";
import { describe, expect, test } from "vitest";
import { placeHandles } from "./program-node";

describe("a program node's handles", () => {
  test("the target sits centred on the top edge, the source on the bottom edge, as React Flow's CSS puts them", () => {
    const [target, source] = placeHandles(20);
    // React Flow draws an edge from the middle of the handle's top (target) or bottom (source) side.
    expect(target).toMatchObject({
      type: "target",
      position: Position.Top,
      x: 7,
      y: -3,
      width: 6,
      height: 6,
    });
    expect(source).toMatchObject({
      type: "source",
      position: Position.Bottom,
      x: 7,
      y: 17,
      width: 6,
      height: 6,
    });
  });

  test("they follow the node's size", () => {
    const [target, source] = placeHandles(44);
    // Centred at x 22 (19 + 6 / 2); the source's middle on the bottom edge (41 + 6 / 2 = 44).
    expect(target).toMatchObject({ x: 19, y: -3 });
    expect(source).toMatchObject({ x: 19, y: 41 });
  });
});
