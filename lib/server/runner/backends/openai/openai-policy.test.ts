/** The policy driver against a real HTTP server (the simulated one), both APIs, and the pure mapping. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startSimOpenAIServer, type SimOpenAIServer } from "@/lib/tools/sim-servers/openai/sim-openai-server";
import { OpenAIPolicy, toCompletions } from "./openai-policy";

let server: SimOpenAIServer;
beforeAll(async () => {
  server = await startSimOpenAIServer({ seed: 1 });
});
afterAll(() => server.close());

const connection = (options: object) => ({
  id: `t-${Math.random()}`,
  kind: "openai_compatible" as const,
  baseUrl: server.baseUrl,
  apiKey: null,
  models: { policy: "sim-policy" },
  options,
});
const problem = { index: 0, question: "What is 6 times 7?", answer: "42" };
const params = { temperature: 0.7, topP: 0.95, maxTokens: 400 };

describe("OpenAIPolicy", () => {
  test("chat API: n samples per request with logprobs and usage counts", async () => {
    const policy = new OpenAIPolicy(connection({}));
    const [group] = await policy.sample([{ problem, prompt: problem.question, n: 3 }], params);
    expect(group).toHaveLength(3);
    for (const c of group!) {
      expect(c.text.length).toBeGreaterThan(0);
      expect(c.logprobs!.length).toBe(c.completionTokenCount);
      expect(c.promptTokenCount).toBeGreaterThan(0);
    }
    await expect(policy.train()).rejects.toThrow(/samples only and cannot train/);
  });

  test("completions API with vLLM token ids returns prompt and completion ids", async () => {
    const policy = new OpenAIPolicy(connection({ policyApi: "completions", returnTokenIds: true }));
    const [group] = await policy.sample([{ problem, prompt: problem.question, n: 2 }], params);
    expect(group).toHaveLength(2);
    for (const c of group!) {
      expect(c.tokens!.length).toBe(c.logprobs!.length);
      expect(c.promptTokens!.length).toBe(c.promptTokenCount);
    }
  });

  test("a reply that is not a completion fails the call with a final error", async () => {
    server.setFaults({ malformedBody: { first: 1 } });
    const policy = new OpenAIPolicy(connection({}));
    await expect(policy.sample([{ problem, prompt: problem.question, n: 1 }], params)).rejects.toThrow(
      /policy backend/,
    );
    server.setFaults({});
  });
});

describe("toCompletions", () => {
  test("splits the reply's completion tokens over choices without their own count", () => {
    const out = toCompletions({
      choices: [{ text: "a" }, { text: "b", logprobs: [-1, -2] }, { text: "c" }],
      promptTokenCount: 9,
      completionTokenCount: 7,
    });
    expect(out.map((c) => c.completionTokenCount)).toEqual([3, 2, 2]);
    expect(out.every((c) => c.promptTokenCount === 9)).toBe(true);
  });
});
