/** The simulated server over real HTTP: wire format, request validation, auth, and each fault. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  chatCompletionSchema,
  completionSchema,
  modelListSchema,
} from "@/lib/server/runner/backends/openai/wire-schemas";
import { FaultPlan } from "./faults";
import { readQuestion } from "./sim-answers";
import { startSimOpenAIServer, type SimOpenAIServer } from "./sim-openai-server";

let server: SimOpenAIServer;
beforeAll(async () => {
  server = await startSimOpenAIServer({ seed: 3, apiKey: "k" });
});
afterAll(() => server.close());

const post = (path: string, body: unknown, key = "k") =>
  fetch(`${server.baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
const chat = {
  model: "sim-policy",
  n: 2,
  max_tokens: 300,
  messages: [{ role: "user", content: "What is 2+3?" }],
};

describe("sim-openai server", () => {
  test("speaks the wire format the driver validates", async () => {
    const models = await fetch(`${server.baseUrl}/models`, { headers: { authorization: "Bearer k" } });
    expect(modelListSchema.parse(await models.json()).data.map((m) => m.id)).toEqual([
      "sim-policy",
      "sim-reflection",
    ]);
    const reply = chatCompletionSchema.parse(
      await (await post("/chat/completions", { ...chat, logprobs: true })).json(),
    );
    expect(reply.choices).toHaveLength(2);
    expect(reply.choices[0]!.logprobs!.content!.length).toBeGreaterThan(0);
    expect(reply.usage!.completion_tokens).toBeGreaterThan(0);
    const text = completionSchema.parse(
      await (
        await post("/completions", {
          model: "sim-policy",
          prompt: "What is 2+3?",
          n: 1,
          logprobs: 1,
          return_token_ids: true,
        })
      ).json(),
    );
    expect(text.choices[0]!.token_ids!.length).toBe(text.choices[0]!.logprobs!.token_logprobs!.length);
  });

  test("refuses a bad key and a bad body with OpenAI-style errors", async () => {
    const unauthorized = await post("/chat/completions", chat, "wrong");
    expect(unauthorized.status).toBe(401);
    const bad = await post("/chat/completions", { ...chat, n: 0 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^n:/);
  });

  test("injects 429 with Retry-After, 5xx, dropped connections and malformed content", async () => {
    server.setFaults({
      rateLimit: { first: 1, retryAfterS: 7 },
      serverError: { first: 1, status: 502 },
      drop: { first: 1 },
      malformedContent: { first: 1, target: "reflection" },
    });
    // Drawn in this order: a drop, then a 429, then a 5xx.
    await expect(post("/chat/completions", chat)).rejects.toThrow();
    const limited = await post("/chat/completions", chat);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "7"]);
    expect((await post("/chat/completions", chat)).status).toBe(502);
    expect((await post("/chat/completions", chat)).status).toBe(200);
    const reflection = chatCompletionSchema.parse(
      await (await post("/chat/completions", { ...chat, model: "sim-reflection", n: 1 })).json(),
    );
    expect(() => JSON.parse(reflection.choices[0]!.message.content!.split("```json\n")[1]!)).toThrow();
    expect(server.stats().injected).toMatchObject({
      rateLimit: 1,
      serverError: 1,
      drop: 1,
      malformedContent: 1,
    });
    server.setFaults({});
  });
});

describe("FaultPlan", () => {
  test("first N, then a seeded rate, only for its target", () => {
    const plan = new FaultPlan({ serverError: { first: 2, rate: 0.5, target: "policy" } }, 1);
    expect(plan.draw("serverError", "reflection")).toBe(false);
    expect([plan.draw("serverError", "policy"), plan.draw("serverError", "policy")]).toEqual([true, true]);
    const later = Array.from({ length: 400 }, () => plan.draw("serverError", "policy")).filter(
      Boolean,
    ).length;
    expect(later).toBeGreaterThan(150);
    expect(later).toBeLessThan(250);
    expect(() => plan.replace({ rateLimit: { rate: 2 } })).toThrow();
  });

  test("reads the problem out of a rendered policy prompt", () => {
    expect(
      readQuestion(
        "Solve the following problem.\nWhat is 1+1?\n\nBefore you start working on it, you MUST read carefully and ...",
      ),
    ).toBe("What is 1+1?");
    expect(readQuestion("  What is 1+1? ")).toBe("What is 1+1?");
  });
});
