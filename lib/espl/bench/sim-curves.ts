/**
 * `npm run sim:curves [-- --seeds N] [--out FILE]`: every mode at the default config on the simulator's
 * default suite, over several seeds; prints test Pass@1 per step as mean ± sd across seeds (every 20th
 * step and the last) and writes every step to a CSV. Figures only, whatever they show.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { getDefaultConfig, type TrainMode } from "../config";
import { mean, standardDeviation } from "./stats";
import { runSimExperiment } from "./run-sim-experiment";

const { values } = parseArgs({
  options: {
    seeds: { type: "string", default: "5" },
    out: { type: "string", default: ".data/sim-curves.csv" },
  },
});
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
const modes: TrainMode[] = ["evolution_rl", "evolution", "rl"];
const curves = new Map<TrainMode, number[][]>();

for (const mode of modes) {
  const perSeed: number[][] = [];
  for (const seed of seeds) {
    const run = await runSimExperiment({ ...getDefaultConfig(), train_mode: mode, seed });
    perSeed.push(run.steps.map((s) => s.metrics.test["Pass@1"] ?? Number.NaN));
    console.error(`${mode} seed ${seed}: ${(run.wallMs / 1000).toFixed(1)} s`);
  }
  curves.set(mode, perSeed);
}

const steps = curves.get(modes[0]!)![0]!.length;
const cell = (mode: TrainMode, step: number) => {
  const xs = curves.get(mode)!.map((c) => c[step]!);
  return { mean: mean(xs), sd: standardDeviation(xs) };
};
console.log(`test Pass@1, mean ± sd over seeds ${seeds.join(",")} (default config, simulator)`);
console.log(["step", ...modes].map((h) => h.padEnd(18)).join(""));
for (let step = 0; step < steps; step++) {
  if (step % 20 !== 0 && step !== steps - 1) continue;
  const cells = modes.map((m) => {
    const { mean: m0, sd } = cell(m, step);
    return `${m0.toFixed(3)} ± ${sd.toFixed(3)}`.padEnd(18);
  });
  console.log(String(step).padEnd(18) + cells.join(""));
}
const header = ["step", ...modes.flatMap((m) => [`${m}_mean`, `${m}_sd`])].join(",");
const rows = Array.from({ length: steps }, (_, step) =>
  [step, ...modes.flatMap((m) => Object.values(cell(m, step)).map((v) => v.toFixed(5)))].join(","),
);
writeFileSync(values.out, [header, ...rows].join("\n") + "\n");
console.log(`per-step table: ${values.out}`);
