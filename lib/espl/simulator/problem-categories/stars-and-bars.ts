/**
 * Stars and bars: identical items shared among distinct recipients, each with a minimum.
 */
import { pickInRange, readParam } from "../category-types";
import type { ProblemCategory, ProblemParams, Slip } from "../category-types";
import { binomial } from "../integer-math";
import { randomInt } from "../stream-seed";

const GIFTS = [
  ["candies", "children"],
  ["marbles", "boxes"],
  ["coins", "friends"],
  ["stickers", "students"],
] as const;

function readDistribution(params: ProblemParams) {
  const k = readParam(params, "k");
  const minimum = readParam(params, "minimum");
  const total = readParam(params, "total");
  return { k, minimum, total, rest: total - k * minimum };
}

export const starsAndBarsCategory: ProblemCategory = {
  id: "stars-and-bars",
  label: "stars and bars",
  insights: [
    "Stars and bars: to share identical items among distinct recipients, first hand out each minimum, then place dividers among the remaining items: C(r + k - 1, k - 1).",
    "Identical items into distinct boxes: line the items up as stars and choose the positions of the k - 1 bars (stars and bars).",
    "Stars and bars: after giving each of the k recipients its minimum, r identical items can be shared in \\binom{r+k-1}{k-1} ways.",
  ],
  keywords: /\bstars?[- ]and[- ]bars\b|\bdividers\b/i,
  questionPattern: /identical \w+ be distributed among/,
  misleading: "Never use stars and bars; give out the items one at a time and multiply the choices.",
  generate(rng, d) {
    const k = pickInRange(
      rng,
      [
        [2, 3],
        [3, 3],
        [3, 4],
        [4, 5],
        [5, 6],
      ],
      d,
    );
    const minimum = pickInRange(
      rng,
      [
        [0, 0],
        [1, 1],
        [1, 2],
        [2, 2],
        [2, 3],
      ],
      d,
    );
    const rest = pickInRange(
      rng,
      [
        [3, 8],
        [5, 12],
        [6, 16],
        [8, 22],
        [10, 30],
      ],
      d,
    );
    const gift = randomInt(rng, 0, GIFTS.length - 1);
    const [items, people] = GIFTS[gift]!;
    const total = k * minimum + rest;
    const condition =
      minimum === 0 ? "if some may receive none" : `so that each receives at least ${minimum}`;
    return {
      params: { k, minimum, total, gift },
      question: `In how many ways can ${total} identical ${items} be distributed among ${k} ${people} ${condition}?`,
    };
  },
  solve(params) {
    const { k, minimum, total, rest } = readDistribution(params);
    const answer = binomial(rest + k - 1, k - 1);
    const steps: string[] = [];
    if (minimum > 0)
      steps.push(
        `First give each of the ${k} recipients ${minimum}, which leaves ${total} - ${k * minimum} = ${rest}.`,
      );
    steps.push(
      `Sharing ${rest} identical items among ${k} recipients means placing ${k - 1} bars among ${rest + k - 1} positions.`,
      `C(${rest + k - 1}, ${k - 1}) = ${answer}.`,
    );
    return { answer, steps };
  },
  slips(params) {
    const { k, minimum, total, rest } = readDistribution(params);
    const slips: Slip[] = [
      {
        kind: "off-by-one",
        answer: binomial(rest + k - 1, k),
        steps: [
          `Placing bars among the ${rest} items: C(${rest + k - 1}, ${k}) = ${binomial(rest + k - 1, k)}.`,
        ],
      },
      {
        kind: "off-by-one",
        answer: binomial(rest + k, k - 1),
        steps: [
          `There are ${rest + k} positions for the ${k - 1} bars: C(${rest + k}, ${k - 1}) = ${binomial(rest + k, k - 1)}.`,
        ],
      },
    ];
    if (minimum > 0)
      slips.push({
        kind: "wrong-formula",
        answer: binomial(total + k - 1, k - 1),
        steps: [
          `Share all ${total} items among ${k} recipients: C(${total + k - 1}, ${k - 1}) = ${binomial(total + k - 1, k - 1)}.`,
        ],
      });
    return slips;
  },
};
