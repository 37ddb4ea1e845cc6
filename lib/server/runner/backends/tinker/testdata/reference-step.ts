/**
 * One engine-sized step at the reference's default batch, as `bench:tinker` times it and the request-count
 * test counts it: 3 programs × 10 problems × 5 samples to train on, 30 test problems × 4 alongside, one
 * update, one checkpoint. Every prompt is distinct, as the engine's are (a principle per program).
 */
import { buildPolicyPrompt } from "@/lib/espl/prompts/policy-prompt";
import type { PolicyBackend, SampleRequest, TrainItem, EsplProblem } from "@/lib/espl/ports";

export const REFERENCE_STEP = { programs: 3, batch: 10, group: 5, testGroup: 4 } as const;
export const REFERENCE_PARAMS = { temperature: 0.7, topP: 0.95, maxTokens: 15000 };

export interface ReferenceSuite {
  train: readonly EsplProblem[];
  test: readonly EsplProblem[];
}

/** Distinct prompts a step samples: each is one `asample` request on Tinker's protocol. */
export function countReferencePrompts(suite: ReferenceSuite): number {
  return REFERENCE_STEP.programs * REFERENCE_STEP.batch + suite.test.length;
}

/** Step `s`: sample train and test at once, train on the train samples, save a checkpoint. */
export async function runReferenceStep(
  policy: PolicyBackend,
  suite: ReferenceSuite,
  s: number,
): Promise<{ tokens: number }> {
  const { programs, batch: size, group, testGroup } = REFERENCE_STEP;
  const batch = suite.train.slice(s * size, s * size + size);
  const requests: SampleRequest[] = [];
  for (let k = 0; k < programs; k++)
    for (const problem of batch)
      requests.push({
        problem,
        prompt: buildPolicyPrompt(
          [{ id: "G0", text: `Principle ${k}: check the small cases.` }],
          problem.question,
          "train",
        ),
        n: group,
      });
  const tests = suite.test.map((problem) => ({
    problem,
    prompt: buildPolicyPrompt([], problem.question, "test"),
    n: testGroup,
  }));
  const [samples] = await Promise.all([
    policy.sample(requests, REFERENCE_PARAMS),
    policy.sample(tests, REFERENCE_PARAMS),
  ]);
  const items: TrainItem[] = samples.flatMap((completions, r) =>
    completions.map((completion, g) => ({
      ...requests[r]!,
      completion,
      advantage: g % 2 === 0 ? 0.4 : -0.4,
    })),
  );
  const result = await policy.train({ items, learningRate: 4e-5, lossFn: "importance_sampling" });
  await policy.saveCheckpoint(`resume-${s}`);
  return { tokens: result.metrics["train_tokens"] ?? 0 };
}
