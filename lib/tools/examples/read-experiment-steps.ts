/**
 * A reference experiment folder read as the live-logging API's messages: the run to create and its steps
 * in order, each as POST /api/v1/external-runs/{runId}/steps takes it. It reads with the importer's own
 * parsers (locateExperiment, readRunFiles, readStep), step by step, so a replay sends exactly what a
 * direct import of the folder would store, and holds one step in memory at a time.
 */
import { join } from "node:path";
import type { ExternalRunCreate, ExternalStep } from "@/lib/domain/api-v1/external-run-schemas";
import { locateExperiment } from "@/lib/server/io/import/locate-experiment";
import { mapReferenceConfig } from "@/lib/server/io/import/map-config";
import { ProblemList } from "@/lib/server/io/import/problems";
import { readRunFiles } from "@/lib/server/io/import/read-run-files";
import { readStep } from "@/lib/server/io/import/read-step";

export interface ExperimentSteps {
  /** Without projectId: the caller names the project. */
  run: Omit<ExternalRunCreate, "projectId">;
  /** Step numbers with a step folder, in order (what an import stores). */
  stepNumbers: number[];
  readStep(step: number): Promise<ExternalStep>;
  /** What the readers had to skip or could not read (as an import reports it). */
  problems: ProblemList;
}

export async function readExperimentSteps(path: string): Promise<ExperimentSteps> {
  const location = await locateExperiment(path);
  const problems = new ProblemList(location.root);
  const files = await readRunFiles(location, problems);
  const { config } = mapReferenceConfig(files.config);
  const stepNumbers = [...files.stepFolders].sort((a, b) => a - b);
  return {
    run: {
      name: location.experimentName,
      config: files.config ?? {},
      totalSteps: (stepNumbers.at(-1) ?? 0) + 1,
    },
    stepNumbers,
    problems,
    async readStep(step) {
      const stats = files.stats.get(step) ?? null;
      const data = await readStep({
        experimentDir: location.experimentDir,
        step,
        groupSize: config.group_size,
        testGroupSize: config.test_group_size,
        testProgramId: stats?.test_time_program_id ?? null,
        problems,
      });
      return {
        step,
        selectedProgramIds: data.selectedProgramIds,
        poolBefore: data.poolBefore,
        poolAfter: data.poolAfter,
        // Advantages are the server's to compute (from the rewards, as an import does).
        rollouts: data.rollouts.map(({ advantage: _a, trained: _t, ...rollout }) => rollout),
        events: data.events,
        stats,
        metrics: files.metrics.get(step) ?? null,
        checkpoints: files.checkpoints.get(step) ?? [],
      };
    },
  };
}

/** The folder the example replays when none is named. */
export const DEFAULT_EXPERIMENT = join(process.cwd(), "lib/espl/testdata/reference-runs/rl_seed302");
