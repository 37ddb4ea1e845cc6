/**
 * `npm run bench:engine`: prints the engine's figures (no assertions).
 *  1. engine time per iteration, backend and reflection waits excluded, at the default config;
 *  2. rate_ranking for 10 programs;
 *  3. a full default-config simulated run in memory (10 epochs × 256 problems, 30 test problems, T = 10).
 */
import { getDefaultConfig } from "../config";
import { createRating, DEFAULT_SYSTEM, rateRanking } from "../trueskill";
import { quantile } from "./stats";
import { runSimExperiment } from "./run-sim-experiment";

function benchRateRanking(): { medianUs: number; p95Us: number } {
  const ratings = Array.from({ length: 10 }, (_, i) => createRating(25 + (i % 4) - 1.5, 8.333 - i * 0.4));
  const ties = [0, 1, 1, 2, 3, 4, 5, 5, 6, 7];
  for (let i = 0; i < 2_000; i++) rateRanking(DEFAULT_SYSTEM, ratings, ties);
  const samples: number[] = [];
  for (let round = 0; round < 200; round++) {
    const start = performance.now();
    for (let i = 0; i < 100; i++) rateRanking(DEFAULT_SYSTEM, ratings, ties);
    samples.push(((performance.now() - start) / 100) * 1000);
  }
  return { medianUs: quantile(samples, 0.5), p95Us: quantile(samples, 0.95) };
}

const config = { ...getDefaultConfig(), seed: 1 };
console.log(
  `default config: k=${config.num_parallel_programs} B=${config.batch_size} G=${config.group_size} ` +
    `T=${config.test_group_size} pool=${config.max_pool_size} epochs=${config.n_epochs} mode=${config.train_mode}`,
);
const run = await runSimExperiment(config);
const fmt = (values: number[]) =>
  `median ${quantile(values, 0.5).toFixed(2)} ms, p95 ${quantile(values, 0.95).toFixed(2)} ms`;
const engineMs = run.steps.map((s) => s.timings.engineMs);
const gradingMs = run.steps.map((s) => s.timings.gradingMs);
const algorithmMs = run.steps.map((s) => s.timings.engineMs - s.timings.gradingMs);
const fullPool = run.steps.filter((s) => s.evictedProgramIds.length > 0).map((s) => s.timings.engineMs);
console.log(`engine time per iteration, backend and LLM waits excluded (${engineMs.length} steps):`);
console.log(`  total:                  ${fmt(engineMs)}`);
console.log(
  `  of which grading:       ${fmt(gradingMs)} (${run.steps[0]!.samplesConsumed} completions a step)`,
);
console.log(`  the rest (algorithm):   ${fmt(algorithmMs)}`);
if (fullPool.length) console.log(`  total with the pool full (evicting): ${fmt(fullPool)}`);
const { medianUs, p95Us } = benchRateRanking();
console.log(`rate_ranking, 10 programs: median ${medianUs.toFixed(1)} µs, p95 ${p95Us.toFixed(1)} µs`);
console.log(
  `full default-config simulated run in memory: ${(run.wallMs / 1000).toFixed(1)} s for ${run.steps.length} steps ` +
    `(${run.steps.reduce((a, s) => a + s.samplesConsumed, 0)} samples)`,
);
