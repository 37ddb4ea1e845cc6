/**
 * float32 reductions in the exact order torch's CPU sum kernel uses (ATen `cascade_sum`), so means of
 * reward and pass@k tensors come out bit-identical to the reference's stats instead of drifting by an
 * ulp. The order matters because float32 addition is not associative: torch splits a reduced row into
 * four interleaved partial sums, treats output columns in groups of four differently from the leftover
 * columns, and switches to SIMD lanes for long contiguous rows. Parity vectors fix the lane count at 8
 * (AVX2); other CPUs would differ from the reference by at most an ulp or two.
 */

/** float32 lanes per SIMD vector on the machine that generated the reference vectors (AVX2). */
export const TORCH_VECTOR_LANES = 8;
/** torch's instruction-level parallelism factor: partial sums per reduced row. */
const ILP = 4;
const CASCADE_LEVELS = 4;

/** Row-major float32 tensor; `data.length` is the product of `shape`. */
export interface Float32Tensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

type Nested = number | readonly Nested[];

function isNestedArray(node: Nested): node is readonly Nested[] {
  return Array.isArray(node);
}

/** Flattens a rectangular nested array into a float32 tensor (values rounded to float32). */
export function createFloat32Tensor(nested: Nested): Float32Tensor {
  const shape: number[] = [];
  let probe: Nested | undefined = nested;
  while (probe !== undefined && isNestedArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const values: number[] = [];
  const walk = (node: Nested, depth: number): void => {
    if (depth === shape.length) {
      if (isNestedArray(node)) throw new RangeError("ragged tensor: nesting deeper than the first element's");
      values.push(node);
      return;
    }
    if (!isNestedArray(node) || node.length !== shape[depth])
      throw new RangeError(`ragged tensor: expected ${shape[depth]} elements at depth ${depth}`);
    for (const child of node) walk(child, depth + 1);
  };
  walk(nested, 0);
  return { shape, data: Float32Array.from(values) };
}

function ceilLog2(x: number): number {
  return x <= 2 ? 1 : Math.ceil(Math.log2(x));
}

/**
 * torch `multi_row_sum`: `rows` columns summed down `size` rows, with a 4-level cascade that folds the
 * running sums upward every 16 rows (only visible for long rows).
 */
function sumRowsCascade(
  read: (row: number, column: number) => number,
  columns: number,
  size: number,
): Float32Array {
  const levelPower = Math.max(4, Math.floor(ceilLog2(size) / CASCADE_LEVELS));
  const levelStep = 1 << levelPower;
  const levelMask = levelStep - 1;
  const acc = Array.from({ length: CASCADE_LEVELS }, () => new Float32Array(columns));
  const first = acc[0]!;
  let i = 0;
  while (i + levelStep <= size) {
    for (let j = 0; j < levelStep; j++, i++)
      for (let c = 0; c < columns; c++) first[c] = first[c]! + read(i, c);
    for (let level = 1; level < CASCADE_LEVELS; level++) {
      const lower = acc[level - 1]!;
      const upper = acc[level]!;
      for (let c = 0; c < columns; c++) {
        upper[c] = upper[c]! + lower[c]!;
        lower[c] = 0;
      }
      if ((i & (levelMask << (level * levelPower))) !== 0) break;
    }
  }
  for (; i < size; i++) for (let c = 0; c < columns; c++) first[c] = first[c]! + read(i, c);
  for (let level = 1; level < CASCADE_LEVELS; level++)
    for (let c = 0; c < columns; c++) first[c] = first[c]! + acc[level]![c]!;
  return first;
}

/** torch `row_sum`: four interleaved partial sums, the tail into the first, then folded left to right. */
function sumRowInterleaved(read: (i: number) => number, size: number): number {
  const rows = Math.floor(size / ILP);
  const partial = sumRowsCascade((row, column) => read(row * ILP + column), ILP, rows);
  for (let i = rows * ILP; i < size; i++) partial[0] = partial[0]! + read(i);
  for (let c = 1; c < ILP; c++) partial[0] = partial[0]! + partial[c]!;
  return partial[0]!;
}

/** torch `vectorized_inner_sum` for one contiguous row: per-lane interleaved sums, tail, then lanes. */
function sumRowVectorized(read: (i: number) => number, size: number): number {
  const vectors = Math.floor(size / TORCH_VECTOR_LANES);
  const acc = new Float32Array(1);
  for (let i = vectors * TORCH_VECTOR_LANES; i < size; i++) acc[0] = acc[0]! + read(i);
  for (let lane = 0; lane < TORCH_VECTOR_LANES; lane++)
    acc[0] = acc[0]! + sumRowInterleaved((v) => read(v * TORCH_VECTOR_LANES + lane), vectors);
  return acc[0]!;
}

/**
 * Sum of a contiguous 1-D float32 row, or of a strided 1-D view (e.g. one column `Q[:, j]`) when
 * `contiguous` is false; torch only vectorises contiguous rows of at least one vector.
 */
export function sumRowFloat32(values: ArrayLike<number>, contiguous = true): number {
  const read = (i: number) => Math.fround(values[i] ?? 0);
  return contiguous && values.length >= TORCH_VECTOR_LANES
    ? sumRowVectorized(read, values.length)
    : sumRowInterleaved(read, values.length);
}

/** float32 mean of a 1-D row or view: torch's sum, then one correctly rounded division (NaN if empty). */
export function meanRowFloat32(values: ArrayLike<number>, contiguous = true): number {
  return Math.fround(sumRowFloat32(values, contiguous) / values.length);
}

/** Sums the columns of one [reduced, inner] slab the way torch's outer-reduction kernels order them. */
function sumSlabColumns(
  read: (row: number, column: number) => number,
  reduced: number,
  inner: number,
  out: Float32Array,
) {
  let j = 0;
  // Column blocks summed straight down (cascade); the leftover columns use interleaved partials.
  const block = inner >= TORCH_VECTOR_LANES ? ILP * TORCH_VECTOR_LANES : ILP;
  for (; j + block <= inner; j += block) {
    const base = j;
    out.set(
      sumRowsCascade((row, column) => read(row, base + column), block, reduced),
      j,
    );
  }
  for (; j < inner; j++) {
    const column = j;
    out[j] = sumRowInterleaved((row) => read(row, column), reduced);
  }
}

/** Sum over one axis (`tensor.sum(dim=axis)`), result shape without that axis. */
export function sumAlongAxis(tensor: Float32Tensor, axis: number): Float32Tensor {
  const { shape, data } = tensor;
  if (!Number.isInteger(axis) || axis < 0 || axis >= shape.length) throw new RangeError(`bad axis ${axis}`);
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const reduced = shape[axis]!;
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const result = new Float32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    const offset = o * reduced * inner;
    if (inner === 1) {
      result[o] = sumRowFloat32(data.subarray(offset, offset + reduced), true);
    } else {
      const slab = new Float32Array(inner);
      sumSlabColumns((row, column) => data[offset + row * inner + column]!, reduced, inner, slab);
      result.set(slab, o * inner);
    }
  }
  return { shape: [...shape.slice(0, axis), ...shape.slice(axis + 1)], data: result };
}

/** `tensor.mean(dim=axis)`: torch's sum followed by a float32 division by the axis length. */
export function meanAlongAxis(tensor: Float32Tensor, axis: number): Float32Tensor {
  const sums = sumAlongAxis(tensor, axis);
  const count = tensor.shape[axis]!;
  return { shape: sums.shape, data: sums.data.map((s) => s / count) };
}
