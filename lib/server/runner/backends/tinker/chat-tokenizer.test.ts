/**
 * Chat rendering and tokenisation from the committed tiny-chat folder, and the datums the adapter sends
 * built exactly as SPEC §10.4 says (input = tokens[:-1], target = tokens[1:], zeros over the prompt).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildTrainingDatum } from "@/lib/espl/datums";
import { ChatTokenizer, TokenizerFolderError } from "./chat-tokenizer";
import { TINY_CHAT_TOKENIZER } from "./testdata/tiny-chat";

const tokenizer = new ChatTokenizer(TINY_CHAT_TOKENIZER);

describe("ChatTokenizer", () => {
  test("renders a user message with the template's special tokens and the generation prompt", () => {
    const { text, tokens } = tokenizer.render([{ role: "user", content: "What is 2+3?" }]);
    expect(text).toBe("<|begin|><|user|>What is 2+3?<|end|><|assistant|>");
    const id = (t: string) => tokenizer.tokenId(t)!;
    expect(tokens.slice(0, 2)).toEqual([id("<|begin|>"), id("<|user|>")]);
    expect(tokens.slice(-2)).toEqual([id("<|end|>"), id("<|assistant|>")]);
    // The special markers are single tokens, never spelled out in bytes.
    expect(tokens.filter((t) => t === id("<|end|>"))).toHaveLength(1);
  });

  test("renders system and multi-turn conversations in order", () => {
    expect(
      tokenizer.renderText([
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello" },
        { role: "user", content: "Bye" },
      ]),
    ).toBe(
      "<|begin|><|system|>Be brief.<|end|><|user|>Hi<|end|><|assistant|>Hello<|end|><|user|>Bye<|end|><|assistant|>",
    );
  });

  test("byte-level: any text round-trips exactly, and learnt merges make it shorter than its bytes", () => {
    for (const text of [
      "Let me work through this step by step.\n\nSo the answer is \\boxed{42}.",
      "  leading spaces, tabs\tand ünïcödé 😀 survive",
      "",
    ]) {
      const ids = tokenizer.encode(text);
      expect(tokenizer.decode(ids)).toBe(text);
    }
    const sentence = "Therefore, the final answer is $\\boxed{12}$.";
    expect(tokenizer.encode(sentence).length).toBeLessThan(new TextEncoder().encode(sentence).length);
  });

  test("parses a reply up to its stop token and declares that token as the sampler's stop", () => {
    const end = tokenizer.tokenId("<|end|>")!;
    expect(tokenizer.stopTokenIds).toEqual([end]);
    const body = tokenizer.encode("The answer is 7.");
    expect(tokenizer.parseReply([...body, end, ...tokenizer.encode("ignored")])).toBe("The answer is 7.");
    expect(tokenizer.parseReply(body)).toBe("The answer is 7.");
  });

  test("a folder without a chat template is refused with the reason", () => {
    const dir = mkdtempSync(join(tmpdir(), "tok-"));
    writeFileSync(
      join(dir, "tokenizer.json"),
      JSON.stringify({ model: { type: "BPE", vocab: {}, merges: [] } }),
    );
    writeFileSync(join(dir, "tokenizer_config.json"), JSON.stringify({ eos_token: "x" }));
    expect(() => new ChatTokenizer(dir)).toThrow(TokenizerFolderError);
    expect(() => new ChatTokenizer(dir)).toThrow(/chat_template/);
    expect(() => new ChatTokenizer(join(dir, "missing"))).toThrow(/cannot read/);
  });
});

describe("datums from rendered prompts (SPEC §10.4)", () => {
  test("shifted tokens, zero logprob and advantage over the observation, A on every sampled token", () => {
    const prompt = tokenizer.render([{ role: "user", content: "Compute 3*4." }]).tokens;
    const sampled = [...tokenizer.encode("It is \\boxed{12}."), tokenizer.stopTokenIds[0]!];
    const logprobs = sampled.map((_, i) => -0.1 * (i + 1));
    const datum = buildTrainingDatum(prompt, sampled, logprobs, 0.75);
    const full = [...prompt, ...sampled];
    const ob = prompt.length - 1;
    expect(datum.inputTokens).toEqual(full.slice(0, -1));
    expect(datum.targetTokens).toEqual(full.slice(1));
    expect(datum.logprobs).toEqual([...new Array(ob).fill(0), ...logprobs]);
    expect(datum.advantages).toEqual([...new Array(ob).fill(0), ...new Array(sampled.length).fill(0.75)]);
    // The last prompt token (the generation prompt) predicts the first sampled token with its logprob.
    expect(datum.targetTokens[ob]).toBe(sampled[0]);
    expect(datum.logprobs[ob]).toBe(logprobs[0]);
  });
});
