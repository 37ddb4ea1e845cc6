/**
 * Simulated completions: a little reasoning and a final `\boxed{}` answer, with fake token ids and
 * logprobs of the shape a trainer returns. Nothing here is a real model output; the token ids are hashes
 * of text pieces in a DeepSeek-sized vocabulary, only so that token plumbing and counts are exercised.
 */
import type { Completion } from "../ports";
import type { RandomSource } from "./category-types";
import type { WrittenSolution } from "./problem-model";
import { pickOne } from "./stream-seed";

export const FAKE_VOCAB_SIZE = 129_280;
/** Fake special tokens (chat template and end of sequence); values are arbitrary but fixed. */
export const FAKE_TOKENS = Object.freeze({
  begin: 0,
  stop: 1,
  user: 128_803,
  assistant: 128_804,
  thinkEnd: 128_799,
});

const OPENINGS = [
  "Let me work through this step by step.",
  "We solve this carefully.",
  "Let's set up the computation.",
];
const CITATIONS = [
  (id: string) => `Principle [${id}] applies here, so I use it.`,
  (id: string) => `Following [${id}], I start from the key observation.`,
  (id: string) => `As [${id}] suggests, I organise the work around it.`,
];
const CLOSINGS = [
  (a: string) => `So the answer is \\boxed{${a}}.`,
  (a: string) => `Therefore, the final answer is $\\boxed{${a}}$.`,
  (a: string) => `Hence the result is \\boxed{${a}}.`,
];

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Token ids of the text and where each token ends (so truncation can cut the text at a token). */
export interface TokenizedText {
  ids: number[];
  ends: number[];
}

/**
 * Word-ish tokens: leading whitespace joins the next token; a run of ASCII letters is one token, any
 * other character (digits included) is its own, like BPE vocabularies that split numbers per digit.
 * A scanner that hashes as it goes (FNV-1a, as hashText), because sampling must stay fast.
 */
export function tokenizeText(text: string): TokenizedText {
  const ids: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let hash = 0x811c9dc5;
    while (i < n && isSpace(text.charCodeAt(i))) hash = Math.imul(hash ^ text.charCodeAt(i++), 0x01000193);
    if (i < n) {
      const first = text.charCodeAt(i);
      hash = Math.imul(hash ^ first, 0x01000193);
      i += 1;
      if (isLetter(first))
        while (i < n && isLetter(text.charCodeAt(i)))
          hash = Math.imul(hash ^ text.charCodeAt(i++), 0x01000193);
    }
    ids.push((hash >>> 0) % FAKE_VOCAB_SIZE);
    ends.push(i);
  }
  return { ids, ends };
}

/** The chat-rendered prompt: begin, user tag, the message, assistant tag, and the non-thinking marker. */
export function tokenizePrompt(prompt: string): number[] {
  const { ids } = tokenizeText(prompt);
  return [FAKE_TOKENS.begin, FAKE_TOKENS.user, ...ids, FAKE_TOKENS.assistant, FAKE_TOKENS.thinkEnd];
}

export interface WrittenCompletion {
  text: string;
  /** Equal to tokenizeText(text).ids. */
  tokenIds: number[];
}

/** A solution's steps recur in many completions; their tokens are computed once. */
const stepTokens = new WeakMap<WrittenSolution, { block: string; ids: number[] }>();

function readStepBlock(solution: WrittenSolution): { block: string; ids: number[] } {
  let cached = stepTokens.get(solution);
  if (!cached) {
    const block = `\n${solution.steps.join("\n")}`;
    cached = { block, ids: tokenizeText(block).ids };
    stepTokens.set(solution, cached);
  }
  return cached;
}

/**
 * Opening, optional citation of the principle the model leaned on, the worked steps, a blank line and the
 * boxed answer. Every chunk after the first starts with a newline and none ends in whitespace, so a token
 * never spans two chunks and the chunks' tokens concatenate to the whole text's tokens.
 */
export function writeCompletion(
  rng: RandomSource,
  solution: WrittenSolution,
  citedPrincipleId: string | null,
): WrittenCompletion {
  const chunks = [pickOne(rng, OPENINGS)];
  if (citedPrincipleId !== null) chunks.push(`\n${pickOne(rng, CITATIONS)(citedPrincipleId)}`);
  const closing = `\n\n${pickOne(rng, CLOSINGS)(solution.answer)}`;
  const tokenIds = chunks.flatMap((chunk) => tokenizeText(chunk).ids);
  const steps = readStepBlock(solution);
  tokenIds.push(...steps.ids, ...tokenizeText(closing).ids);
  return { text: chunks.join("") + steps.block + closing, tokenIds };
}

/** The contents of the last `\boxed{…}` (balanced braces), or null: how the simulator reads its own answers. */
export function readLastBoxed(text: string): string | null {
  const start = text.lastIndexOf("\\boxed{");
  if (start < 0) return null;
  let depth = 0;
  for (let i = start + "\\boxed{".length - 1; i < text.length; i++) {
    if (text[i] === "{") depth += 1;
    else if (text[i] === "}" && --depth === 0) return text.slice(start + "\\boxed{".length, i).trim();
  }
  return null;
}

/** Mostly near 0, now and then a few nats: the texture of real per-token logprobs. */
function drawFluencyLogprobs(rng: RandomSource, count: number): number[] {
  // One draw seeds a local xorshift32, because hundreds of tokens per completion make rng.random() costly.
  let state = (Math.floor(rng.random() * 0x100000000) | 1) >>> 0;
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const u = (state >>> 0) / 0x100000000;
    const u2 = u * u;
    out[i] = Math.fround(-2 * u2 * u2);
  }
  return out;
}

/**
 * Tokens and logprobs of a sampled completion. The simulator's one real decision (right or wrong) is
 * charged to the stop token, whose logprob is the log of the outcome's probability; train() reads it back
 * as the sampler's logprob for the importance ratio. When `maxTokens` cuts the completion the stop token
 * is never reached, exactly like a real sampler.
 */
export function buildSampledCompletion(
  rng: RandomSource,
  written: WrittenCompletion,
  outcomeLogprob: number,
  promptTokens: readonly number[],
  maxTokens: number,
): Completion {
  const truncated = written.tokenIds.length + 1 > maxTokens;
  const tokens = truncated ? written.tokenIds.slice(0, maxTokens) : written.tokenIds.slice();
  const logprobs = drawFluencyLogprobs(rng, tokens.length);
  let text = written.text;
  if (truncated) text = text.slice(0, tokenizeText(text).ends[maxTokens - 1] ?? 0);
  else {
    tokens.push(FAKE_TOKENS.stop);
    logprobs.push(Math.fround(outcomeLogprob));
  }
  return {
    text,
    promptTokens: promptTokens.slice(),
    tokens,
    logprobs,
    promptTokenCount: promptTokens.length,
    completionTokenCount: tokens.length,
  };
}
