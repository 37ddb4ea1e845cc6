/**
 * Keyboard moves between lineage nodes: an arrow key goes to the nearest drawn node in that direction
 * (up/down: earlier/later layers, left/right: other lanes), preferring nodes close to the straight
 * line over nearer ones far off to the side, as spatial navigation on a grid does.
 */

export type ArrowKey = "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight";

export function isArrowKey(key: string): key is ArrowKey {
  return key === "ArrowUp" || key === "ArrowDown" || key === "ArrowLeft" || key === "ArrowRight";
}

export interface NavPoint {
  id: number;
  x: number;
  y: number;
}

/** Off-axis distance counts this many times the on-axis distance. */
const SIDE_WEIGHT = 3;

/** The node an arrow key moves to from `from`, or null at the graph's edge in that direction. */
export function findNeighbour(points: readonly NavPoint[], from: number, key: ArrowKey): number | null {
  const origin = points.find((p) => p.id === from);
  if (!origin) return null;
  const [ax, ay] =
    key === "ArrowUp" ? [0, -1] : key === "ArrowDown" ? [0, 1] : key === "ArrowLeft" ? [-1, 0] : [1, 0];
  let best: number | null = null;
  let bestCost = Infinity;
  for (const p of points) {
    if (p.id === from) continue;
    const dx = p.x - origin.x;
    const dy = p.y - origin.y;
    const along = dx * ax + dy * ay;
    if (along <= 0) continue;
    const side = Math.abs(dx * ay - dy * ax);
    const cost = along + SIDE_WEIGHT * side;
    if (cost < bestCost || (cost === bestCost && best !== null && p.id < best)) {
      best = p.id;
      bestCost = cost;
    }
  }
  return best;
}
