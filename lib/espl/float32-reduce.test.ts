import { describe, expect, test } from "vitest";
import {
  createFloat32Tensor,
  meanAlongAxis,
  meanRowFloat32,
  sumAlongAxis,
  sumRowFloat32,
} from "./float32-reduce";

const third = Math.fround(1 / 3);
const twoThirds = Math.fround(2 / 3);

describe("createFloat32Tensor", () => {
  test("flattens row-major and rounds to float32", () => {
    const t = createFloat32Tensor([
      [0.1, 2],
      [3, 4],
    ]);
    expect(t.shape).toEqual([2, 2]);
    expect(Array.from(t.data)).toEqual([Math.fround(0.1), 2, 3, 4]);
  });

  test("rejects ragged input", () => {
    expect(() => createFloat32Tensor([[1, 2], [3]])).toThrow(RangeError);
    expect(() => createFloat32Tensor([[1, 2], 3])).toThrow(RangeError);
    expect(() => createFloat32Tensor([1, [2]])).toThrow(RangeError);
  });
});

describe("torch-ordered sums", () => {
  test("short strided rows use four interleaved partial sums (differs from a left-to-right sum)", () => {
    const values = [1, 1, twoThirds, third, 1, 1, twoThirds];
    let sequential = 0;
    for (const v of values) sequential = Math.fround(sequential + v);
    const interleaved = sumRowFloat32(values, false);
    expect(interleaved).not.toBe(sequential);
    // ((x0 + x4 + x5 + x6) + x1) + x2) + x3, each step rounded to float32
    let expected = Math.fround(Math.fround(Math.fround(1 + 1) + 1) + twoThirds);
    for (const v of [1, twoThirds, third]) expected = Math.fround(expected + v);
    expect(interleaved).toBe(expected);
  });

  test("long contiguous rows use SIMD lanes", () => {
    const values = Array.from({ length: 11 }, (_, i) => (i % 3) / 7);
    const lanes = values.slice(0, 8).map(Math.fround);
    let expected = 0;
    for (const v of values.slice(8)) expected = Math.fround(expected + Math.fround(v));
    for (const v of lanes) expected = Math.fround(expected + v);
    expect(sumRowFloat32(values, true)).toBe(expected);
  });

  test("means along an axis drop that axis", () => {
    const t = createFloat32Tensor([
      [
        [1, 0],
        [1, 1],
      ],
      [
        [0, 0],
        [1, 0],
      ],
    ]);
    expect(meanAlongAxis(t, 0)).toEqual({ shape: [2, 2], data: Float32Array.from([0.5, 0, 1, 0.5]) });
    expect(Array.from(meanAlongAxis(t, 2).data)).toEqual([0.5, 1, 0, 0.5]);
    expect(Array.from(sumAlongAxis(t, 1).data)).toEqual([2, 1, 1, 0]);
    expect(() => sumAlongAxis(t, 3)).toThrow(RangeError);
  });

  test("the mean of an empty row is NaN, as in torch", () => {
    expect(meanRowFloat32([])).toBeNaN();
  });
});
