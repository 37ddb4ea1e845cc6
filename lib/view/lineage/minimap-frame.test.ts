import { describe, expect, test } from "vitest";
import { frameMinimap, viewportRect } from "./minimap-frame";

const SIZE = { width: 200, height: 150 };
const toPx = (f: ReturnType<typeof frameMinimap>, x: number, y: number) => ({
  x: x * f.scale + f.offsetX,
  y: y * f.scale + f.offsetY,
});

describe("the minimap frame", () => {
  test("the viewport rectangle is the graph area the pane shows", () => {
    expect(viewportRect({ x: -100, y: 50, zoom: 2 }, 800, 600)).toEqual({
      x: 50,
      y: -25,
      width: 400,
      height: 300,
    });
  });

  test("every program and the viewport fall inside the minimap, with a margin", () => {
    const drawn = [
      { x: 0, y: 0, size: 20 },
      { x: 1000, y: 3000, size: 44 },
    ];
    const seen = { x: -500, y: 100, width: 400, height: 300 };
    const f = frameMinimap(drawn, seen, SIZE);
    for (const [x, y] of [
      [-10, -10],
      [1022, 3022],
      [-500, 100],
      [-100, 400],
    ] as const) {
      const p = toPx(f, x, y);
      expect(p.x).toBeGreaterThanOrEqual(1);
      expect(p.x).toBeLessThanOrEqual(SIZE.width - 1);
      expect(p.y).toBeGreaterThanOrEqual(1);
      expect(p.y).toBeLessThanOrEqual(SIZE.height - 1);
    }
  });

  test("a tall graph is centred across and fills the height less the margins", () => {
    const f = frameMinimap(
      [
        { x: 0, y: 0, size: 10 },
        { x: 0, y: 1000, size: 10 },
      ],
      { x: -5, y: 0, width: 10, height: 10 },
      SIZE,
    );
    const top = toPx(f, 0, -5);
    const bottom = toPx(f, 0, 1005);
    expect(top.x).toBeCloseTo(SIZE.width / 2);
    // The margins take about 5 px at each end.
    expect(bottom.y - top.y).toBeGreaterThan(SIZE.height - 12);
    expect(bottom.y - top.y).toBeLessThan(SIZE.height - 8);
  });

  test("with no programs drawn it frames the viewport alone", () => {
    const f = frameMinimap([], { x: 0, y: 0, width: 400, height: 300 }, SIZE);
    expect(toPx(f, 200, 150).x).toBeCloseTo(100);
    expect(toPx(f, 200, 150).y).toBeCloseTo(75);
  });
});
