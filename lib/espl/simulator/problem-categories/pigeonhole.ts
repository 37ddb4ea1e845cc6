/**
 * Pigeonhole: how many draws guarantee k of one colour (build the worst case, then add one).
 */
import { pickInRange, readParam } from "../category-types";
import type { ProblemCategory } from "../category-types";
import { pickOne } from "../stream-seed";

const DRAWN = ["socks", "marbles", "balls", "gloves"] as const;

export const pigeonholeCategory: ProblemCategory = {
  id: "pigeonhole",
  label: "pigeonhole",
  insights: [
    "Pigeonhole principle: for 'how many to be certain' questions, build the worst case where every box stops one short of the target, then add one.",
    "Guarantee questions: imagine the most unlucky sequence of draws (the worst case), count it, and one more draw forces the result.",
    "Pigeonhole: n objects in c boxes put at least \\lceil n/c \\rceil in some box, so c(k - 1) + 1 objects force k in one box.",
  ],
  keywords: /\bpigeon-?hole\b|\bworst[- ]case\b/i,
  questionPattern: /to be certain of getting at least \d+ of the same colou?r/,
  misleading: "Ignore worst-case reasoning; the expected number of draws is a good enough answer.",
  generate(rng, d) {
    const colours = pickInRange(
      rng,
      [
        [2, 4],
        [3, 6],
        [4, 9],
        [6, 14],
        [10, 30],
      ],
      d,
    );
    const target = pickInRange(
      rng,
      [
        [2, 3],
        [2, 4],
        [3, 6],
        [4, 9],
        [5, 12],
      ],
      d,
    );
    const drawn = pickOne(rng, DRAWN);
    return {
      params: { colours, target },
      question: `A drawer holds ${drawn} in ${colours} different colours, with plenty of each colour. How many ${drawn} must be drawn without looking to be certain of getting at least ${target} of the same colour?`,
    };
  },
  solve(params) {
    const c = readParam(params, "colours");
    const k = readParam(params, "target");
    const answer = c * (k - 1) + 1;
    return {
      answer,
      steps: [
        `In the unluckiest case the draws spread out evenly: ${k - 1} of each of the ${c} colours, ${c} × ${k - 1} = ${c * (k - 1)} draws, with no colour reaching ${k}.`,
        `The next draw must bring some colour to ${k}.`,
        `So ${c * (k - 1)} + 1 = ${answer} draws are needed.`,
      ],
    };
  },
  slips(params) {
    const c = readParam(params, "colours");
    const k = readParam(params, "target");
    return [
      {
        kind: "off-by-one",
        answer: c * (k - 1),
        steps: [
          `Drawing ${k - 1} of each of the ${c} colours gives ${c} × ${k - 1} = ${c * (k - 1)} draws, which is enough.`,
        ],
      },
      {
        kind: "wrong-formula",
        answer: c * k,
        steps: [`To have ${k} of one colour, draw ${k} of every colour: ${c} × ${k} = ${c * k}.`],
      },
      {
        kind: "wrong-formula",
        answer: k + c - 1,
        steps: [
          `After ${c - 1} draws of different colours, ${k} more draws of one colour finish it: ${k + c - 1}.`,
        ],
      },
    ];
  },
};
