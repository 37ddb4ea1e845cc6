/**
 * Prime factorization: divisor counts from the exponents of the prime factorization.
 */
import { readParam } from "../category-types";
import type { ProblemCategory, ProblemParams } from "../category-types";
import { randomInt, shuffle } from "../stream-seed";

const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19];

function readFactors(params: ProblemParams): { prime: number; exponent: number }[] {
  const count = readParam(params, "count");
  return Array.from({ length: count }, (_, i) => ({
    prime: readParam(params, `p${i}`),
    exponent: readParam(params, `e${i}`),
  }));
}

const formatFactors = (factors: { prime: number; exponent: number }[]) =>
  factors.map((f) => (f.exponent === 1 ? `${f.prime}` : `${f.prime}^${f.exponent}`)).join(" × ");

export const primeFactorizationCategory: ProblemCategory = {
  id: "prime-factorization",
  label: "prime factorization",
  insights: [
    "Prime factorization first: write the number as a product of prime powers; divisor counts and sums follow directly from the exponents.",
    "Divisor questions: factor into primes, then a divisor is a free choice of each exponent from 0 to its maximum, so multiply (exponent + 1) over the primes.",
    "Counting divisors: with n = \\prod p_i^{e_i}, the prime factorization gives d(n) = \\prod (e_i + 1).",
  ],
  keywords:
    /\bprime factori[sz]ation\b|\bfactor(?:ise|ize)? (?:it |the number )?into primes\b|\bprime powers\b/i,
  questionPattern: /^How many positive divisors does \d+ have\?$/,
  misleading: "Never factor into primes for divisor questions; list candidate divisors one by one instead.",
  generate(rng, d) {
    const count = [2, 2, 3, 3, 4][d - 1]!;
    const maxExponent = [2, 3, 3, 4, 4][d - 1]!;
    const pool = PRIMES.slice(0, d >= 4 ? 8 : 6);
    for (;;) {
      const primes = shuffle(rng, pool)
        .slice(0, count)
        .sort((a, b) => a - b);
      const exponents = primes.map(() => randomInt(rng, 1, maxExponent));
      const n = primes.reduce((acc, p, i) => acc * p ** exponents[i]!, 1);
      if (n > 5_000_000) continue;
      const params: ProblemParams = { n, count };
      primes.forEach((p, i) => {
        params[`p${i}`] = p;
        params[`e${i}`] = exponents[i]!;
      });
      return { params, question: `How many positive divisors does ${n} have?` };
    }
  },
  solve(params) {
    const factors = readFactors(params);
    const answer = factors.reduce((acc, f) => acc * (f.exponent + 1), 1);
    return {
      answer,
      steps: [
        `Factor into primes: ${readParam(params, "n")} = ${formatFactors(factors)}.`,
        `A divisor chooses each prime's exponent independently, from 0 up to its exponent in the number.`,
        `So the count is ${factors.map((f) => `(${f.exponent} + 1)`).join(" × ")} = ${answer}.`,
      ],
    };
  },
  slips(params) {
    const factors = readFactors(params);
    const right = factors.reduce((acc, f) => acc * (f.exponent + 1), 1);
    const product = factors.reduce((acc, f) => acc * f.exponent, 1);
    const sum = factors.reduce((acc, f) => acc + f.exponent + 1, 0);
    const n = readParam(params, "n");
    return [
      {
        kind: "wrong-formula",
        answer: product,
        steps: [
          `${n} = ${formatFactors(factors)}, so the number of divisors is the product of the exponents: ${product}.`,
        ],
      },
      {
        kind: "wrong-formula",
        answer: sum,
        steps: [`${n} = ${formatFactors(factors)}; adding (exponent + 1) over the primes gives ${sum}.`],
      },
      {
        kind: "off-by-one",
        answer: right - 1,
        steps: [
          `${n} = ${formatFactors(factors)} has ${right} divisors in all.`,
          `Leaving out 1, which is not a real divisor here, leaves ${right - 1}.`,
        ],
      },
    ];
  },
};
