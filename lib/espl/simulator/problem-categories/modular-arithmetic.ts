/**
 * Modular arithmetic: remainders of large powers, found through the cycle of remainders.
 */
import { pickInRange, readParam } from "../category-types";
import type { ProblemCategory } from "../category-types";
import { cyclePosition, powerCycle, powMod } from "../integer-math";
import { pickOne, randomInt } from "../stream-seed";

const MODULI: readonly (readonly number[])[] = [
  [5, 7, 9, 10, 11],
  [10, 11, 12, 13, 16],
  [13, 17, 19, 20, 21],
  [23, 25, 27, 29, 31],
  [37, 41, 43, 47, 49],
];

export const modularCategory: ProblemCategory = {
  id: "modular-arithmetic",
  label: "modular arithmetic",
  insights: [
    "Modular arithmetic: reduce modulo the divisor at every step and find the cycle of remainders of successive powers before handling a huge exponent.",
    "Remainders of large powers: work modulo m from the start, list a^1, a^2, ... mod m until the cycle repeats, then reduce the exponent modulo the cycle length.",
    "Congruences: if a \\equiv r \\pmod{m}, replace a by r and use the period of r^k modulo m instead of computing the power.",
  ],
  keywords: /\bmodul(?:o|ar|us)\b|\bcongruen|\\pmod|\bcycle of remainders\b/i,
  questionPattern: /^What is the remainder when \d+\^\d+ is divided by \d+\?$/,
  misleading: "Avoid modular shortcuts; expand the full power first and divide only at the end.",
  generate(rng, d) {
    const m = pickOne(rng, MODULI[d - 1]!);
    let base = randomInt(rng, 2, m - 1);
    if (d >= 3 && rng.random() < 0.5) base += m * randomInt(rng, 1, 2);
    if (base % m <= 1) base += 1;
    const exponent = pickInRange(
      rng,
      [
        [10, 40],
        [40, 150],
        [150, 600],
        [600, 2500],
        [2500, 9999],
      ],
      d,
    );
    return {
      params: { base, exponent, m },
      question: `What is the remainder when ${base}^${exponent} is divided by ${m}?`,
    };
  },
  solve(params) {
    const base = readParam(params, "base");
    const exponent = readParam(params, "exponent");
    const m = readParam(params, "m");
    const { sequence, cycleStart } = powerCycle(base, m);
    const position = cyclePosition(base, exponent, m);
    const shown = sequence.slice(0, 8).join(", ") + (sequence.length > 8 ? ", ..." : "");
    const steps: string[] = [];
    if (base >= m) steps.push(`First reduce the base: ${base} ≡ ${base % m} (mod ${m}).`);
    steps.push(
      `Successive powers of ${base % m} modulo ${m} are ${shown}; they repeat with period ${sequence.length - cycleStart}${cycleStart > 0 ? ` after the first ${cycleStart} terms` : ""}.`,
      `The exponent ${exponent} falls at position ${position + 1} of that cycle, so ${base}^${exponent} ≡ ${sequence[position]} (mod ${m}).`,
    );
    return { answer: sequence[position]!, steps };
  },
  slips(params) {
    const base = readParam(params, "base");
    const exponent = readParam(params, "exponent");
    const m = readParam(params, "m");
    const reduced = exponent % m === 0 ? m : exponent % m;
    const fermat = exponent % (m - 1) === 0 ? m - 1 : exponent % (m - 1);
    return [
      {
        kind: "wrong-formula",
        answer: powMod(base, reduced, m),
        steps: [
          `Reduce the exponent modulo ${m}: ${exponent} ≡ ${reduced}, so compute ${base}^${reduced} mod ${m} = ${powMod(base, reduced, m)}.`,
        ],
      },
      {
        kind: "wrong-formula",
        answer: powMod(base, fermat, m),
        steps: [
          `By Fermat's little theorem the exponent can be taken modulo ${m - 1}: ${exponent} ≡ ${fermat}, giving ${powMod(base, fermat, m)}.`,
        ],
      },
      {
        kind: "off-by-one",
        answer: powMod(base, exponent - 1, m),
        steps: [
          `Successive powers of ${base % m} modulo ${m} repeat in a cycle.`,
          `Counting from the exponent 0, ${exponent} lands on the remainder ${powMod(base, exponent - 1, m)}.`,
        ],
      },
    ];
  },
};
