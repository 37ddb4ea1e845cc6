/**
 * `espl eval`'s options read into an evaluation spec (pure): comma lists of checkpoint and program
 * selectors, the dataset, split, samples, seed, problem cap, sampling parameters and transfer backend, checked by the
 * evaluation spec's schema so a mistake fails with exit 2 before the database starts.
 */
import {
  parseSelectorList,
  readEvaluationSpec,
  type EvaluationSpec,
} from "@/lib/domain/evaluations/evaluation-spec";
import { usageError } from "./cli-error";

export const EVAL_OPTIONS = {
  help: { type: "boolean", short: "h" },
  checkpoints: { type: "string" },
  programs: { type: "string" },
  dataset: { type: "string" },
  split: { type: "string" },
  samples: { type: "string" },
  seed: { type: "string" },
  "max-problems": { type: "string" },
  backend: { type: "string" },
  temperature: { type: "string" },
  "top-p": { type: "string" },
  "max-tokens": { type: "string" },
  wait: { type: "boolean" },
  json: { type: "boolean" },
} as const;

export interface EvalCommand {
  kind: "eval";
  run: string;
  spec: EvaluationSpec;
  wait: boolean;
  json: boolean;
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function readInt(values: Values, key: string): number | undefined {
  const raw = values[key] as string | undefined;
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw usageError(`--${key} must be a whole number, got "${raw}"`, "eval");
  return Number(raw);
}

function readNumber(values: Values, key: string): number | undefined {
  const raw = values[key] as string | undefined;
  if (raw === undefined) return undefined;
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(raw)) throw usageError(`--${key} must be a number, got "${raw}"`, "eval");
  return Number(raw);
}

export function buildEval(values: Values, run: string): EvalCommand {
  const checkpoints = values.checkpoints as string | undefined;
  const programs = values.programs as string | undefined;
  // With --backend the grid may be that model's row alone.
  if (checkpoints === undefined && values.backend === undefined)
    throw usageError("--checkpoints is required (like base,final), or --backend NAME", "eval");
  if (programs === undefined) throw usageError("--programs is required (like root,best)", "eval");
  const samples = readInt(values, "samples");
  const seed = readInt(values, "seed");
  const maxProblems = readInt(values, "max-problems");
  const temperature = readNumber(values, "temperature");
  const topP = readNumber(values, "top-p");
  const maxTokens = readInt(values, "max-tokens");
  const read = readEvaluationSpec({
    checkpoints: checkpoints === undefined ? [] : parseSelectorList(checkpoints),
    programs: parseSelectorList(programs),
    ...(values.dataset === undefined ? {} : { dataset: values.dataset }),
    ...(values.split === undefined ? {} : { split: values.split }),
    ...(samples === undefined ? {} : { samples }),
    ...(seed === undefined ? {} : { seed }),
    ...(maxProblems === undefined ? {} : { maxProblems }),
    ...(values.backend === undefined ? {} : { backend: values.backend }),
    ...(temperature === undefined ? {} : { temperature }),
    ...(topP === undefined ? {} : { topP }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
  });
  if (!read.ok) throw usageError(read.message, "eval");
  return { kind: "eval", run, spec: read.spec, wait: values.wait === true, json: values.json === true };
}

export const EVAL_USAGE = `Usage: espl eval RUN --checkpoints LIST --programs LIST [options]

Queues an evaluation of the run: every (checkpoint × program) pair graded on a dataset split, by the
workers, and prints its id; with --wait it follows it and prints the grid (Pass@1, mean reward with its
95% t-interval over problems, n graded samples per cell). An imported run has no live weights: its cells
are its recorded test rollouts where its files hold them, the others say "needs a live backend".

Options:
  --checkpoints LIST   base, final, all, or a step number (base,final,20)
  --programs LIST      root, best, topK by μ − 3σ (top3), or a program id (root,best,7)
  --dataset NAME       a dataset of the run's project (default: the run's own)
  --split S            test (default) or train
  --samples T          samples per problem (default 4)
  --max-problems N     only the split's first N problems
  --seed N             the evaluation's seed (default 0): the same seed repeats the grid exactly
  --backend NAME       also grade the programs on this saved backend of the project: one more row,
                       "model: NAME" (that model, none of the run's weights); alone without --checkpoints
  --temperature X      sampling temperature of every cell (default: the run's)
  --top-p X            nucleus sampling's top p (default: the run's)
  --max-tokens N       longest completion in tokens (default: the run's)
  --wait               follow it to the end; exit 0 when it completed
  --json               print { "cells": [{ "checkpoint", "program", "status", "n", "metrics" }] }
  -h, --help           this help
`;
