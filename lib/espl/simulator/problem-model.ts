/**
 * What the simulator knows about a problem: its category and difficulty (from meta, or guessed from the
 * wording), the worked solution and the plausible wrong ones. Problems from elsewhere (no meta, unknown
 * wording) still work: they get generic reasoning and answers nudged off the truth.
 */
import { z } from "zod";
import type { EsplProblem } from "../ports";
import { classifyQuestion, getCategory, isCategoryId } from "./categories";
import { DIFFICULTIES } from "./category-types";
import type { Difficulty, ProblemCategory, SlipKind } from "./category-types";

export interface WrittenSolution {
  /** Exactly what goes into \boxed{}. */
  answer: string;
  steps: string[];
}

export interface WrongSolution extends WrittenSolution {
  kind: SlipKind;
}

export interface ProblemModel {
  category: ProblemCategory | null;
  difficulty: number;
  right: WrittenSolution;
  /** Never empty; every answer differs from the right one. */
  wrong: WrongSolution[];
}

/** Unknown difficulty counts as the middle of the scale. */
const DEFAULT_DIFFICULTY = 3;

const problemMetaSchema = z.looseObject({
  category: z.string().optional(),
  difficulty: z.number().optional(),
  params: z.record(z.string(), z.number()).optional(),
});

function isDifficulty(value: unknown): value is Difficulty {
  return (DIFFICULTIES as readonly unknown[]).includes(value);
}

const GENERIC_STEPS = [
  "Restate what is being asked and note the given quantities.",
  "Set up the computation and carry it out step by step.",
];

function genericWrong(answer: string): WrongSolution[] {
  if (!/^-?\d+$/.test(answer)) {
    const other = answer === "0" ? "1" : "0";
    return [
      { kind: "wrong-formula", answer: other, steps: [...GENERIC_STEPS, `The computation gives ${other}.`] },
    ];
  }
  const value = Number(answer);
  const wrong: WrongSolution[] = [
    {
      kind: "off-by-one",
      answer: String(value + 1),
      steps: [...GENERIC_STEPS, `Counting gives ${value + 1}.`],
    },
    {
      kind: "off-by-one",
      answer: String(value - 1),
      steps: [...GENERIC_STEPS, `Counting gives ${value - 1}.`],
    },
  ];
  if (value !== 0)
    wrong.push({
      kind: "sign-error",
      answer: String(-value),
      steps: [...GENERIC_STEPS, `This gives ${-value}.`],
    });
  return wrong;
}

function buildModel(problem: EsplProblem): ProblemModel {
  const meta = problemMetaSchema.safeParse(problem.meta ?? {});
  const fields = meta.success ? meta.data : {};
  const category = isCategoryId(fields.category)
    ? getCategory(fields.category)
    : classifyQuestion(problem.question);
  const difficulty = isDifficulty(fields.difficulty) ? fields.difficulty : DEFAULT_DIFFICULTY;
  const answer = problem.answer.trim();
  let right: WrittenSolution = {
    answer,
    steps: [...GENERIC_STEPS, "Collecting the pieces gives the result."],
  };
  let wrong: WrongSolution[] = [];
  if (category && fields.params) {
    try {
      const solved = category.solve(fields.params);
      // Trust the stored answer over our re-derivation; reuse the worked steps only when they agree.
      if (String(solved.answer) === answer) right = { answer, steps: solved.steps };
      const seen = new Set([answer]);
      for (const slip of category.slips(fields.params)) {
        const text = String(slip.answer);
        if (seen.has(text)) continue;
        seen.add(text);
        wrong.push({ kind: slip.kind, answer: text, steps: slip.steps });
      }
    } catch {
      // Malformed params: fall back to generic reasoning below.
      wrong = [];
    }
  }
  if (wrong.length === 0) wrong = genericWrong(answer);
  return { category, difficulty, right, wrong };
}

const models = new WeakMap<EsplProblem, ProblemModel>();

/** Cached per problem object: the engine passes the same objects for a whole run. */
export function readProblemModel(problem: EsplProblem): ProblemModel {
  let model = models.get(problem);
  if (!model) {
    model = buildModel(problem);
    models.set(problem, model);
  }
  return model;
}
