import { describe, expect, test } from "vitest";
import { centreOf, decideFit, fitAll, FIT_MAX_ZOOM, MIN_NODE_PX, type Box } from "./fit-view";

const grid = (lanes: number, layers: number, size = 20): Box[] =>
  Array.from({ length: lanes * layers }, (_, i) => ({
    x: (i % lanes) * 56,
    y: Math.floor(i / lanes) * 64,
    size,
  }));

describe("the opening view", () => {
  test("a small graph is fitted whole, no larger than the fit's maximum zoom", () => {
    const shown = grid(3, 4);
    const d = decideFit(shown, [shown[0]!], shown[0]!, 1000, 600);
    expect(d.mode).toBe("all");
    expect(d.viewport.zoom).toBe(FIT_MAX_ZOOM);
    // Centred: the graph's centre (56, 96) sits at the screen's centre.
    const c = centreOf(d.viewport, 1000, 600);
    expect(c.x).toBeCloseTo(56);
    expect(c.y).toBeCloseTo(96);
  });

  test("a graph that fits only with specks fits the focus region at a readable zoom", () => {
    const shown = grid(100, 40);
    const focus = [shown[0]!, shown[101]!, shown[202]!];
    const d = decideFit(shown, focus, shown[202]!, 1000, 600);
    expect(d.mode).toBe("focus");
    expect(d.viewport.zoom * 20).toBeGreaterThanOrEqual(MIN_NODE_PX);
    // The region (0..112, 0..128 plus node radius) is centred.
    const c = centreOf(d.viewport, 1000, 600);
    expect(c.x).toBeCloseTo(56);
    expect(c.y).toBeCloseTo(64);
  });

  test("a focus region too large to read whole is centred on the best program", () => {
    const shown = grid(100, 40);
    const focus = [shown[0]!, shown[3999]!];
    const d = decideFit(shown, focus, shown[3999]!, 1000, 600);
    expect(d.mode).toBe("focus");
    expect(d.viewport.zoom).toBeCloseTo(MIN_NODE_PX / 20);
    const c = centreOf(d.viewport, 1000, 600);
    expect(c.x).toBeCloseTo(shown[3999]!.x);
    expect(c.y).toBeCloseTo(shown[3999]!.y);
  });

  test("the threshold is the smallest node: big nodes allow a smaller zoom", () => {
    // 12 layers of 64 in 600 px: zoom ≈ 0.69; 40-unit nodes are 27 px there, 20-unit ones 14 px.
    expect(decideFit(grid(2, 12, 40), [], null, 1000, 600).mode).toBe("all");
    expect(decideFit(grid(2, 12, 20), [], null, 1000, 600).mode).toBe("focus");
  });

  test("nothing drawn: the identity viewport; show all fits everything", () => {
    expect(decideFit([], [], null, 800, 600)).toEqual({ mode: "all", viewport: { x: 0, y: 0, zoom: 1 } });
    const v = fitAll(grid(100, 40), 1000, 600);
    expect(v.zoom).toBeLessThan(0.25);
  });
});
