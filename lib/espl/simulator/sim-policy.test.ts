import { describe, expect, test } from "vitest";
import { gradeAnswer } from "../grading/grade-answer";
import type { EsplProblem, SampleRequest, SamplingParams } from "../ports";
import { buildPolicyPrompt } from "../prompts/policy-prompt";
import type { Principle } from "../types";
import { getCategory } from "./categories";
import type { CategoryId } from "./category-types";
import { FAKE_TOKENS, tokenizeText } from "./completion-text";
import { generateSuite } from "./problem-suite";
import type { SimProblem } from "./problem-suite";
import { SimPolicy } from "./sim-policy";
import { SUCCESS_MODEL } from "./success-model";

const PARAMS: SamplingParams = { temperature: 0.7, topP: 0.95, maxTokens: 15000 };
const suite = generateSuite({ seed: 5 });
const problemsOf = (id: CategoryId) => suite.train.filter((p) => p.meta.category === id);
const insightOf = (id: CategoryId): Principle[] => [{ id: "G0", text: getCategory(id).insights[0]! }];
const requestsFor = (
  problems: readonly EsplProblem[],
  principles: Principle[] = [],
  n = 5,
): SampleRequest[] =>
  problems.map((problem) => ({
    problem,
    prompt: buildPolicyPrompt(principles, problem.question, "train"),
    n,
  }));

function gradeAll(requests: readonly SampleRequest[], results: { text: string }[][]): number[] {
  return results.flatMap((group, i) =>
    group.map((c) => gradeAnswer(c.text, requests[i]!.problem.answer).reward),
  );
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("SimPolicy sampling", () => {
  test("is labelled simulated and returns n well-formed completions per request", async () => {
    const policy = new SimPolicy({ seed: 1 });
    expect(policy.simulated).toBe(true);
    const requests = requestsFor(suite.train.slice(0, 4), insightOf("parity"), 3);
    const results = await policy.sample(requests, PARAMS);
    expect(results.map((g) => g.length)).toEqual([3, 3, 3, 3]);
    for (const completion of results.flat()) {
      expect(completion.text).toMatch(/\\boxed\{-?\d+\}/);
      expect(completion.tokens!.length).toBe(completion.logprobs!.length);
      expect(completion.tokens!.at(-1)).toBe(FAKE_TOKENS.stop);
      expect(completion.tokens!.slice(0, -1)).toEqual(tokenizeText(completion.text).ids);
      expect(completion.completionTokenCount).toBe(completion.tokens!.length);
      expect(completion.promptTokenCount).toBe(completion.promptTokens!.length);
      expect(completion.logprobs!.every((lp) => lp <= 0 && Number.isFinite(lp))).toBe(true);
    }
  });

  test("is deterministic and independent of call order, batching and concurrency", async () => {
    const requests = requestsFor(suite.train.slice(0, 12), insightOf("modular-arithmetic"));
    const together = await new SimPolicy({ seed: 7 }).sample(requests, PARAMS);
    expect(await new SimPolicy({ seed: 7 }).sample(requests, PARAMS)).toEqual(together);
    const reversed = await new SimPolicy({ seed: 7 }).sample([...requests].reverse(), PARAMS);
    expect([...reversed].reverse()).toEqual(together);
    const split = new SimPolicy({ seed: 7 });
    const halves = await Promise.all([
      split.sample(requests.slice(6), PARAMS),
      split.sample(requests.slice(0, 6), PARAMS),
    ]);
    expect([...halves[1], ...halves[0]]).toEqual(together);
    expect(await new SimPolicy({ seed: 8 }).sample(requests, PARAMS)).not.toEqual(together);
  });

  test("a program selected twice gets fresh samples for each slot", async () => {
    const [request] = requestsFor([suite.train[0]!], [], 20);
    const [first, second] = await new SimPolicy({ seed: 3 }).sample([request!, request!], PARAMS);
    expect(first).not.toEqual(second);
  });

  test("the right insight in the prompt raises the success rate", async () => {
    for (const id of ["parity", "inclusion-exclusion", "stars-and-bars"] as const) {
      const problems = problemsOf(id);
      const policy = new SimPolicy({ seed: 11 });
      const plain = requestsFor(problems, [], 10);
      const guided = requestsFor(problems, insightOf(id), 10);
      const plainRate = mean(gradeAll(plain, await policy.sample(plain, PARAMS)));
      const guidedRate = mean(gradeAll(guided, await policy.sample(guided, PARAMS)));
      expect(guidedRate, id).toBeGreaterThan(plainRate + 0.15);
      // Another category's insight does not help here.
      const other = requestsFor(problems, insightOf(id === "parity" ? "pigeonhole" : "parity"));
      expect(mean(problems.map((p, i) => policy.successProbability(p, other[i]!.prompt)))).toBeCloseTo(
        mean(problems.map((p, i) => policy.successProbability(p, plain[i]!.prompt))),
        10,
      );
    }
  });

  test("misleading, contradictory and bloated prompts cost accuracy", () => {
    const policy = new SimPolicy({ seed: 2 });
    const problem = problemsOf("pigeonhole")[0]!;
    const p = (principles: Principle[]) =>
      policy.successProbability(problem, buildPolicyPrompt(principles, problem.question, "train"));
    const base = p([]);
    const category = getCategory("pigeonhole");
    expect(p([{ id: "G0", text: category.misleading }])).toBeLessThan(base);
    const parity = getCategory("parity");
    const contradictory = [
      { id: "G0", text: parity.insights[0]! },
      { id: "G1", text: parity.misleading },
    ];
    expect(
      policy.explain(problem, buildPolicyPrompt(contradictory, problem.question, "train")).contradiction,
    ).toBe(-SUCCESS_MODEL.contradictionPenalty);
    const filler = Array.from({ length: 30 }, (_, i) => ({
      id: `G${i}`,
      text: `Filler principle number ${i} says little.`,
    }));
    expect(p(filler)).toBeLessThan(base);
  });

  test("harder problems are solved less often", () => {
    const policy = new SimPolicy({ seed: 4 });
    const byDifficulty = [1, 5].map((d) =>
      mean(
        suite.train
          .filter((p) => p.meta.difficulty === d)
          .map((p) => policy.successProbability(p, p.question)),
      ),
    );
    expect(byDifficulty[0]).toBeGreaterThan(byDifficulty[1]! + 0.3);
  });

  test("max tokens cuts the completion before its stop token", async () => {
    const results = await new SimPolicy({ seed: 1 }).sample(requestsFor([suite.train[0]!], [], 1), {
      ...PARAMS,
      maxTokens: 5,
    });
    const cut = results[0]?.[0];
    expect(cut!.tokens).toHaveLength(5);
    expect(cut!.tokens).not.toContain(FAKE_TOKENS.stop);
    expect(tokenizeText(cut!.text).ids).toEqual(cut!.tokens);
  });

  test("problems from elsewhere (no meta) get generic reasoning the grader scores correctly", async () => {
    const foreign: EsplProblem = {
      index: 0,
      question: "Compute the number of lattice points on the circle.",
      answer: "12",
    };
    const requests = requestsFor([foreign], [], 40);
    const policy = new SimPolicy({ seed: 1 });
    const results = await policy.sample(requests, PARAMS);
    const rewards = gradeAll(requests, results);
    expect(new Set(rewards)).toEqual(new Set([0, 1]));
    results[0]!.forEach((c, i) => expect(c.text.includes("\\boxed{12}")).toBe(rewards[i] === 1));
    // Meta naming a category but with broken parameters falls back to the same generic reasoning.
    const broken: EsplProblem = { ...suite.train[0]!, meta: { category: "parity", params: { variant: 0 } } };
    const [group] = await policy.sample(requestsFor([broken], [], 4), PARAMS);
    expect(group).toHaveLength(4);
    expect(group!.every((c) => c.text.includes("Restate what is being asked"))).toBe(true);
  });

  test("rejects malformed requests and honours abort signals", async () => {
    const policy = new SimPolicy({ seed: 1 });
    const [request] = requestsFor([suite.train[0]!]);
    await expect(policy.sample([{ ...request!, n: -1 }], PARAMS)).rejects.toThrow(RangeError);
    await expect(policy.sample([request!], { ...PARAMS, maxTokens: 0 })).rejects.toThrow(RangeError);
    await expect(policy.sample([request!], PARAMS, AbortSignal.abort())).rejects.toThrow();
    expect(() => new SimPolicy({ seed: -2 })).toThrow(RangeError);
  });

  // Speed is reported by `npm run bench:engine`, not asserted here.
  test("samples 450 completions in one call", async () => {
    const policy = new SimPolicy({ seed: 1 });
    const requests = requestsFor(suite.train.slice(0, 30), insightOf("parity"));
    const all = [...requests, ...requests, ...requests];
    const results = await policy.sample(all, PARAMS);
    expect(results.flat()).toHaveLength(450);
  });
});

describe("SimPolicy training", () => {
  async function sampleAndScore(policy: SimPolicy, problems: SimProblem[]) {
    const requests = requestsFor(problems, [], 8);
    const results = await policy.sample(requests, PARAMS);
    return results.flatMap((group, i) =>
      group.map((completion) => ({
        problem: requests[i]!.problem,
        prompt: requests[i]!.prompt,
        completion,
        reward: gradeAnswer(completion.text, requests[i]!.problem.answer).reward,
      })),
    );
  }

  test("positive advantages on correct samples raise that category's success probability only", async () => {
    const policy = new SimPolicy({ seed: 6 });
    const target = problemsOf("complementary-counting");
    const bystander = problemsOf("parity")[0]!;
    const before = policy.successProbability(target[0]!, target[0]!.question);
    const bystanderBefore = policy.successProbability(bystander, bystander.question);
    const scored = await sampleAndScore(policy, target);
    const items = scored.filter((s) => s.reward === 1).map((s) => ({ ...s, advantage: 1 }));
    expect(items.length).toBeGreaterThan(0);
    const result = await policy.train({ items, learningRate: 4e-5, lossFn: "importance_sampling" });
    expect(policy.successProbability(target[0]!, target[0]!.question)).toBeGreaterThan(before);
    expect(policy.successProbability(bystander, bystander.question)).toBe(bystanderBefore);
    expect(policy.updateCount).toBe(1);
    expect(result.metrics["sim/items_used"]).toBe(items.length);
    expect(result.metrics["sim/mean_ratio"]).toBeCloseTo(1, 5);
    // Trained tokens: each item's prompt and completion, as sampled.
    const sent = items.reduce(
      (n, s) => n + s.completion.promptTokens!.length + s.completion.tokens!.length,
      0,
    );
    expect(sent).toBeGreaterThan(0);
    expect(result.metrics["train_tokens"]).toBe(sent);
  });

  test("negative advantages on correct samples lower it; a zero learning rate changes nothing", async () => {
    const policy = new SimPolicy({ seed: 6 });
    const target = problemsOf("pigeonhole");
    const before = policy.getSkills();
    const scored = await sampleAndScore(policy, target);
    const items = scored.filter((s) => s.reward === 1).map((s) => ({ ...s, advantage: -1 }));
    await policy.train({ items, learningRate: 0, lossFn: "ppo" });
    expect(policy.getSkills()).toEqual(before);
    await policy.train({ items, learningRate: 4e-5, lossFn: "cispo" });
    expect(policy.getSkills().pigeonhole).toBeLessThan(before.pigeonhole);
  });

  test("group-baseline REINFORCE steadily improves an untrained policy", async () => {
    const policy = new SimPolicy({ seed: 9 });
    const meanP = () => mean(suite.train.map((p) => policy.successProbability(p, p.question)));
    const start = meanP();
    for (let step = 0; step < 40; step++) {
      const batch = suite.train.slice((step * 10) % 250, ((step * 10) % 250) + 10);
      const scored = await sampleAndScore(policy, batch);
      const items = scored.map((s, i) => {
        const group = scored.slice(i - (i % 8), i - (i % 8) + 8);
        return { ...s, advantage: s.reward - mean(group.map((g) => g.reward)) };
      });
      await policy.train({ items, learningRate: 4e-5, lossFn: "importance_sampling" });
    }
    expect(meanP()).toBeGreaterThan(start + 0.03);
  });

  test("completions without a final answer add no gradient; bad requests are rejected", async () => {
    const policy = new SimPolicy({ seed: 1 });
    const problem = suite.train[0]!;
    const item = { problem, prompt: problem.question, completion: { text: "I ran out of" }, advantage: 1 };
    const result = await policy.train({ items: [item], learningRate: 4e-5, lossFn: "importance_sampling" });
    expect(result.metrics["sim/items_skipped"]).toBe(1);
    await expect(policy.train({ items: [], learningRate: Number.NaN, lossFn: "ppo" })).rejects.toThrow(
      RangeError,
    );
    await expect(
      policy.train({ items: [{ ...item, advantage: Infinity }], learningRate: 1e-5, lossFn: "ppo" }),
    ).rejects.toThrow(/advantage/);
    await expect(policy.train({ items: [], learningRate: 1e-5, lossFn: "sgd" as "ppo" })).rejects.toThrow(
      /loss function/,
    );
  });
});
