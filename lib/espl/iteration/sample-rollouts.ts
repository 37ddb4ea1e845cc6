/**
 * Sampling and grading (SPEC §10.2 steps 5, 7-8, 10): the rendered prompts, the sample requests sent to
 * the policy backend, and what comes back turned into rewards, rollout views, rollout records for the
 * mutation pipeline and training items.
 */
import type { RolloutRecord } from "../mutation/types";
import type { Completion, EsplProblem, SampleRequest, TrainItem } from "../ports";
import type { Program } from "../program";
import { buildPolicyPromptSlots, renderPolicyPrompt } from "../prompts/policy-prompt";
import type { GradeFn, GradeOutcome, RolloutSplit, RolloutView } from "./types";

/** Requests in [row][problem] order: rows are selection slots for training, the single test program for tests. */
export interface SamplingPlan {
  /** prompts[row][problem] */
  prompts: string[][];
  requests: SampleRequest[];
  samplesPerRequest: number;
  problems: readonly EsplProblem[];
}

/**
 * Training prompts per slot (raw problem for an empty program) or test prompts (always the template).
 * A program selected in several slots gets its own requests per slot, so separate samples.
 */
export function planSampling(
  programs: readonly Program[],
  problems: readonly EsplProblem[],
  samplesPerRequest: number,
  mode: "train" | "test",
): SamplingPlan {
  const prompts: string[][] = [];
  const requests: SampleRequest[] = [];
  for (const program of programs) {
    const row: string[] = [];
    // The principles block is the same for every problem of a program, so it is rendered once.
    const slots = buildPolicyPromptSlots(program.principles, "", mode);
    for (const problem of problems) {
      const prompt = slots.usesTemplate
        ? renderPolicyPrompt({ ...slots, problem: problem.question })
        : problem.question;
      row.push(prompt);
      requests.push({ problem, prompt, n: samplesPerRequest });
    }
    prompts.push(row);
  }
  return { prompts, requests, samplesPerRequest, problems };
}

/** What the backend returned, graded, indexed [row][problem][sample]. */
export interface GradedSamples {
  completions: Completion[][][];
  grades: GradeOutcome[][][];
  rewards: number[][][];
}

/** Checks the backend's answer has the requested shape; a malformed answer is a backend error. */
export function gradeSamples(plan: SamplingPlan, returned: Completion[][], grade: GradeFn): GradedSamples {
  if (returned.length !== plan.requests.length)
    throw new Error(
      `policy backend returned ${returned.length} results for ${plan.requests.length} requests`,
    );
  const rows = plan.prompts.length;
  const width = plan.problems.length;
  const completions: Completion[][][] = [];
  const grades: GradeOutcome[][][] = [];
  const rewards: number[][][] = [];
  for (let r = 0; r < rows; r++) {
    const rowCompletions: Completion[][] = [];
    const rowGrades: GradeOutcome[][] = [];
    const rowRewards: number[][] = [];
    for (let b = 0; b < width; b++) {
      const group = returned[r * width + b]!;
      if (!Array.isArray(group) || group.length !== plan.samplesPerRequest)
        throw new Error(
          `policy backend returned ${Array.isArray(group) ? group.length : "no"} samples where ${plan.samplesPerRequest} were requested`,
        );
      const answer = plan.problems[b]!.answer;
      const groupGrades = group.map((c) => grade(c.text, answer));
      rowCompletions.push(group);
      rowGrades.push(groupGrades);
      rowRewards.push(groupGrades.map((g) => g.reward));
    }
    completions.push(rowCompletions);
    grades.push(rowGrades);
    rewards.push(rowRewards);
  }
  return { completions, grades, rewards };
}

function countTokens(count: number | undefined, tokens: number[] | undefined): number | null {
  return count ?? tokens?.length ?? null;
}

export interface RolloutViewOptions {
  split: RolloutSplit;
  /** Program id per row. */
  programIds: readonly number[];
  /** [row][problem][sample] for train rollouts; null for test rollouts. */
  advantages: readonly (readonly (readonly number[])[])[] | null;
  /** [row][problem]: whether the group went into the update. */
  trainedGroups: readonly (readonly boolean[])[] | null;
}

export function buildRolloutViews(
  plan: SamplingPlan,
  samples: GradedSamples,
  options: RolloutViewOptions,
): RolloutView[] {
  const views: RolloutView[] = [];
  samples.completions.forEach((row, slot) => {
    row.forEach((group, problemIndex) => {
      const datasetIndex = plan.problems[problemIndex]!.index;
      const trained = options.trainedGroups?.[slot]?.[problemIndex] ?? false;
      group.forEach((completion, sampleIndex) => {
        const grade = samples.grades[slot]![problemIndex]![sampleIndex]!;
        views.push({
          split: options.split,
          slot,
          programId: options.programIds[slot]!,
          problemIndex,
          datasetIndex,
          sampleIndex,
          completion: completion.text,
          reward: grade.reward,
          advantage: options.advantages ? options.advantages[slot]![problemIndex]![sampleIndex]! : null,
          trained,
          extractedAnswer: grade.extracted,
          promptTokens: countTokens(completion.promptTokenCount, completion.promptTokens),
          completionTokens: countTokens(completion.completionTokenCount, completion.tokens),
        });
      });
    });
  });
  return views;
}

/** One slot's rollout.jsonl records (SPEC §12.2), problem-major, runid = problem·G + sample. */
export function buildRolloutRecords(
  plan: SamplingPlan,
  samples: GradedSamples,
  slot: number,
): RolloutRecord[] {
  const records: RolloutRecord[] = [];
  const G = plan.samplesPerRequest;
  samples.completions[slot]!.forEach((group, b) => {
    const prompt = plan.prompts[slot]![b]!;
    const problem = plan.problems[b]!;
    group.forEach((completion, g) => {
      records.push({
        runid: b * G + g,
        prompt,
        problem: problem.question,
        groundtruth: problem.answer,
        reward: samples.rewards[slot]![b]![g]!,
        trajectories: [
          {
            trajectory: [
              { role: "user", content: prompt },
              { role: "assistant", content: completion.text },
            ],
          },
        ],
      });
    });
  });
  return records;
}

/** Every sample of every trained group, program → problem → sample (the reference's datum order). */
export function buildTrainItems(
  plan: SamplingPlan,
  samples: GradedSamples,
  advantages: readonly (readonly (readonly number[])[])[],
  trainedGroups: readonly (readonly boolean[])[],
): TrainItem[] {
  const items: TrainItem[] = [];
  samples.completions.forEach((row, slot) => {
    row.forEach((group, b) => {
      if (!trainedGroups[slot]![b]) return;
      const prompt = plan.prompts[slot]![b]!;
      const problem = plan.problems[b]!;
      group.forEach((completion, g) =>
        items.push({ problem, prompt, completion, advantage: advantages[slot]![b]![g]! }),
      );
    });
  });
  return items;
}
