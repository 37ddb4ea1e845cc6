import { beforeAll, describe, expect, test } from "vitest";
import { runCrossover } from "../crossover/run-crossover";
import { gradeAnswer } from "../grading/grade-answer";
import type { ChatFn, ChatRequest } from "../llm/chat";
import { extractJsonBody, fixJsonBackslashes, getOperationsFromJson } from "../llm/json-repair";
import { runPrincipleUpdater } from "../mutation/run-principle-updater";
import type { RolloutRecord } from "../mutation/types";
import { MUTATION_PURPOSES } from "../mutation/types";
import { buildPolicyPrompt } from "../prompts/policy-prompt";
import type { Principle } from "../types";
import { getCategory } from "./categories";
import { readPrincipleInsights } from "./insight-detector";
import { generateSuite } from "./problem-suite";
import type { SimProblem } from "./problem-suite";
import type { ReplyFlaw } from "./reply-writer";
import { SimPolicy } from "./sim-policy";
import { answerReflectionRequest, createCategoryLookup, createSimReflection } from "./sim-reflection";

const SEED = 21;
const suite = generateSuite({ seed: SEED });
const lookup = createCategoryLookup(suite);

interface Exchange {
  request: ChatRequest;
  reply: string;
  flaws: ReplyFlaw[];
}

/** The simulator's ChatFn, recording each reply with the flaws put into it. */
function createRecordingChat(seed: number, exchanges: Exchange[]): ChatFn {
  return async (request) => {
    const answer = answerReflectionRequest(request, seed, lookup);
    exchanges.push({ request, ...answer });
    return answer.reply;
  };
}

async function sampleRollouts(policy: SimPolicy, principles: Principle[], batch: SimProblem[]) {
  const requests = batch.map((problem) => ({
    problem,
    prompt: buildPolicyPrompt(principles, problem.question, "train"),
    n: 5,
  }));
  const results = await policy.sample(requests, { temperature: 0.7, topP: 0.95, maxTokens: 15000 });
  return results.flatMap((group, i): RolloutRecord[] =>
    group.map((completion, g) => ({
      runid: g,
      prompt: requests[i]!.prompt,
      problem: batch[i]!.question,
      groundtruth: batch[i]!.answer,
      reward: gradeAnswer(completion.text, batch[i]!.answer).reward,
      trajectories: [
        {
          trajectory: [
            { role: "user", content: requests[i]!.prompt },
            { role: "assistant", content: completion.text },
          ],
        },
      ],
    })),
  );
}

/** A demo-sized evolution run through the engine's own mutation pipeline (no RL, always keep the child). */
const demo = {
  exchanges: [] as Exchange[],
  programs: [[]] as Principle[][],
  errors: [] as { stage: string; type: string }[],
};

beforeAll(async () => {
  const policy = new SimPolicy({ seed: SEED });
  const chat = createRecordingChat(SEED, demo.exchanges);
  for (let step = 0; step < 30; step++) {
    const principles = demo.programs.at(-1)!;
    const batch = suite.train.slice(step * 8, step * 8 + 10);
    const result = await runPrincipleUpdater({
      principles,
      rollouts: await sampleRollouts(policy, principles, batch),
      maxOperations: 2,
      chat,
    });
    if (result.error) demo.errors.push(result.error);
    demo.programs.push(
      result.newPrinciples && result.newPrinciples.length > 0 ? result.newPrinciples : principles,
    );
  }
});

const jsonExchanges = () => demo.exchanges.filter((e) => e.request.purpose !== MUTATION_PURPOSES.summary);
const withFlaw = (flaw: ReplyFlaw) => jsonExchanges().filter((e) => e.flaws.includes(flaw));
const isOperationList = (value: unknown) =>
  Array.isArray(value) &&
  value.every(
    (op) =>
      typeof op === "object" && op !== null && typeof (op as { operation?: unknown }).operation === "string",
  );

describe("simulated reflection in the engine's mutation pipeline", () => {
  test("replies depend only on the seed and the request", async () => {
    const sample = demo.exchanges.filter((_, i) => i % 37 === 0);
    for (const { request, reply } of sample)
      expect(answerReflectionRequest(request, SEED, lookup).reply).toBe(reply);
    const other = sample.map(({ request }) => answerReflectionRequest(request, SEED + 1, lookup).reply);
    expect(other).not.toEqual(sample.map((e) => e.reply));
  });

  test("most replies parse cleanly with the engine's parser", () => {
    const all = jsonExchanges();
    const clean = all.filter(
      (e) => !e.flaws.some((f) => f === "prose" || f === "trailing-comma" || f === "bare-object"),
    );
    expect(clean.length / all.length).toBeGreaterThan(0.85);
    for (const { reply } of clean) expect(isOperationList(getOperationsFromJson(reply)), reply).toBe(true);
  });

  test("every kind of imperfection occurs in a demo-sized run", () => {
    const kinds: ReplyFlaw[] = ["prose", "bare-object", "comments", "trailing-comma", "unknown-id", "latex"];
    for (const kind of kinds) expect(withFlaw(kind).length, kind).toBeGreaterThan(0);
  });

  test("imperfect replies exercise the repair and failure paths", () => {
    for (const { reply } of withFlaw("comments")) {
      expect(() => JSON.parse(fixJsonBackslashes(extractJsonBody(reply)))).toThrow();
      expect(isOperationList(getOperationsFromJson(reply))).toBe(true);
    }
    for (const { reply, flaws } of withFlaw("latex")) {
      const repaired = JSON.stringify(getOperationsFromJson(reply));
      if (!flaws.includes("trailing-comma")) expect(repaired).toMatch(/\\\\[a-z]+/);
      let strict: unknown = null;
      try {
        strict = JSON.parse(extractJsonBody(reply));
      } catch {
        strict = "rejected";
      }
      expect(JSON.stringify(strict)).not.toBe(repaired);
    }
    for (const { reply } of withFlaw("trailing-comma")) {
      expect(extractJsonBody(reply)).toContain('"operation"');
      expect(getOperationsFromJson(reply)).toEqual([]);
    }
    for (const { reply } of withFlaw("prose")) {
      expect(reply).not.toContain("```json");
      expect(getOperationsFromJson(reply)).toEqual([]);
    }
    for (const { reply } of withFlaw("bare-object")) {
      const parsed = getOperationsFromJson(reply);
      expect(typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)).toBe(true);
    }
  });

  test("unknown ids name principles that do not exist", () => {
    for (const { request, reply, flaws } of withFlaw("unknown-id")) {
      if (flaws.includes("trailing-comma") || flaws.includes("bare-object")) continue;
      const context = request.context as { principles?: Principle[]; candidates?: { id: unknown }[] };
      const known = new Set<unknown>((context.candidates ?? context.principles ?? []).map((p) => p.id));
      const named = (getOperationsFromJson(reply) as Record<string, unknown>[]).flatMap((op) => [
        ...(op["modified_from"] === undefined ? [] : [op["modified_from"]]),
        ...(Array.isArray(op["merged_from"]) ? op["merged_from"] : []),
      ]);
      expect(
        named.some((id) => !known.has(id)),
        reply,
      ).toBe(true);
    }
  });

  test("critiques often propose the insight the failed problem needed", () => {
    const critiques = demo.exchanges.filter((e) => e.request.purpose === MUTATION_PURPOSES.critique);
    const needing = critiques.filter(({ request }) => {
      const context = request.context as { problem: string; principles: Principle[] };
      const id = lookup(context.problem)!.id;
      return !context.principles.some((p) => readPrincipleInsights(p.text).helpful.includes(id));
    });
    const proposing = needing.filter(({ request, reply }) => {
      const id = lookup((request.context as { problem: string }).problem)!.id;
      const ops = getOperationsFromJson(reply);
      return (
        Array.isArray(ops) &&
        ops.some((op: { operation?: unknown; principle?: unknown }) => {
          return op.operation === "add" && readPrincipleInsights(String(op.principle)).helpful.includes(id);
        })
      );
    });
    expect(needing.length).toBeGreaterThan(20);
    expect(proposing.length / needing.length).toBeGreaterThan(0.35);
  });

  test("evolution finds insights that raise the success rate; only bare-object critiques abort", () => {
    const policy = new SimPolicy({ seed: SEED });
    const accuracy = (principles: Principle[]) =>
      suite.test.reduce(
        (sum, p) => sum + policy.successProbability(p, buildPolicyPrompt(principles, p.question, "test")),
        0,
      ) / suite.test.length;
    expect(accuracy(demo.programs.at(-1)!)).toBeGreaterThan(accuracy([]) + 0.1);
    expect(demo.errors.every((e) => e.stage === "critique" && e.type === "TypeError")).toBe(true);
  });

  test("summaries are numbered step lists that compare with the reference answer", () => {
    const summaries = demo.exchanges.filter((e) => e.request.purpose === MUTATION_PURPOSES.summary);
    expect(summaries.length).toBeGreaterThan(50);
    for (const { request, reply } of summaries.slice(0, 20)) {
      expect(reply).toMatch(/^1\. /);
      const truth = String((request.context as { groundtruth: string }).groundtruth);
      expect(reply).toMatch(new RegExp(`reference answer (is )?${truth}\\b`));
    }
  });
});

describe("simulated reflection for crossover", () => {
  const parity = getCategory("parity");
  const pigeonhole = getCategory("pigeonhole");
  const parityProblem = suite.train.find((p) => p.meta.category === "parity")!;
  const pigeonholeProblem = suite.train.find((p) => p.meta.category === "pigeonhole")!;
  const input = {
    slots: [
      {
        programId: 4,
        principles: [
          { id: "G0", text: parity.insights[0]! },
          { id: "G1", text: pigeonhole.misleading },
        ],
      },
      { programId: 7, principles: [{ id: "G0", text: pigeonhole.insights[1]! }] },
    ],
    rankedUniqueSlots: [0, 1],
    // Set A wins the parity problem outright, Set B the pigeonhole one.
    rewards: [
      [
        [1, 1, 1, 0, 1],
        [0, 0, 0, 0, 0],
      ],
      [
        [0, 1, 0, 0, 0],
        [1, 1, 0, 1, 0],
      ],
    ],
    problems: [parityProblem.question, pigeonholeProblem.question],
  };

  test("borrows the winning set's insight and drops Set A's misleading principle", async () => {
    let improved = 0;
    for (let seed = 0; seed < 20; seed++) {
      const event = await runCrossover(input, createSimReflection({ seed, suite }));
      expect(event.status === "child" || event.status === "no-child").toBe(true);
      if (event.status !== "child") continue;
      const texts = event.principles.map((p) => p.text);
      if (texts.includes(pigeonhole.insights[1]!) && !texts.includes(pigeonhole.misleading)) improved += 1;
      expect(texts).toContain(parity.insights[0]);
    }
    expect(improved).toBeGreaterThanOrEqual(15);
  });

  test("works from the question wording alone when no suite is given", async () => {
    const event = await runCrossover(input, createSimReflection({ seed: 3 }));
    expect(event.status).toBe("child");
  });
});

describe("simulated reflection errors", () => {
  const chat = createSimReflection({ seed: 1, suite });

  test("rejects unknown purposes and malformed contexts with clear messages", async () => {
    await expect(chat({ purpose: "policy.sample", messages: [] })).rejects.toThrow(
      /no answer for requests of purpose/,
    );
    await expect(
      chat({ purpose: MUTATION_PURPOSES.critique, messages: [], context: { stage: "critique" } }),
    ).rejects.toThrow(/context of a "mutation.critique" request is malformed/);
    await expect(chat({ purpose: "crossover", messages: [], context: { sets: [] } })).rejects.toThrow(
      /malformed/,
    );
    expect(() => createSimReflection({ seed: -1 })).toThrow(RangeError);
  });
});
