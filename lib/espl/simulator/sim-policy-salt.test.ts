import { describe, expect, test } from "vitest";
import type { SampleRequest, SamplingParams } from "../ports";
import { buildPolicyPrompt } from "../prompts/policy-prompt";
import { generateSuite } from "./problem-suite";
import { SimPolicy } from "./sim-policy";

const PARAMS: SamplingParams = { temperature: 0.7, topP: 0.95, maxTokens: 15000 };
const suite = generateSuite({ seed: 3 });
const requests: SampleRequest[] = suite.test.slice(0, 6).map((problem) => ({
  problem,
  prompt: buildPolicyPrompt([{ id: "G0", text: "Check every case." }], problem.question, "test"),
  n: 4,
}));

/** A trained policy's checkpoint, restored into a fresh policy with the given salt, then sampled. */
async function sampleFrom(salt: number | undefined): Promise<string[]> {
  const trained = new SimPolicy({ seed: 11 });
  const first = await trained.sample(requests, PARAMS);
  await trained.train({
    items: first.flatMap((group, i) =>
      group.map((completion) => ({
        problem: requests[i]!.problem,
        prompt: requests[i]!.prompt,
        completion,
        advantage: 1,
      })),
    ),
    learningRate: 1e-4,
    lossFn: "importance_sampling",
  });
  const ref = await trained.saveCheckpoint("000001");
  const policy = new SimPolicy({ seed: 11, ...(salt === undefined ? {} : { streamSalt: salt }) });
  await policy.loadCheckpoint(ref);
  return (await policy.sample(requests, PARAMS)).flatMap((group) => group.map((c) => c.text));
}

describe("SimPolicy stream salt (evaluations)", () => {
  test("the same salt from the same checkpoint repeats bit-identically", async () => {
    expect(await sampleFrom(7)).toEqual(await sampleFrom(7));
  });
  test("another salt draws other samples, and no salt keeps the run's streams", async () => {
    const [a, b, plain] = [await sampleFrom(7), await sampleFrom(8), await sampleFrom(undefined)];
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(plain);
    const again = await sampleFrom(undefined);
    expect(plain).toEqual(again);
  });
  test("refuses a negative salt", () => {
    expect(() => new SimPolicy({ seed: 1, streamSalt: -1 })).toThrow(/stream salt/);
  });
});
