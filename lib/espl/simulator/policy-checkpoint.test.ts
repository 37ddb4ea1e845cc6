import { describe, expect, test } from "vitest";
import type { SamplingParams } from "../ports";
import { SimCheckpointError, SIM_POLICY_STATE_FORMAT } from "./policy-checkpoint";
import { generateSuite } from "./problem-suite";
import { SimPolicy } from "./sim-policy";

const PARAMS: SamplingParams = { temperature: 0.7, topP: 0.95, maxTokens: 15000 };
const suite = generateSuite({ seed: 12, trainSize: 40, testSize: 0 });
const requests = suite.train.map((problem) => ({ problem, prompt: problem.question, n: 4 }));

async function trainOnce(policy: SimPolicy): Promise<void> {
  const results = await policy.sample(requests, PARAMS);
  const items = results.flatMap((group, i) =>
    group.map((completion, g) => ({ ...requests[i]!, completion, advantage: g % 2 === 0 ? 0.5 : -0.5 })),
  );
  await policy.train({ items, learningRate: 4e-5, lossFn: "importance_sampling" });
}

describe("SimPolicy checkpoints", () => {
  test("a round trip through JSON restores the weights and the sampling streams exactly", async () => {
    const policy = new SimPolicy({ seed: 12 });
    await trainOnce(policy);
    const ref = await policy.saveCheckpoint("000001");
    expect(ref.backendRef).toBe("simulator://policy/000001");
    const skillsAtSave = policy.getSkills();
    const samplesAtSave = await policy.sample(requests, PARAMS);
    await trainOnce(policy);
    await trainOnce(policy);
    expect(policy.getSkills()).not.toEqual(skillsAtSave);

    await policy.loadCheckpoint(JSON.parse(JSON.stringify(ref)));
    expect(policy.getSkills()).toEqual(skillsAtSave);
    expect(policy.updateCount).toBe(1);
    expect(await policy.sample(requests, PARAMS)).toEqual(samplesAtSave);
    // A fresh process restoring the same checkpoint continues identically.
    const twin = new SimPolicy({ seed: 12 });
    await twin.loadCheckpoint(ref);
    expect(await twin.sample(requests, PARAMS)).toEqual(samplesAtSave);
  });

  test("without training between steps (evolution mode), a restore continues the sampling streams", async () => {
    const policy = new SimPolicy({ seed: 12 });
    await policy.sample(requests, PARAMS);
    const ref = await policy.saveCheckpoint("evolution");
    const next = await policy.sample(requests, PARAMS);
    // The same requests again under the same weights are fresh samples, not repeats…
    expect(next).not.toEqual(await new SimPolicy({ seed: 12 }).sample(requests, PARAMS));
    // …and a fresh process restoring the checkpoint draws exactly those.
    const twin = new SimPolicy({ seed: 12 });
    await twin.loadCheckpoint(JSON.parse(JSON.stringify(ref)));
    expect(await twin.sample(requests, PARAMS)).toEqual(next);
  });

  test("rejects bad state with a clear error", async () => {
    const policy = new SimPolicy({ seed: 12 });
    const good = await policy.saveCheckpoint("x");
    const state = good.state as Record<string, unknown>;
    const skills = state["skills"] as Record<string, number>;
    const withState = (patch: unknown) => ({ backendRef: "simulator://policy/x", state: patch });
    const cases: [unknown, RegExp][] = [
      [{ backendRef: "tinker://weights/7" }, /carries no inline state/],
      [withState(null), /invalid state/],
      [withState({ ...state, format: "espl-sim-policy@0" }), new RegExp(`invalid state[\\s\\S]*format`)],
      [withState({ ...state, skills: { ...skills, parity: "high" } }), /parity/],
      [withState({ ...state, skills: { ...skills, parity: Number.NaN } }), /parity/],
      [withState({ ...state, skills: { ...skills, topology: 1 } }), /unknown skill "topology"/],
      [
        withState({ ...state, skills: Object.fromEntries(Object.entries(skills).slice(1)) }),
        /missing skill "parity"/,
      ],
      [withState({ ...state, updates: -1 }), /updates/],
      [withState({ ...state, extra: true }), /extra/],
      [withState({ ...state, seed: 13 }), /saved with seed 13, this simulator has seed 12/],
    ];
    for (const [ref, message] of cases) {
      const attempt = policy.loadCheckpoint(ref as never);
      await expect(attempt).rejects.toThrow(SimCheckpointError);
      await expect(attempt).rejects.toThrow(message);
    }
    expect(state["format"]).toBe(SIM_POLICY_STATE_FORMAT);
    // A rejected load leaves the weights alone.
    expect(policy.getSkills()).toEqual(skills);
  });
});
