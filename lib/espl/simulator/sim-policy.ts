/**
 * The offline policy backend: a success model instead of an LLM (see success-model.ts), completions with
 * real reasoning and a right or plausibly wrong boxed answer, and a real policy-gradient update of the
 * per-category skills (see policy-gradient.ts). Always `simulated = true`.
 *
 * Randomness: every completion draws from its own stream keyed by (seed, number of updates so far,
 * occurrence, problem index, prompt hash, sample index). The occurrence counts how often this exact
 * (problem, prompt) pair was already requested under the current weights, so a program selected in two
 * slots gets fresh samples for each, as in the reference; identical requests are interchangeable, so
 * results never depend on the order or concurrency of calls.
 */
import type {
  CheckpointRef,
  Completion,
  EsplProblem,
  PolicyBackend,
  SampleRequest,
  SamplingParams,
  TrainRequest,
  TrainResult,
} from "../ports";
import {
  buildSampledCompletion,
  FAKE_TOKENS,
  readLastBoxed,
  tokenizePrompt,
  writeCompletion,
} from "./completion-text";
import { readPromptFeatures } from "./insight-detector";
import type { PromptFeatures } from "./insight-detector";
import {
  createCheckpointRef,
  parseCheckpointState,
  SIM_POLICY_STATE_FORMAT,
  SKILL_KEYS,
} from "./policy-checkpoint";
import type { SkillKey } from "./policy-checkpoint";
import {
  computeImportanceRatio,
  computeSurrogateLoss,
  computeSurrogateWeight,
  LEARNING_RATE_SCALE,
} from "./policy-gradient";
import { readProblemModel } from "./problem-model";
import type { ProblemModel } from "./problem-model";
import { createStreamRng, hashText, pickOne } from "./stream-seed";
import { computeLogitParts, sigmoid, sumLogitParts } from "./success-model";
import type { LogitParts } from "./success-model";

/** Untrained skills are centred here and spread by ±SKILL_SPREAD/2, drawn from the seed. */
export const INITIAL_SKILL = -0.3;
export const SKILL_SPREAD = 1.0;
const PROMPT_CACHE_LIMIT = 4096;
const LOSS_FNS = new Set<string>(["importance_sampling", "ppo", "cispo"]);

interface PromptInfo {
  features: PromptFeatures;
  hash: number;
  tokens: number[];
}

export interface SimPolicyOptions {
  seed: number;
  /**
   * An evaluation's own seed, added to every sampling stream's key, so that a grid evaluated from saved
   * checkpoints repeats bit for bit for one salt and draws fresh samples for another. Absent for runs,
   * whose streams stay as they were.
   */
  streamSalt?: number;
}

export class SimPolicy implements PolicyBackend {
  readonly simulated = true;
  readonly seed: number;
  private readonly salt: readonly number[];
  private skills = new Map<SkillKey, number>();
  private updates = 0;
  private occurrences = new Map<string, number>();
  private prompts = new Map<string, PromptInfo>();

  constructor(options: SimPolicyOptions) {
    if (!Number.isSafeInteger(options.seed) || options.seed < 0)
      throw new RangeError(`simulator seed must be a safe non-negative integer, got ${options.seed}`);
    this.seed = options.seed;
    if (
      options.streamSalt !== undefined &&
      (!Number.isSafeInteger(options.streamSalt) || options.streamSalt < 0)
    )
      throw new RangeError(`stream salt must be a safe non-negative integer, got ${options.streamSalt}`);
    this.salt = options.streamSalt === undefined ? [] : [hashText("evaluation"), options.streamSalt];
    const rng = createStreamRng([this.seed, hashText("initial-skills")]);
    for (const key of SKILL_KEYS) this.skills.set(key, INITIAL_SKILL + SKILL_SPREAD * (rng.random() - 0.5));
  }

  /** train() calls applied so far (the weights' version). */
  get updateCount(): number {
    return this.updates;
  }

  getSkills(): Record<SkillKey, number> {
    return Object.fromEntries(this.skills) as Record<SkillKey, number>;
  }

  /** Why a prompt helps or hurts on a problem: every term of the logit. */
  explain(problem: EsplProblem, prompt: string): LogitParts {
    const model = readProblemModel(problem);
    const { features } = this.readPrompt(prompt);
    return computeLogitParts(this.skillOf(model), model.category?.id ?? null, model.difficulty, features);
  }

  successProbability(problem: EsplProblem, prompt: string): number {
    return sigmoid(sumLogitParts(this.explain(problem, prompt)));
  }

  async sample(
    requests: SampleRequest[],
    params: SamplingParams,
    signal?: AbortSignal,
  ): Promise<Completion[][]> {
    signal?.throwIfAborted();
    if (!Number.isInteger(params.maxTokens) || params.maxTokens < 1)
      throw new RangeError(`maxTokens must be a positive integer, got ${params.maxTokens}`);
    // Checked up front so a bad request cannot leave earlier ones half-counted in the occurrences.
    for (const request of requests)
      if (!Number.isInteger(request.n) || request.n < 0)
        throw new RangeError(`samples per request must be a non-negative integer, got ${request.n}`);
    return requests.map((request) => this.sampleRequest(request, params.maxTokens));
  }

  async train(request: TrainRequest, signal?: AbortSignal): Promise<TrainResult> {
    signal?.throwIfAborted();
    if (!Number.isFinite(request.learningRate) || request.learningRate < 0)
      throw new RangeError(`learning rate must be a finite non-negative number, got ${request.learningRate}`);
    if (!LOSS_FNS.has(request.lossFn)) throw new RangeError(`unknown loss function "${request.lossFn}"`);
    const gradients = new Map<SkillKey, number>();
    let loss = 0;
    let used = 0;
    let ratioSum = 0;
    // Every item sent is forwarded (prompt and completion), as a trainer counts the datums it is given.
    let trainTokens = 0;
    for (const item of request.items) {
      if (!Number.isFinite(item.advantage))
        throw new RangeError(`advantage must be finite, got ${item.advantage}`);
      trainTokens +=
        (item.completion.promptTokens?.length ?? this.readPrompt(item.prompt).tokens.length) +
        (item.completion.tokens?.length ?? item.completion.completionTokenCount ?? 0);
      const model = readProblemModel(item.problem);
      const answer = readLastBoxed(item.completion.text);
      // Without a final answer (cut by max tokens) the outcome is unknown: no gradient from it.
      if (answer === null) continue;
      const y = answer === model.right.answer ? 1 : 0;
      const p = this.successProbability(item.problem, item.prompt);
      const ratio = computeImportanceRatio(
        y ? p : 1 - p,
        item.completion.tokens,
        item.completion.logprobs,
        FAKE_TOKENS.stop,
      );
      const weight = computeSurrogateWeight(request.lossFn, ratio, item.advantage);
      const key = this.skillKeyOf(model);
      gradients.set(key, (gradients.get(key) ?? 0) + weight * item.advantage * (y - p));
      loss += computeSurrogateLoss(request.lossFn, ratio, item.advantage);
      ratioSum += ratio;
      used += 1;
    }
    const step = LEARNING_RATE_SCALE * request.learningRate;
    let gradNormSquared = 0;
    for (const [key, gradient] of gradients) {
      gradNormSquared += gradient * gradient;
      this.skills.set(key, this.skills.get(key)! + step * gradient);
    }
    this.startNewVersion(this.updates + 1);
    return {
      metrics: {
        "loss:sum": loss,
        "sim/items_used": used,
        "sim/items_skipped": request.items.length - used,
        "sim/grad_norm": Math.sqrt(gradNormSquared),
        "sim/step_size": step,
        "sim/mean_ratio": used > 0 ? ratioSum / used : 1,
        train_tokens: trainTokens,
      },
    };
  }

  async saveCheckpoint(name: string): Promise<CheckpointRef> {
    return createCheckpointRef({
      format: SIM_POLICY_STATE_FORMAT,
      name,
      seed: this.seed,
      updates: this.updates,
      ...(this.occurrences.size > 0 ? { occurrences: Object.fromEntries(this.occurrences) } : {}),
      skills: this.getSkills(),
    });
  }

  async loadCheckpoint(ref: CheckpointRef): Promise<void> {
    const state = parseCheckpointState(ref, this.seed);
    for (const key of SKILL_KEYS) this.skills.set(key, state.skills[key]!);
    this.startNewVersion(state.updates);
    for (const [key, count] of Object.entries(state.occurrences ?? {})) this.occurrences.set(key, count);
  }

  private startNewVersion(updates: number): void {
    this.updates = updates;
    this.occurrences.clear();
  }

  private skillKeyOf(model: ProblemModel): SkillKey {
    return model.category?.id ?? "general";
  }

  private skillOf(model: ProblemModel): number {
    return this.skills.get(this.skillKeyOf(model))!;
  }

  /** What the prompt says, cached: the same prompt is sampled G times per step and trained on again. */
  private readPrompt(prompt: string): PromptInfo {
    let info = this.prompts.get(prompt);
    if (!info) {
      // Bounded so a long run's many distinct prompts cannot grow memory without limit.
      if (this.prompts.size >= PROMPT_CACHE_LIMIT) this.prompts.clear();
      info = { features: readPromptFeatures(prompt), hash: hashText(prompt), tokens: tokenizePrompt(prompt) };
      this.prompts.set(prompt, info);
    }
    return info;
  }

  private takeOccurrence(problemIndex: number, promptHash: number): number {
    const key = `${problemIndex}:${promptHash}`;
    const occurrence = this.occurrences.get(key) ?? 0;
    this.occurrences.set(key, occurrence + 1);
    return occurrence;
  }

  private sampleRequest(request: SampleRequest, maxTokens: number): Completion[] {
    const { problem, prompt } = request;
    const model = readProblemModel(problem);
    const { features, hash: promptHash, tokens: promptTokens } = this.readPrompt(prompt);
    const p = this.successProbability(problem, prompt);
    const occurrence = this.takeOccurrence(problem.index, promptHash);
    const cited = model.category ? (features.helpful.get(model.category.id)?.id ?? null) : null;
    const completions: Completion[] = [];
    for (let g = 0; g < request.n; g++) {
      const rng = createStreamRng([
        this.seed,
        this.updates,
        occurrence,
        problem.index,
        promptHash,
        g,
        ...this.salt,
      ]);
      const correct = rng.random() < p;
      const solution = correct ? model.right : pickOne(rng, model.wrong);
      // A model that got it right credits the principle it used; one that slipped rarely does.
      const cite = cited !== null && (correct || rng.random() < 0.3) ? cited : null;
      const written = writeCompletion(rng, solution, cite);
      completions.push(
        buildSampledCompletion(rng, written, Math.log(correct ? p : 1 - p), promptTokens, maxTokens),
      );
    }
    return completions;
  }
}
