import { describe, expect, test } from "vitest";
import { ChatCallError, requestReply, type ChatFn } from "@/lib/espl/llm/chat";
import { completeUsage, describeBatch, emptyChatUsage, meterChat, SamplingLog } from "./usage-meter";

const request = { purpose: "crossover", messages: [{ role: "user" as const, content: "hi" }] };

function clock(...times: number[]) {
  return () => times.shift()!;
}

describe("meterChat", () => {
  test("adds latency, the fallback model and a cost from the prices", async () => {
    const chat: ChatFn = async () => ({
      text: "ok",
      usage: { ...emptyChatUsage(), promptTokens: 2_000_000, completionTokens: 1_000_000, retries: 1 },
    });
    const metered = meterChat(chat, {
      model: "gpt-x",
      prices: { inputPricePerM: 0.5, outputPricePerM: 2 },
      now: clock(100, 142.4),
    });
    expect(await requestReply(metered, request)).toEqual({
      ok: true,
      reply: "ok",
      usage: {
        model: "gpt-x",
        promptTokens: 2_000_000,
        completionTokens: 1_000_000,
        latencyMs: 42,
        retries: 1,
        costUsd: 3,
      },
    });
  });

  test("a text-only port: latency and model recorded, tokens and cost not recorded", async () => {
    const metered = meterChat(async () => "plain", { model: null, prices: null, now: clock(0, 7) });
    const outcome = await requestReply(metered, request);
    expect(outcome.usage).toEqual({ ...emptyChatUsage(), latencyMs: 7 });
  });

  test("a failed call keeps its retries and latency, and the error reads as the backend's", async () => {
    const chat: ChatFn = async () => {
      throw new ChatCallError(new Error("503 from upstream"), { ...emptyChatUsage(), retries: 5 });
    };
    const outcome = await requestReply(
      meterChat(chat, { model: "m", prices: null, now: clock(0, 9) }),
      request,
    );
    expect(outcome).toMatchObject({
      ok: false,
      error: { type: "Error", message: "503 from upstream" },
      usage: { model: "m", retries: 5, latencyMs: 9, promptTokens: null },
    });
  });

  test("no cost without token counts, even with prices", () => {
    expect(
      completeUsage({ ...emptyChatUsage(), promptTokens: 5 }, 1, {
        model: null,
        prices: { inputPricePerM: 1 },
      }).costUsd,
    ).toBeNull();
  });
});

describe("describeBatch", () => {
  const completion = (prompt: number | undefined, tokens: number | undefined) => ({
    text: "x",
    promptTokenCount: prompt,
    completionTokenCount: tokens,
  });

  test("each request's prompt counts once, every completion counts, priced with the prices", () => {
    const row = describeBatch(
      {
        requests: [{}, {}],
        completions: [
          [completion(100, 5), completion(100, 7)],
          [completion(40, 1), completion(40, 2), completion(40, 3)],
        ],
        latencyMs: 12.6,
        retries: 2,
      },
      { model: "qwen", prices: { inputPricePerM: 1, outputPricePerM: 10 } },
    );
    expect(row).toEqual({
      model: "qwen",
      requests: 2,
      samples: 5,
      promptTokens: 140,
      completionTokens: 18,
      latencyMs: 13,
      retries: 2,
      costUsd: (140 * 1 + 18 * 10) / 1e6,
    });
  });

  test("a completion without counts makes the batch's counts and cost not recorded", () => {
    const row = describeBatch(
      {
        requests: [{}],
        completions: [[completion(10, 1), completion(undefined, undefined)]],
        latencyMs: 1,
        retries: 0,
      },
      { model: null, prices: { inputPricePerM: 1 } },
    );
    expect(row).toMatchObject({ promptTokens: null, completionTokens: null, costUsd: null, samples: 2 });
  });

  test("token ids count when no count is given; the log hands each batch over once", () => {
    const log = new SamplingLog({ model: "m", prices: null });
    log.record({
      requests: [{}],
      completions: [[{ text: "x", promptTokens: [1, 2, 3], tokens: [4, 5] }]],
      latencyMs: 0,
      retries: 0,
    });
    expect(log.take()).toMatchObject([{ promptTokens: 3, completionTokens: 2 }]);
    expect(log.take()).toEqual([]);
  });
});
