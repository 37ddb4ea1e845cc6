/**
 * One step folder (`step_N/`) read into what the database stores for it: slots and their programs,
 * train and test rollouts, pool snapshots before and after, evolution events. Steps are read one at a
 * time so the importer's memory is one step's worth, whatever the run's length.
 */
import "server-only";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { readEvolutionEvents, type ImportedEvent } from "./read-evolution";
import { readJsonFile, readJsonlFile } from "./read-files";
import { readPoolFile } from "./read-pool";
import { matchSlotProgram, ROOT_ENTRY } from "./pool-history";
import type { ProblemList } from "./problems";
import { principlesFileSchema, rolloutLineSchema, type PoolEntry, type RolloutLine } from "./schemas";

export interface ImportedRollout {
  split: "train" | "test";
  slot: number;
  /** Pool id. */
  programId: number;
  problemIndex: number;
  sampleIndex: number;
  reward: number;
  completion: string;
  /** Recomputed for train rollouts of RL modes (lib/server/io/import/train-advantages.ts); null otherwise. */
  advantage: number | null;
  trained: boolean;
}

export interface ImportedStep {
  step: number;
  selectedProgramIds: number[];
  poolBefore: PoolEntry[];
  poolAfter: PoolEntry[] | null;
  rollouts: ImportedRollout[];
  events: ImportedEvent[];
}

export interface StepReadOptions {
  experimentDir: string;
  step: number;
  groupSize: number;
  testGroupSize: number;
  testProgramId: number | null;
  problems: ProblemList;
}

const completionOf = (line: RolloutLine) => {
  const turns = line.trajectories[0]?.trajectory ?? [];
  return turns.findLast((t) => t.role === "assistant")?.content ?? "";
};

async function readRollouts(
  path: string,
  base: Pick<ImportedRollout, "split" | "slot" | "programId">,
  group: number,
  problems: ProblemList,
  out: ImportedRollout[],
): Promise<void> {
  for await (const line of readJsonlFile(path, rolloutLineSchema, problems)) {
    // runid = problem_index · group + sample_index (SPEC §12.2).
    out.push({
      ...base,
      problemIndex: Math.floor(line.runid / group),
      sampleIndex: line.runid % group,
      reward: line.reward,
      completion: completionOf(line),
      advantage: null,
      trained: false,
    });
  }
}

async function listSlots(dir: string): Promise<number[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .map((n) => /^sampled_program_(\d+)$/.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export async function readPoolBefore(experimentDir: string, step: number, problems: ProblemList) {
  // step_0 has no pool file: the run starts from the root program alone.
  if (step === 0) return [ROOT_ENTRY];
  return readPoolFile(join(experimentDir, `step_${step}`, "evolution_pool.json"), problems);
}

export async function readStep(options: StepReadOptions): Promise<ImportedStep> {
  const { experimentDir, step, problems } = options;
  const dir = join(experimentDir, `step_${step}`);
  const poolBefore = (await readPoolBefore(experimentDir, step, problems)) ?? [ROOT_ENTRY];
  const poolAfter = await readPoolFile(
    join(experimentDir, `step_${step + 1}`, "evolution_pool.json"),
    problems,
  );
  const rollouts: ImportedRollout[] = [];
  const selectedProgramIds: number[] = [];
  for (const slot of await listSlots(dir)) {
    const slotDir = join(dir, `sampled_program_${slot}`);
    const principles = await readJsonFile(
      join(slotDir, "principles_to_mutate.json"),
      principlesFileSchema,
      problems,
    );
    const programId = (principles && matchSlotProgram(poolBefore, principles)) ?? null;
    if (programId === null)
      problems.add(
        slotDir,
        "the slot's principles match no program of the step's pool; its rollouts are skipped",
      );
    if (programId === null) continue;
    selectedProgramIds.push(programId);
    await readRollouts(
      join(slotDir, "rollout.jsonl"),
      { split: "train", slot, programId },
      options.groupSize,
      problems,
      rollouts,
    );
  }
  const testProgramId = options.testProgramId ?? poolBefore[poolBefore.length - 1]?.program_id ?? 0;
  await readRollouts(
    join(dir, "test_rollout.jsonl"),
    { split: "test", slot: 0, programId: testProgramId },
    options.testGroupSize,
    problems,
    rollouts,
  );
  const events = await readEvolutionEvents(dir, step, { before: poolBefore, after: poolAfter }, problems);
  return { step, selectedProgramIds, poolBefore, poolAfter, rollouts, events };
}
