/**
 * What the simulated Tinker server computes: the offline simulator (SimPolicy) behind token ids. Prompts
 * arrive as tokens and are decoded with the same tokenizer the client rendered them with; the user
 * message names the problem (looked up in the server's problem set); completions go back as tokens with
 * logprobs, the simulator's outcome logprob on the stop token, where SimPolicy.train reads it back. On the
 * same seed and problems this trains exactly like the in-process simulator.
 */
import type { ChatTokenizer } from "@/lib/server/runner/backends/tinker/chat-tokenizer";
import type { CheckpointRef, Completion, EsplProblem, TrainItem, TrainRequest } from "@/lib/espl/ports";
import { SimPolicy } from "@/lib/espl/simulator";
import { FAKE_TOKENS } from "@/lib/espl/simulator/completion-text";
import { hashText } from "@/lib/espl/simulator/stream-seed";

export interface SampledSequence {
  tokens: number[];
  logprobs: number[];
  stop_reason: "stop" | "length";
}

export interface DatumIn {
  tokens: number[];
  logprobs: number[];
  advantages: number[];
}

/** What the simulator answers to chats that are not one of its problems (e.g. reflection prompts). */
export const GENERIC_REPLY =
  "I could not find a problem of my dataset in this conversation, so I have no simulated answer.\n```json\n[]\n```";

export class ProblemIndex {
  private readonly byQuestion = new Map<string, EsplProblem>();
  private readonly found = new Map<string, EsplProblem | null>();

  constructor(problems: readonly EsplProblem[]) {
    for (const problem of problems) this.byQuestion.set(problem.question.trim(), problem);
  }

  get size(): number {
    return this.byQuestion.size;
  }

  /** The problem a user message asks: the whole message, or the longest known question inside it. */
  find(message: string): EsplProblem | null {
    const cached = this.found.get(message);
    if (cached !== undefined) return cached;
    let match = this.byQuestion.get(message.trim()) ?? null;
    if (!match)
      for (const [question, problem] of this.byQuestion)
        if (message.includes(question) && question.length > (match?.question.length ?? 0)) match = problem;
    if (this.found.size > 4096) this.found.clear();
    this.found.set(message, match);
    return match;
  }
}

export class TokenCodec {
  readonly stopId: number;
  private readonly userId: number;
  private readonly assistantId: number;
  private readonly endId: number;

  constructor(readonly tokenizer: ChatTokenizer) {
    const id = (token: string) => {
      const found = tokenizer.tokenId(token);
      if (found === undefined) throw new Error(`the simulated server's tokenizer has no ${token} token`);
      return found;
    };
    this.userId = id("<|user|>");
    this.assistantId = id("<|assistant|>");
    this.endId = id("<|end|>");
    this.stopId = tokenizer.stopTokenIds[0] ?? this.endId;
  }

  /** Where the assistant's part starts: after the last generation prompt. */
  splitPrompt(tokens: readonly number[]): number {
    const at = tokens.lastIndexOf(this.assistantId);
    return at < 0 ? tokens.length : at + 1;
  }

  private readonly encoded = new Map<string, number[]>();
  private readonly messages = new Map<string, string>();

  /** A completion's tokens; the simulator's texts repeat, and encoding is most of a sample's cost. */
  encodeText(text: string): number[] {
    let tokens = this.encoded.get(text);
    if (!tokens) {
      tokens = this.tokenizer.encode(text);
      if (this.encoded.size >= 8192) this.encoded.clear();
      this.encoded.set(text, tokens);
    }
    return tokens;
  }

  /** The last user message of a rendered prompt (remembered: a step sends each prompt several times). */
  readUserMessage(prompt: readonly number[]): string {
    const key = prompt.join(",");
    let message = this.messages.get(key);
    if (message === undefined) {
      message = this.decodeUserMessage(prompt);
      if (this.messages.size >= 4096) this.messages.clear();
      this.messages.set(key, message);
    }
    return message;
  }

  private decodeUserMessage(prompt: readonly number[]): string {
    const start = prompt.lastIndexOf(this.userId);
    if (start < 0) return this.tokenizer.decode(prompt, true);
    let end = prompt.indexOf(this.endId, start + 1);
    if (end < 0) end = prompt.length;
    return this.tokenizer.decode(prompt.slice(start + 1, end));
  }
}

function fluency(source: readonly number[], i: number): number {
  return source.length > 1 ? source[i % (source.length - 1)]! : -0.01;
}

/** The simulator's completion as real tokens: its text encoded, the stop token carrying the outcome logprob. */
export function encodeCompletion(
  codec: TokenCodec,
  completion: Completion,
  maxTokens: number,
): SampledSequence {
  const body = codec.encodeText(completion.text);
  const simLogprobs = completion.logprobs ?? [];
  const reachedStop = completion.tokens?.at(-1) === FAKE_TOKENS.stop;
  const logprobs = body.map((_, i) => fluency(simLogprobs, i));
  if (!reachedStop || body.length + 1 > maxTokens) {
    const cut = Math.min(body.length, maxTokens);
    return { tokens: body.slice(0, cut), logprobs: logprobs.slice(0, cut), stop_reason: "length" };
  }
  return {
    tokens: [...body, codec.stopId],
    logprobs: [...logprobs, simLogprobs.at(-1) ?? 0],
    stop_reason: "stop",
  };
}

export interface SimTrainerOptions {
  codec: TokenCodec;
  problems: ProblemIndex;
  /** Seed of base-model samplers (trained models use their LoRA seed). */
  seed: number;
}

export class SimTrainer {
  constructor(private readonly options: SimTrainerOptions) {}

  async sample(
    policy: SimPolicy,
    prompt: readonly number[],
    n: number,
    maxTokens: number,
  ): Promise<SampledSequence[]> {
    const { codec, problems } = this.options;
    const message = codec.readUserMessage(prompt);
    const problem = problems.find(message);
    if (!problem) {
      const text = GENERIC_REPLY;
      const tokens = [...codec.encodeText(text), codec.stopId].slice(0, maxTokens);
      return Array.from({ length: n }, () => ({
        tokens,
        logprobs: tokens.map(() => -0.05),
        stop_reason: tokens.at(-1) === codec.stopId ? "stop" : "length",
      }));
    }
    const [completions] = await policy.sample([{ problem, prompt: message, n }], {
      temperature: 1,
      topP: 1,
      maxTokens,
    });
    return completions!.map((c) => encodeCompletion(codec, c, maxTokens));
  }

  /** A datum back to the train item the simulator learns from. */
  readTrainItem(datum: DatumIn): TrainItem {
    const { codec, problems } = this.options;
    const split = codec.splitPrompt(datum.tokens);
    if (split >= datum.tokens.length) throw new Error("a datum has no sampled tokens after its prompt");
    const prompt = datum.tokens.slice(0, split);
    const sampled = datum.tokens.slice(split);
    const message = codec.readUserMessage(prompt);
    const problem = problems.find(message) ?? {
      index: hashText(message) % 1_000_000,
      question: message,
      answer: "",
    };
    const observation = split - 1;
    const logprobs = datum.logprobs.slice(observation);
    const reachedStop = sampled.at(-1) === codec.stopId;
    return {
      problem,
      prompt: message,
      advantage: datum.advantages[observation] ?? 0,
      completion: {
        text: codec.tokenizer.parseReply(sampled),
        // The simulator recognises its stop token by its own id.
        tokens: reachedStop ? [...sampled.slice(0, -1), FAKE_TOKENS.stop] : sampled,
        logprobs,
      },
    };
  }

  /** Loss figures without changing the weights: the update itself waits for optim_step's learning rate. */
  async previewLoss(policy: SimPolicy, items: TrainItem[], lossFn: TrainRequest["lossFn"]) {
    const clone = await clonePolicy(policy, "forward_backward");
    return (await clone.train({ items, learningRate: 0, lossFn })).metrics;
  }

  baseSampler(): SimPolicy {
    return new SimPolicy({ seed: this.options.seed });
  }
}

export async function clonePolicy(policy: SimPolicy, name: string): Promise<SimPolicy> {
  const clone = new SimPolicy({ seed: policy.seed });
  await clone.loadCheckpoint(await policy.saveCheckpoint(name));
  return clone;
}

export async function policyFromRef(ref: CheckpointRef, seed: number): Promise<SimPolicy> {
  const policy = new SimPolicy({ seed });
  await policy.loadCheckpoint(ref);
  return policy;
}
