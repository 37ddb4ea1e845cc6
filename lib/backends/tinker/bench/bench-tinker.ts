/**
 * `npm run bench:tinker`: the cost of the Tinker adapter's own work (rendering, tokenising, datums, JSON,
 * HTTP, polling) per engine-sized step, against the simulated Tinker server on loopback, next to the
 * in-process simulator doing the same sampling and training. Prints figures; asserts nothing.
 */
import { performance } from "node:perf_hooks";
import type { SampleRequest, TrainItem } from "@/lib/espl/ports";
import { buildPolicyPrompt } from "@/lib/espl/prompts/policy-prompt";
import { generateSuite, SimPolicy } from "@/lib/espl/simulator";
import { getDefaultConfig } from "@/lib/espl/config";
import type { PolicyBackend } from "@/lib/espl/ports";
import { simTinkerConnection, startSimTinker } from "../testdata/start-sim-tinker";
import { tinkerDriver } from "../tinker-driver";

const STEPS = 5;
// The reference's batch: 3 programs × 10 problems × 5 samples, plus 30 test problems × 4.
const K = 3;
const B = 10;
const G = 5;
const suite = generateSuite({ seed: 0 });
const params = { temperature: 0.7, topP: 0.95, maxTokens: 15000 };

async function step(policy: PolicyBackend, s: number): Promise<{ tokens: number }> {
  const batch = suite.train.slice(s * B, s * B + B);
  const requests: SampleRequest[] = [];
  for (let k = 0; k < K; k++)
    for (const problem of batch)
      requests.push({
        problem,
        prompt: buildPolicyPrompt(
          [{ id: "G0", text: `Principle ${k}: check the small cases.` }],
          problem.question,
          "train",
        ),
        n: G,
      });
  const tests = suite.test.map((problem) => ({
    problem,
    prompt: buildPolicyPrompt([], problem.question, "test"),
    n: 4,
  }));
  const [samples] = await Promise.all([policy.sample(requests, params), policy.sample(tests, params)]);
  const items: TrainItem[] = samples.flatMap((group, r) =>
    group.map((completion, g) => ({ ...requests[r]!, completion, advantage: g % 2 === 0 ? 0.4 : -0.4 })),
  );
  const result = await policy.train({ items, learningRate: 4e-5, lossFn: "importance_sampling" });
  await policy.saveCheckpoint(`resume-${s}`);
  return { tokens: result.metrics["train_tokens"] ?? 0 };
}

async function time(name: string, policy: PolicyBackend, requestCount?: () => number) {
  const before = requestCount?.() ?? 0;
  const started = performance.now();
  let tokens = 0;
  for (let s = 0; s < STEPS; s++) tokens += (await step(policy, s)).tokens;
  const ms = (performance.now() - started) / STEPS;
  const perStep = requestCount
    ? ` ${((requestCount() - before) / STEPS).toFixed(0)} HTTP requests/step,`
    : "";
  console.log(
    `${name}: ${ms.toFixed(0)} ms/step,${perStep} ${(tokens / STEPS).toFixed(0)} trained tokens/step (${K}×${B}×${G} train + ${suite.test.length}×4 test samples)`,
  );
}

const server = await startSimTinker([...suite.train, ...suite.test]);
const count = () => [...server.requests.values()].reduce((a, b) => a + b, 0);
try {
  await time("in-process simulator", new SimPolicy({ seed: 1 }));
  const run = { runId: "bench", seed: 1, config: getDefaultConfig(), problems: suite };
  await time(
    "Tinker adapter → sim-tinker over HTTP",
    tinkerDriver.createPolicy!(simTinkerConnection(server.url), run),
    count,
  );
} finally {
  await server.close();
}
