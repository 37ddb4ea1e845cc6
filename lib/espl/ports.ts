/**
 * The ports one iteration is orchestrated over. The runner implements them for real backends (OpenAI-
 * compatible endpoints, Tinker-compatible trainers) and for the offline simulator; the engine only calls
 * them. The reflection LLM port is `ChatFn` in ./llm/chat.ts.
 */

/** A training or test problem, as the dataset holds it. */
export interface EsplProblem {
  /** Stable identity within its dataset split (its position). */
  index: number;
  question: string;
  /** Ground-truth final answer, graded by lib/espl/grading. */
  answer: string;
  /** Labels such as category and difficulty; the simulator reads its hidden structure from here. */
  meta?: Record<string, unknown>;
}

export interface SamplingParams {
  temperature: number;
  topP: number;
  maxTokens: number;
}

/** One completion; token ids and logprobs are present when the backend returns them (trainers do). */
export interface Completion {
  text: string;
  promptTokens?: number[];
  tokens?: number[];
  logprobs?: number[];
  /** Counts for usage accounting when ids are not returned. */
  promptTokenCount?: number;
  completionTokenCount?: number;
}

export interface SampleRequest {
  problem: EsplProblem;
  /** The rendered user message (SPEC §4.2). */
  prompt: string;
  /** Samples wanted (G for training, T for test). */
  n: number;
}

/** One sampled completion with its advantage, ready to train on. */
export interface TrainItem {
  problem: EsplProblem;
  prompt: string;
  completion: Completion;
  advantage: number;
}

export interface TrainRequest {
  items: TrainItem[];
  learningRate: number;
  lossFn: "importance_sampling" | "ppo" | "cispo";
}

export interface TrainResult {
  /** Backend-reported loss or similar figures, logged with the step. */
  metrics: Record<string, number>;
}

/** Where a backend keeps a saved state: a path/URI, plus small state kept inline (the simulator's). */
export interface CheckpointRef {
  backendRef: string;
  state?: unknown;
}

/** The policy LLM and its trainer. */
export interface PolicyBackend {
  /** Simulated backends say so wherever results are shown. */
  readonly simulated: boolean;
  /** Samples every request with the current weights; results in request order. */
  sample(requests: SampleRequest[], params: SamplingParams, signal?: AbortSignal): Promise<Completion[][]>;
  /** One policy-gradient update (forward_backward + optim_step). */
  train(request: TrainRequest, signal?: AbortSignal): Promise<TrainResult>;
  /** Saves the current weights under `name` (e.g. "000020"). */
  saveCheckpoint(name: string): Promise<CheckpointRef>;
  /** Restores weights saved by saveCheckpoint, for resume. */
  loadCheckpoint(ref: CheckpointRef): Promise<void>;
}
