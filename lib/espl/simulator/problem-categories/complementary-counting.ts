/**
 * Complementary counting: digit sequences containing a digit at least once (total minus none).
 */
import { pickInRange, readParam } from "../category-types";
import type { ProblemCategory } from "../category-types";
import { randomInt } from "../stream-seed";

export const complementaryCategory: ProblemCategory = {
  id: "complementary-counting",
  label: "complementary counting",
  insights: [
    "Complementary counting: when a condition says 'at least one', count the arrangements with none and subtract them from the total.",
    "At-least-one questions: the complement (no occurrence at all) is usually easy to count, so compute total minus complement.",
    "Complement trick: count \\text{total} - \\text{none} instead of splitting 'at least one' into overlapping cases.",
  ],
  keywords: /\bcomplement(?:ary)?\b/i,
  questionPattern: /digit sequences using only the digits/,
  misleading: "Avoid complementary counting; count the favourable cases directly, position by position.",
  generate(rng, d) {
    const s = pickInRange(
      rng,
      [
        [3, 7],
        [4, 8],
        [5, 9],
        [5, 9],
        [6, 9],
      ],
      d,
    );
    const n = d + 1;
    const t = randomInt(rng, 1, s);
    return {
      params: { s, n, t },
      question: `How many ${n}-digit sequences using only the digits 1 through ${s} (repetition allowed) contain the digit ${t} at least once?`,
    };
  },
  solve(params) {
    const [s, n, t] = [readParam(params, "s"), readParam(params, "n"), readParam(params, "t")];
    const total = s ** n;
    const none = (s - 1) ** n;
    return {
      answer: total - none,
      steps: [
        `Count the complement: sequences with no ${t} use only ${s - 1} digits, so there are ${s - 1}^${n} = ${none} of them.`,
        `All sequences: ${s}^${n} = ${total}.`,
        `Subtracting: ${total} - ${none} = ${total - none}.`,
      ],
    };
  },
  slips(params) {
    const [s, n, t] = [readParam(params, "s"), readParam(params, "n"), readParam(params, "t")];
    const positional = n * s ** (n - 1);
    const shorter = s ** n - (s - 1) ** (n - 1);
    return [
      {
        kind: "wrong-formula",
        answer: positional,
        steps: [
          `Choose the position of the ${t} (${n} ways) and fill the other ${n - 1} positions freely (${s}^${n - 1} ways).`,
          `That gives ${n} × ${s ** (n - 1)} = ${positional}.`,
        ],
      },
      {
        kind: "wrong-formula",
        answer: (s - 1) ** n,
        steps: [`Sequences avoiding the digit ${t} use ${s - 1} digits: ${s - 1}^${n} = ${(s - 1) ** n}.`],
      },
      {
        kind: "off-by-one",
        answer: shorter,
        steps: [
          `All sequences: ${s}^${n} = ${s ** n}; without ${t} there are ${s - 1}^${n - 1} = ${(s - 1) ** (n - 1)}.`,
          `Subtracting gives ${shorter}.`,
        ],
      },
    ];
  },
};
