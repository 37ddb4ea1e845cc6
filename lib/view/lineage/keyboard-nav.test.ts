import { describe, expect, test } from "vitest";
import { findNeighbour, isArrowKey } from "./keyboard-nav";

// Two layers: 0 above 1 and 2; 3 to the right of 0 but far down.
const points = [
  { id: 0, x: 0, y: 0 },
  { id: 1, x: 0, y: 64 },
  { id: 2, x: 56, y: 64 },
  { id: 3, x: 56, y: 128 },
  { id: 4, x: 112, y: 0 },
];

describe("arrow keys between nodes", () => {
  test("moves along the axis to the nearest node, preferring the straight line", () => {
    expect(findNeighbour(points, 0, "ArrowDown")).toBe(1);
    expect(findNeighbour(points, 1, "ArrowUp")).toBe(0);
    expect(findNeighbour(points, 1, "ArrowRight")).toBe(2);
    expect(findNeighbour(points, 0, "ArrowRight")).toBe(4);
    expect(findNeighbour(points, 2, "ArrowLeft")).toBe(1);
  });

  test("null at the edge or for an unknown node", () => {
    expect(findNeighbour(points, 0, "ArrowUp")).toBeNull();
    expect(findNeighbour(points, 1, "ArrowLeft")).toBeNull();
    expect(findNeighbour(points, 99, "ArrowDown")).toBeNull();
  });

  test("only arrow keys navigate", () => {
    expect(isArrowKey("ArrowUp")).toBe(true);
    expect(isArrowKey("Enter")).toBe(false);
  });
});
