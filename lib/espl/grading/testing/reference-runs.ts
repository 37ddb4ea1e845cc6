/**
 * Completions written by the committed reference runs (lib/espl/testdata/reference-runs), with the ground
 * truth and the reward a math-verify stand-in gave them there. Test data for the grader.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REFERENCE_RUNS_DIR = fileURLToPath(new URL("../../testdata/reference-runs", import.meta.url));

export interface GradedCompletion {
  completion: string;
  groundTruth: string | number;
  reward: number;
}

interface RolloutRecord {
  groundtruth: string | number;
  reward: number;
  trajectories: { trajectory: { content: string }[] }[];
}

function listRollouts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listRollouts(join(dir, entry.name))
      : entry.name.endsWith("rollout.jsonl")
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Every rollout line of every reference run, in a stable order. */
export function readReferenceCompletions(): GradedCompletion[] {
  return listRollouts(REFERENCE_RUNS_DIR)
    .sort()
    .flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const record = JSON.parse(line) as RolloutRecord;
          return {
            completion: record.trajectories[0]!.trajectory[1]!.content,
            groundTruth: record.groundtruth,
            reward: record.reward,
          };
        }),
    );
}
