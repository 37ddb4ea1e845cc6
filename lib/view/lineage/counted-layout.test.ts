import { describe, expect, test } from "vitest";
import { layoutCounted } from "./counted-layout";
import type { LineageEdge, LineageNode } from "./types";

const node = (id: number, birthStep: number): LineageNode => ({
  id,
  origin: id === 0 ? "root" : "mutation",
  birthStep,
  evictedAtStep: null,
  mu: 25,
  sigma: 8,
  timesSelected: 0,
  principleCount: 1,
  preview: `p${id}`,
});

describe("layoutCounted", () => {
  test("an equal graph in new objects reuses the layout; a changed graph lays out again", () => {
    const edges: LineageEdge[] = [{ parent: 0, child: 1, kind: "mutation", order: 0 }];
    const first = layoutCounted([node(0, -1), node(1, 0)], edges);
    const again = layoutCounted([node(0, -1), node(1, 0)], structuredClone(edges));
    expect(again.run).toBe(first.run);
    expect(again.layout).toBe(first.layout);
    const grown = layoutCounted(
      [node(0, -1), node(1, 0), node(2, 1)],
      [...edges, { parent: 1, child: 2, kind: "mutation", order: 0 }],
    );
    expect(grown.run).toBe(first.run + 1);
    expect(grown.layout.positions.size).toBe(3);
  });
});
