/**
 * Inclusion-exclusion: how many integers up to n are divisible by at least one of a few numbers.
 */
import { pickInRange, readParam } from "../category-types";
import type { ProblemCategory, ProblemParams, RandomSource, Slip } from "../category-types";
import { gcd, lcmOf } from "../integer-math";
import { shuffle } from "../stream-seed";

const joinWithAnd = (items: readonly (string | number)[]) =>
  items.length <= 2 ? items.join(" and ") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** Divisor sets where no member divides another (otherwise the question degenerates). */
function pickDivisors(rng: RandomSource, pool: readonly number[], count: number): number[] {
  for (;;) {
    const picked = shuffle(rng, pool)
      .slice(0, count)
      .sort((a, b) => a - b);
    if (picked.every((a, i) => picked.every((b, j) => i === j || b % a !== 0))) return picked;
  }
}

function readDivisors(params: ProblemParams): number[] {
  return Array.from({ length: readParam(params, "count") }, (_, i) => readParam(params, `a${i}`));
}

/** All non-empty subsets with their lcm and inclusion-exclusion sign, singles first. */
function subsetTerms(n: number, divisors: readonly number[], useLcm = true) {
  const terms: { members: number[]; modulus: number; count: number; sign: number }[] = [];
  for (let mask = 1; mask < 1 << divisors.length; mask++) {
    const members = divisors.filter((_, i) => mask & (1 << i));
    const modulus = useLcm ? lcmOf(members) : members.reduce((a, b) => a * b, 1);
    terms.push({ members, modulus, count: Math.floor(n / modulus), sign: members.length % 2 === 1 ? 1 : -1 });
  }
  return terms.sort((a, b) => a.members.length - b.members.length);
}

const signedSum = (terms: readonly { count: number; sign: number }[]) =>
  terms.reduce((acc, t) => acc + t.sign * t.count, 0);

const formatTermSum = (terms: readonly { count: number; sign: number }[]) =>
  terms.map((t, i) => (i === 0 ? `${t.count}` : `${t.sign > 0 ? "+" : "-"} ${t.count}`)).join(" ");

export const inclusionExclusionCategory: ProblemCategory = {
  id: "inclusion-exclusion",
  label: "inclusion-exclusion",
  insights: [
    "Inclusion-exclusion: when counting a union of conditions, add the individual counts, subtract the pairwise overlaps and add back the triple overlaps.",
    "Overlapping conditions: count each set, then subtract the overlaps (multiples of the lcm, not the product) so nothing is counted twice.",
    "Inclusion-exclusion: |A \\cup B| = |A| + |B| - |A \\cap B|; with three sets add back the triple intersection.",
  ],
  keywords:
    /\binclusion[- –]exclusion\b|\b(?:subtract|remove) (?:the |every |all )?(?:pairwise )?(?:overlaps?|intersections?)\b|\\cup/i,
  questionPattern: /^How many integers from 1 to \d+ are divisible by/,
  misleading: "Skip inclusion-exclusion; add the counts of the separate conditions directly.",
  generate(rng, d) {
    const n = pickInRange(
      rng,
      [
        [100, 300],
        [300, 1000],
        [1000, 3000],
        [3000, 10000],
        [10000, 50000],
      ],
      d,
    );
    const count = d <= 3 ? 2 : 3;
    const pool = d === 1 || d === 2 || d === 4 ? [2, 3, 5, 7, 11] : [4, 6, 8, 9, 10, 12, 14, 15];
    const divisors = pickDivisors(rng, pool, count);
    const params: ProblemParams = { n, count };
    divisors.forEach((a, i) => (params[`a${i}`] = a));
    const question =
      count === 2
        ? `How many integers from 1 to ${n} are divisible by ${divisors[0]} or ${divisors[1]}?`
        : `How many integers from 1 to ${n} are divisible by at least one of ${joinWithAnd(divisors)}?`;
    return { params, question };
  },
  solve(params) {
    const n = readParam(params, "n");
    const terms = subsetTerms(n, readDivisors(params));
    const answer = signedSum(terms);
    const steps = terms.map((t) =>
      t.members.length === 1
        ? `Multiples of ${t.modulus}: floor(${n}/${t.modulus}) = ${t.count}.`
        : `Multiples of all of ${joinWithAnd(t.members)}, i.e. of lcm = ${t.modulus}: floor(${n}/${t.modulus}) = ${t.count}.`,
    );
    steps.push(`By inclusion-exclusion: ${formatTermSum(terms)} = ${answer}.`);
    return { answer, steps };
  },
  slips(params) {
    const n = readParam(params, "n");
    const divisors = readDivisors(params);
    const terms = subsetTerms(n, divisors);
    const singles = terms.filter((t) => t.members.length === 1);
    const allAdded = terms.map((t) => ({ ...t, sign: 1 }));
    const products = subsetTerms(n, divisors, false);
    const first = divisors[0]!;
    const ceilingSlip = n % first === 0 ? signedSum(terms) - 1 : signedSum(terms) + 1;
    const slips: Slip[] = [
      {
        kind: "wrong-formula",
        answer: signedSum(singles),
        steps: [`Add the multiples of each divisor: ${formatTermSum(singles)} = ${signedSum(singles)}.`],
      },
      {
        kind: "sign-error",
        answer: signedSum(allAdded),
        steps: [
          `Count the multiples of each divisor and of each combination of them.`,
          `Adding everything: ${formatTermSum(allAdded)} = ${signedSum(allAdded)}.`,
        ],
      },
      {
        kind: "off-by-one",
        answer: ceilingSlip,
        steps: [
          `Multiples of ${first}: about ${n}/${first}, rounded to ${Math.floor(n / first) + (n % first === 0 ? -1 : 1)}.`,
          `With inclusion-exclusion over the other divisors the total is ${ceilingSlip}.`,
        ],
      },
    ];
    if (divisors.some((a, i) => divisors.some((b, j) => i < j && gcd(a, b) > 1)))
      slips.push({
        kind: "wrong-formula",
        answer: signedSum(products),
        steps: [
          `Numbers divisible by several of the divisors are multiples of their product.`,
          `Inclusion-exclusion then gives ${formatTermSum(products)} = ${signedSum(products)}.`,
        ],
      });
    return slips;
  },
};
