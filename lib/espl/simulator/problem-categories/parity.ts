/**
 * Parity: alternating sums and counts of odd numbers, both decided by whether something is even or odd.
 */
import { pickInRange, readParam } from "../category-types";
import type { GeneratedQuestion, ProblemCategory, Slip } from "../category-types";
import { randomInt } from "../stream-seed";

const parityWord = (n: number) => (n % 2 === 0 ? "even" : "odd");

function solveAlternatingSum(n: number) {
  if (n % 2 === 0)
    return {
      answer: -n / 2,
      steps: [
        `Group the terms in pairs: (1 - 2) + (3 - 4) + ... + (${n - 1} - ${n}).`,
        `Each pair equals -1, and ${n} is even, so every term is paired: there are ${n / 2} pairs.`,
        `The sum is ${n / 2} × (-1) = ${-n / 2}.`,
      ],
    };
  const pairs = (n - 1) / 2;
  return {
    answer: (n + 1) / 2,
    steps: [
      `${n} is odd, so the first ${n - 1} terms pair up and the last term ${n} stays unpaired.`,
      `Each pair (1 - 2), (3 - 4), ... equals -1, giving ${pairs} × (-1) = ${-pairs}.`,
      `Adding the unpaired term: ${-pairs} + ${n} = ${(n + 1) / 2}.`,
    ],
  };
}

function slipAlternatingSum(n: number): Slip[] {
  const right = solveAlternatingSum(n).answer;
  const pairs = Math.floor(n / 2);
  const slips: Slip[] = [
    {
      kind: "sign-error",
      answer: -right,
      steps: [
        `Group the terms in pairs, taking the first term with a minus sign: (-1 + 2) + (-3 + 4) + ...`,
        `Each pair equals +1, which leads to ${-right}.`,
      ],
    },
  ];
  if (n % 2 === 1)
    slips.push({
      kind: "wrong-formula",
      answer: -pairs,
      steps: [
        `Pair the terms: (1 - 2) + (3 - 4) + ..., each pair equal to -1.`,
        `There are ${pairs} pairs, so the sum is ${-pairs}.`,
      ],
    });
  slips.push({
    kind: "off-by-one",
    answer: n % 2 === 0 ? -(pairs - 1) : -(pairs + 1) + n,
    steps: [
      `Pair the terms: (1 - 2) + (3 - 4) + ..., each pair equal to -1.`,
      `Counting the pairs up to ${n} gives ${n % 2 === 0 ? pairs - 1 : pairs + 1} pairs.`,
      `So the sum is ${n % 2 === 0 ? -(pairs - 1) : `${-(pairs + 1)} + ${n} = ${n - pairs - 1}`}.`,
    ],
  });
  return slips;
}

function countOdd(low: number, high: number) {
  const first = low % 2 === 1 ? low : low + 1;
  const last = high % 2 === 1 ? high : high - 1;
  return { first, last, count: (last - first) / 2 + 1 };
}

export const parityCategory: ProblemCategory = {
  id: "parity",
  label: "parity",
  insights: [
    "Parity first: before computing, check whether the key quantity is even or odd; pairing neighbouring terms by parity collapses alternating sums.",
    "Parity check: decide whether the endpoints and the number of terms are even or odd before counting; that decides what is left unpaired.",
    "Parity of alternating sums: for \\sum (-1)^{k+1} k, pair neighbouring terms and use whether the length is even or odd to handle the leftover term.",
  ],
  keywords: /\bparity\b|\beven or odd\b|\bodd or even\b|\beven\/odd\b/i,
  questionPattern: /signs alternate|odd integers are there/i,
  misleading: "Ignore parity; evaluate alternating sums and counts term by term from the left.",
  generate(rng, d): GeneratedQuestion {
    if (rng.random() < 0.5) {
      const n = pickInRange(
        rng,
        [
          [8, 40],
          [41, 150],
          [151, 600],
          [601, 2500],
          [2501, 9999],
        ],
        d,
      );
      const sign = n % 2 === 1 ? "+" : "-";
      return {
        params: { variant: 0, n },
        question: `What is the value of 1 - 2 + 3 - 4 + ... ${sign} ${n}, where the signs alternate and the last term is ${n}?`,
      };
    }
    const low = randomInt(rng, 1, 10 ** d);
    const high = low + randomInt(rng, 10 * d, 60 * d * d);
    return {
      params: { variant: 1, low, high },
      question: `How many odd integers are there from ${low} to ${high}, inclusive?`,
    };
  },
  solve(params) {
    if (readParam(params, "variant") === 0) return solveAlternatingSum(readParam(params, "n"));
    const low = readParam(params, "low");
    const high = readParam(params, "high");
    const { first, last, count } = countOdd(low, high);
    return {
      answer: count,
      steps: [
        `${low} is ${parityWord(low)} and ${high} is ${parityWord(high)}, so the odd integers run from ${first} to ${last} in steps of 2.`,
        `Their count is (${last} - ${first})/2 + 1 = ${count}.`,
      ],
    };
  },
  slips(params) {
    if (readParam(params, "variant") === 0) return slipAlternatingSum(readParam(params, "n"));
    const low = readParam(params, "low");
    const high = readParam(params, "high");
    const { first, last, count } = countOdd(low, high);
    const half = Math.floor((high - low + 1) / 2);
    return [
      {
        kind: "off-by-one",
        answer: count - 1,
        steps: [
          `The odd integers run from ${first} to ${last} in steps of 2, so there are (${last} - ${first})/2 = ${count - 1} of them.`,
        ],
      },
      {
        kind: "wrong-formula",
        answer: half,
        steps: [`There are ${high - low + 1} integers in the range and half of them are odd: ${half}.`],
      },
    ];
  },
};
