import { z } from "zod";
import type { Principle } from "../../types";
import type { ChatFn } from "../../llm/chat";
import { pyEntriesToJsonObject } from "../../llm/python-repr";
import { runPrincipleUpdater, shouldCreateMutationChild } from "../../mutation/run-principle-updater";
import { MUTATION_PURPOSES } from "../../mutation/types";
import type { PrincipleUpdaterResult } from "../../mutation/types";
import { compare, fail, findKeyOrderDifference, pass } from "../compare";
import type { CaseChecker } from "../types";

const rolloutSchema = z.object({
  runid: z.number().int(),
  prompt: z.string(),
  problem: z.string(),
  groundtruth: z.union([z.string(), z.number()]),
  reward: z.number(),
  trajectories: z.array(
    z.object({ trajectory: z.array(z.object({ role: z.string(), content: z.string() })) }),
  ),
});

const inputSchema = z.object({
  principles: z.record(z.string(), z.string()),
  rollouts: z.array(rolloutSchema),
  max_operations: z.number().int(),
  llm_responses: z.object({ summary: z.array(z.string()), critique: z.array(z.string()), batch: z.string() }),
});

const expectedSchema = z.looseObject({
  new_principles: z.record(z.string(), z.string()).nullable(),
  pre_renumber_principles: z.record(z.string(), z.unknown()).optional(),
});

/** The i-th call of each stage gets the i-th scripted reply; running out is a failed call. */
function scriptedChat(responses: z.infer<typeof inputSchema>["llm_responses"]): ChatFn {
  const used = { summary: 0, critique: 0, batch: 0 };
  return async (request) => {
    if (request.purpose === MUTATION_PURPOSES.summary) {
      const reply = responses.summary[used.summary++];
      if (reply === undefined) throw new Error("no scripted summary reply left");
      return reply;
    }
    if (request.purpose === MUTATION_PURPOSES.critique) {
      const reply = responses.critique[used.critique++];
      if (reply === undefined) throw new Error("no scripted critique reply left");
      return reply;
    }
    if (request.purpose === MUTATION_PURPOSES.batch && used.batch++ === 0) return responses.batch;
    throw new Error(`unexpected chat request ${request.purpose}`);
  };
}

function slotsOf(result: PrincipleUpdaterResult, stage: "summary" | "critique" | "batch"): unknown[] {
  return result.calls.filter((c) => c.stage === stage).map((c) => c.slots);
}

/** The result in the vectors' vocabulary; only the keys the case expects are compared. */
function toVectorShape(result: PrincipleUpdaterResult): Record<string, unknown> {
  return {
    error: result.error?.type ?? null,
    new_principles:
      result.newPrinciples && Object.fromEntries(result.newPrinciples.map((p) => [p.id, p.text])),
    summary_calls: slotsOf(result, "summary"),
    critique_calls: slotsOf(result, "critique"),
    batch_calls: slotsOf(result, "batch"),
    critique_operations: result.critiqueOperations,
    batch_all_operations: result.allOperations,
    revision_plan: result.revisionPlan,
    pre_renumber_principles:
      result.preRenumberPrinciples && pyEntriesToJsonObject(result.preRenumberPrinciples),
    child_created_by_main: shouldCreateMutationChild(result),
  };
}

export const check: CaseChecker = async (testCase) => {
  const parsed = inputSchema.safeParse(testCase.input);
  const expected = expectedSchema.safeParse(testCase.expected);
  if (!parsed.success) return fail(`bad input: ${parsed.error.message}`);
  if (!expected.success) return fail(`bad expected: ${expected.error.message}`);
  const { data } = parsed;
  const principles: Principle[] = Object.entries(data.principles).map(([id, text]) => ({ id, text }));
  const result = await runPrincipleUpdater({
    principles,
    rollouts: data.rollouts,
    maxOperations: data.max_operations,
    chat: scriptedChat(data.llm_responses),
  });
  const shape = toVectorShape(result);
  const actual = Object.fromEntries(Object.keys(expected.data).map((k) => [k, shape[k]]));
  const verdict = compare(actual, expected.data);
  if (!verdict.ok) return verdict;
  for (const key of ["new_principles", "pre_renumber_principles"] as const) {
    const e = expected.data[key];
    const a = actual[key];
    if (e && a && typeof a === "object") {
      const order = findKeyOrderDifference(a, e, `$.${key}`);
      if (order) return fail(order);
    }
  }
  return pass;
};
