/**
 * Tiny deterministic stand-ins for the ports, for the iteration tests: a policy backend whose answers
 * depend only on the prompt (so a resumed run samples exactly what an uninterrupted one would), a
 * reflection LLM that answers each prompt kind with well-formed operations, and a `\boxed{}` grader.
 * Not a simulator: lib/espl/simulator is the real offline backend.
 */
import type { ChatFn, ChatRequest } from "../../llm/chat";
import type {
  CheckpointRef,
  Completion,
  EsplProblem,
  PolicyBackend,
  SampleRequest,
  SamplingParams,
  TrainRequest,
  TrainResult,
} from "../../ports";
import type { GradeFn } from "../types";

/** FNV-1a, enough to turn a prompt into a repeatable pseudo-random number. */
export function hashText(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export type BackendCall =
  | { kind: "sample"; requests: number; samples: number }
  | { kind: "train"; items: number }
  | { kind: "save"; name: string }
  | { kind: "load"; ref: string };

export interface FakeBackendOptions {
  /** Throw from the n-th sample call (0-based). */
  failSampleAt?: number;
  failTrain?: boolean;
}

/**
 * Correct with a probability that grows with the number of principles lines in the prompt, so evolution
 * has something to find; the draw is a hash of the prompt and the sample index.
 */
export class FakePolicyBackend implements PolicyBackend {
  readonly simulated = true;
  readonly calls: BackendCall[] = [];
  private sampleCalls = 0;

  constructor(private readonly options: FakeBackendOptions = {}) {}

  async sample(requests: SampleRequest[], _params: SamplingParams): Promise<Completion[][]> {
    this.calls.push({
      kind: "sample",
      requests: requests.length,
      samples: requests.reduce((n, r) => n + r.n, 0),
    });
    if (this.sampleCalls++ === this.options.failSampleAt) throw new Error("sampling service unavailable");
    return requests.map((request) => {
      const lines = request.prompt.split("\n[G").length - 1;
      return Array.from({ length: request.n }, (_, g) => {
        const draw = hashText(request.prompt, g) / 0x100000000;
        const correct = draw < 0.35 + 0.1 * Math.min(lines, 4);
        const answer = correct ? request.problem.answer : `${request.problem.answer}1`;
        const text = `Working on it (${g}). The answer is \\boxed{${answer}}.`;
        return { text, promptTokens: [1, 2, 3], tokens: [4, 5, 6, 7], logprobs: [-0.1, -0.2, -0.3, -0.4] };
      });
    });
  }

  async train(request: TrainRequest): Promise<TrainResult> {
    this.calls.push({ kind: "train", items: request.items.length });
    if (this.options.failTrain) throw new Error("trainer crashed");
    const loss = request.items.reduce((sum, item) => sum + item.advantage, 0);
    return { metrics: { "loss:sum": loss } };
  }

  async saveCheckpoint(name: string): Promise<CheckpointRef> {
    this.calls.push({ kind: "save", name });
    return { backendRef: `fake://weights/${name}` };
  }

  async loadCheckpoint(ref: CheckpointRef): Promise<void> {
    this.calls.push({ kind: "load", ref: ref.backendRef });
  }
}

/** Reads the last `\boxed{…}` (no nesting) and compares it with the ground truth as text. */
export const gradeBoxed: GradeFn = (completion, groundTruth) => {
  const match = /\\boxed\{([^{}]*)\}(?![\s\S]*\\boxed\{)/.exec(completion);
  const extracted = match ? match[1]!.trim() : null;
  return { reward: extracted === groundTruth.trim() ? 1 : 0, extracted };
};

const fenced = (value: unknown) => `Reasoning first.\n\`\`\`json\n${JSON.stringify(value)}\n\`\`\``;

/** Well-formed replies for every evolution prompt, varied by a hash of the prompt. */
export function createFakeChat(log: ChatRequest[] = []): ChatFn {
  return async (request) => {
    log.push(request);
    const prompt = request.messages.at(-1)?.content ?? "";
    const h = hashText(prompt);
    switch (request.purpose) {
      case "mutation.summary":
        return `1. The agent computed something (${h % 97}).\n2. It boxed an answer.`;
      case "mutation.critique":
        return fenced([
          { operation: "add", principle: `Check the case split before computing (${h % 13}).` },
          { operation: "modify", modified_from: "G0", principle: `Verify every step (${h % 7}).` },
        ]);
      case "mutation.batch":
        return fenced(
          h % 3 === 0
            ? []
            : [{ operation: "modify", modified_from: "G0", principle: `Reduce first (${h % 11}).` }],
        );
      case "crossover":
        return fenced([
          { operation: "add", evidence: "B won Q.1", principle: `Borrowed idea ${h % 17}.` },
          { operation: "remove", remove_id: "A.G9" },
        ]);
      default:
        throw new Error(`unexpected purpose ${request.purpose}`);
    }
  };
}

/** Problems with integer answers, `index` = position. */
export function makeProblems(count: number, prefix = "Problem"): EsplProblem[] {
  return Array.from({ length: count }, (_, index) => ({
    index,
    question: `${prefix} ${index}: compute ${index} * 7 + 3.`,
    answer: String(index * 7 + 3),
  }));
}
