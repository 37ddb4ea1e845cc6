/**
 * Arithmetic series: sums of evenly spaced multiples (count the terms, pair first and last).
 */
import { pickInRange, readParam } from "../category-types";
import type { ProblemCategory, ProblemParams } from "../category-types";
import { randomInt } from "../stream-seed";

function readSeries(params: ProblemParams) {
  const step = readParam(params, "step");
  const first = readParam(params, "first");
  const last = readParam(params, "last");
  const terms = (last - first) / step + 1;
  return { step, first, last, terms, sum: (terms * (first + last)) / 2 };
}

export const arithmeticSeriesCategory: ProblemCategory = {
  id: "arithmetic-series",
  label: "arithmetic series",
  insights: [
    "Arithmetic series: for evenly spaced terms, count the terms as (last - first)/difference + 1, then the sum is the number of terms times the average of the first and last.",
    "Evenly spaced sums: pair the first and last terms; every pair has the same total, so multiply that total by half the number of terms.",
    "Arithmetic series: S = \\frac{n (a_1 + a_n)}{2}, with n = \\frac{a_n - a_1}{d} + 1 counted carefully at both ends.",
  ],
  keywords: /\barithmetic (?:series|sequence|progression)\b|\bevenly spaced\b|\bpair the first and last\b/i,
  questionPattern: /^What is the sum of all multiples of \d+ from \d+ to \d+, inclusive\?$/,
  misleading: "Avoid arithmetic series formulas; add the terms one at a time to be safe.",
  generate(rng, d) {
    const step = pickInRange(
      rng,
      [
        [2, 5],
        [3, 9],
        [4, 12],
        [6, 19],
        [7, 29],
      ],
      d,
    );
    const terms = pickInRange(
      rng,
      [
        [5, 12],
        [12, 40],
        [40, 120],
        [120, 400],
        [400, 1200],
      ],
      d,
    );
    const start = randomInt(rng, 1, 5 * d);
    const first = step * start;
    const last = step * (start + terms - 1);
    return {
      params: { step, first, last },
      question: `What is the sum of all multiples of ${step} from ${first} to ${last}, inclusive?`,
    };
  },
  solve(params) {
    const { step, first, last, terms, sum } = readSeries(params);
    return {
      answer: sum,
      steps: [
        `The multiples ${first}, ${first + step}, ..., ${last} form an arithmetic sequence with common difference ${step}.`,
        `There are (${last} - ${first})/${step} + 1 = ${terms} terms.`,
        `Pairing the first and last terms, the sum is ${terms} × (${first} + ${last})/2 = ${sum}.`,
      ],
    };
  },
  slips(params) {
    const { step, first, last, terms, sum } = readSeries(params);
    const short = ((terms - 1) * (first + last)) % 2 === 0 ? ((terms - 1) * (first + last)) / 2 : sum - last;
    return [
      {
        kind: "off-by-one",
        answer: short,
        steps: [
          `There are (${last} - ${first})/${step} = ${terms - 1} terms, and the sum comes to ${short}.`,
        ],
      },
      {
        kind: "wrong-formula",
        answer: terms * (first + last),
        steps: [
          `There are ${terms} terms.`,
          `The sum is the number of terms times (first + last): ${terms} × ${first + last} = ${terms * (first + last)}.`,
        ],
      },
      {
        kind: "off-by-one",
        answer: sum + last + step,
        steps: [
          `Counting the terms from ${first} through ${last + step} gives ${terms + 1} terms with sum ${sum + last + step}.`,
        ],
      },
    ];
  },
};
