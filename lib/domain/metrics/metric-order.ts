/**
 * The one order in which metric keys are listed (chart legends, pickers, tables, CSV columns): natural
 * order, so numbers inside a key compare as numbers and Pass@k reads Pass@1, Pass@2, … Pass@10 rather
 * than the code-point order Pass@1, Pass@10, Pass@2. Text between the numbers compares by code point,
 * so server and browser agree whatever their locale.
 */

const CHUNK = /(\d+)/;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareMetricKeys(a: string, b: string): number {
  const left = a.split(CHUNK);
  const right = b.split(CHUNK);
  const n = Math.min(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const x = left[i]!;
    const y = right[i]!;
    // split() with a capturing group puts the digit runs at odd indices.
    const order = i % 2 === 1 ? Number(x) - Number(y) || x.length - y.length : compareText(x, y);
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

/** A sorted copy of `keys` in metric order. */
export function sortMetricKeys(keys: Iterable<string>): string[] {
  return [...keys].sort(compareMetricKeys);
}
