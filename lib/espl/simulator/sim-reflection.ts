/**
 * The offline reflection LLM: a `ChatFn` that answers the engine's mutation and crossover requests from
 * their structured `context`, in the form real LLMs produce (reasoning, then a fenced JSON list), with
 * seeded imperfections (see reply-writer.ts). Each reply depends only on the seed and the request's own
 * content, so concurrent calls and retries give the same answers.
 */
import { CROSSOVER_PURPOSE } from "../crossover/run-crossover";
import type { ChatFn, ChatRequest } from "../llm/chat";
import { MUTATION_PURPOSES } from "../mutation/types";
import type { EsplProblem } from "../ports";
import { classifyQuestion, getCategory, isCategoryId } from "./categories";
import type { CategoryLookup } from "./categories";
import type { ProblemCategory } from "./category-types";
import { answerBatch } from "./reflect-batch";
import { answerCrossover } from "./reflect-crossover";
import { answerCritique, answerSummary } from "./reflect-mutation";
import {
  batchContextSchema,
  critiqueContextSchema,
  crossoverContextSchema,
  parseContext,
  summaryContextSchema,
} from "./reflection-contexts";
import type { ReflectionReply } from "./reply-writer";
import { createStreamRng, hashText } from "./stream-seed";

export interface SimReflectionOptions {
  seed: number;
  /** Problems whose meta names their category; without them, categories are read from the wording. */
  suite?: { train: readonly EsplProblem[]; test: readonly EsplProblem[] };
}

export function createCategoryLookup(suite: SimReflectionOptions["suite"]): CategoryLookup {
  const known = new Map<string, ProblemCategory>();
  for (const problem of [...(suite?.train ?? []), ...(suite?.test ?? [])]) {
    const category = problem.meta?.["category"];
    if (isCategoryId(category)) known.set(problem.question.trim(), getCategory(category));
  }
  return (question) => known.get(question.trim()) ?? classifyQuestion(question);
}

/** Context text for the stream key; a context JSON cannot express (a cycle, a BigInt) is then rejected by validation. */
function describeContext(context: unknown): string {
  try {
    return JSON.stringify(context) ?? "";
  } catch {
    return "";
  }
}

/** The reply and the flaws deliberately put into it (tests and demos can show which paths ran). */
export function answerReflectionRequest(
  request: ChatRequest,
  seed: number,
  lookup: CategoryLookup,
): ReflectionReply {
  const content = request.messages.map((m) => `${m.role}\n${m.content}`).join("\n");
  const rng = createStreamRng([
    seed,
    hashText(request.purpose),
    hashText(content),
    hashText(describeContext(request.context)),
  ]);
  switch (request.purpose) {
    case MUTATION_PURPOSES.summary:
      return {
        reply: answerSummary(parseContext(summaryContextSchema, request.purpose, request.context), lookup),
        flaws: [],
      };
    case MUTATION_PURPOSES.critique:
      return answerCritique(
        parseContext(critiqueContextSchema, request.purpose, request.context),
        lookup,
        rng,
      );
    case MUTATION_PURPOSES.batch:
      return answerBatch(parseContext(batchContextSchema, request.purpose, request.context), rng);
    case CROSSOVER_PURPOSE:
      return answerCrossover(
        parseContext(crossoverContextSchema, request.purpose, request.context),
        lookup,
        rng,
      );
    default:
      throw new Error(`simulated reflection has no answer for requests of purpose "${request.purpose}"`);
  }
}

export function createSimReflection(options: SimReflectionOptions): ChatFn {
  if (!Number.isSafeInteger(options.seed) || options.seed < 0)
    throw new RangeError(`simulator seed must be a safe non-negative integer, got ${options.seed}`);
  const lookup = createCategoryLookup(options.suite);
  return async (request) => answerReflectionRequest(request, options.seed, lookup).reply;
}
