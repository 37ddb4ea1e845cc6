import { expect, test } from "vitest";
import { buildRatingBandsCsv, prepareRatingBands } from "./prepare-rating-bands";

test("bands start at birth with the prior, hold between updates and stop at eviction", () => {
  const { rows, series } = prepareRatingBands(
    [
      {
        id: 3,
        birthStep: 1,
        evictedAtStep: 6,
        points: [
          { step: 2, muBefore: 25, sigmaBefore: 8, mu: 27, sigma: 6 },
          { step: 5, muBefore: 27, sigmaBefore: 6, mu: 26, sigma: 5 },
        ],
      },
      { id: 7, birthStep: 4, evictedAtStep: null, points: [] },
    ],
    2,
    9,
    new Map([[7, { mu: 25, sigma: 8 }]]),
  );
  expect(series.map((s) => s.muKey)).toEqual(["mu_3", "mu_7"]);
  expect(rows.map((r) => r.step)).toEqual([1, 2, 4, 5, 6, 9]);
  const at = (step: number) => rows.find((r) => r.step === step)!;
  expect(at(1)).toMatchObject({ mu_3: 25, band_3: [9, 41], mu_7: null, band_7: null });
  expect(at(4)).toMatchObject({ mu_3: 27, band_3: [15, 39], mu_7: 25, band_7: [9, 41] });
  expect(at(6)).toMatchObject({ mu_3: 26, band_3: [16, 36] });
  expect(at(9)).toMatchObject({ mu_3: null, mu_7: 25 });
});

test("a program never rated and without a fallback draws nothing", () => {
  const { rows } = prepareRatingBands([{ id: 1, birthStep: 0, evictedAtStep: null, points: [] }], 1, 3);
  expect(rows.every((r) => r.mu_1 === null && r.band_1 === null)).toBe(true);
});

test("a program's colour is its id's, whichever programs are drawn beside it", () => {
  const h = (id: number) => ({ id, birthStep: 0, evictedAtStep: null, points: [] });
  const alone = prepareRatingBands([h(7)], 1, 3).series[0]!.colour;
  const withOthers = prepareRatingBands([h(2), h(5), h(7)], 1, 3).series[2]!.colour;
  expect(withOthers).toBe(alone);
  expect(alone).toMatch(/^var\(--color-/);
});

test("programs drawn together never share a colour, even ids twenty apart", () => {
  const h = (id: number) => ({ id, birthStep: 0, evictedAtStep: null, points: [] });
  const { series } = prepareRatingBands([h(27), h(7), h(47), h(3)], 1, 3);
  expect(new Set(series.map((s) => s.colour)).size).toBe(4);
  // The lowest id keeps its home colour.
  expect(series[1]!.colour).toBe(prepareRatingBands([h(7)], 1, 3).series[0]!.colour);
});

test("CSV lists each drawn program's μ and band per step where it existed", () => {
  const { rows, series } = prepareRatingBands(
    [
      {
        id: 3,
        birthStep: 1,
        evictedAtStep: 2,
        points: [{ step: 2, muBefore: 25, sigmaBefore: 8, mu: 27, sigma: 6 }],
      },
    ],
    1,
    4,
  );
  expect(buildRatingBandsCsv(rows, series, 1)).toBe(
    "program,step,mu,mu - 1 sigma,mu + 1 sigma\n3,1,25,17,33\n3,2,27,21,33\n",
  );
});
