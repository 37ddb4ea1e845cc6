/**
 * Writes one imported step: maps the reference's step folder to the step's rows
 * (lib/server/steps/step-rows.ts) and writes them with the one step writer shared with the runner, in
 * ONE transaction, idempotent by (run, step). Programs of both pool snapshots are upserted (an import
 * may start anywhere); rows of a program no pool file holds are left out and noted.
 */
import "server-only";
import type pg from "pg";
import { countSelections, passAtKList, type StepRows } from "@/lib/server/steps/step-rows";
import { writeStep } from "@/lib/server/steps/write-step";
import { describeOrigin, findEvicted, findRatingUpdates, toPrincipleList } from "./pool-history";
import type { ImportedStep } from "./read-step";
import type { CheckpointLine, MetricsLine, PoolEntry, StatsEntry } from "./schemas";

export interface StepWriteInput {
  runId: string;
  data: ImportedStep;
  stats: StatsEntry | null;
  logged: MetricsLine | null;
  /** Where `logged` came from: a step without a metrics.jsonl line is charted from stats.json. */
  loggedFrom?: "metrics.jsonl" | "stats.json" | null;
  checkpoints: CheckpointLine[];
  /** Records what had to be left out (e.g. rollouts of a program no pool file holds). */
  note: (reason: string) => void;
}

function latestEntries(data: ImportedStep): PoolEntry[] {
  const byId = new Map<number, PoolEntry>();
  for (const p of data.poolBefore) byId.set(p.program_id, p);
  for (const p of data.poolAfter ?? []) byId.set(p.program_id, p);
  return [...byId.values()];
}

/** The reference logs no token counts, timings or RNG state: those columns keep their defaults. */
function stepRow(input: StepWriteInput): StepRows["row"] {
  const { data, stats, logged } = input;
  return {
    epoch: stats?.epoch ?? 0,
    batchIndex: stats?.batch ?? data.step,
    selectedProgramIds: data.selectedProgramIds,
    testProgramId: stats?.test_time_program_id ?? null,
    metrics: { rollout: stats?.rollout ?? {}, test: stats?.test ?? {}, logged: logged ?? {} },
    timings: {},
    details: { imported: true, complete: stats?.complete ?? null, loggedFrom: input.loggedFrom ?? null },
    samplesConsumed: 0,
    rngState: null,
    startedAt: null,
    tokens: {
      policyPromptTokens: 0,
      policyCompletionTokens: 0,
      trainTokens: 0,
    },
  };
}

export function importedStepRows(input: StepWriteInput): StepRows {
  const { data, stats } = input;
  const entries = latestEntries(data);
  const test = stats?.test ?? {};
  const testProgram = stats?.test_time_program_id;
  const origins = new Map(entries.map((p) => [p.program_id, describeOrigin(p)]));
  return {
    runId: input.runId,
    step: data.step,
    row: stepRow(input),
    programs: entries.map((p) => ({
      programId: p.program_id,
      principles: toPrincipleList(p.principles),
      origin: origins.get(p.program_id)!.origin,
      birthStep: p.timestep,
      rating: p.rating,
    })),
    edges: entries.map((p) => {
      const { origin, parentIds } = origins.get(p.program_id)!;
      return { childId: p.program_id, parentIds, kind: origin };
    }),
    ratingUpdates: data.poolAfter === null ? [] : findRatingUpdates(data.poolBefore, data.poolAfter),
    selections: countSelections(data.selectedProgramIds),
    evictedProgramIds: data.poolAfter === null ? [] : findEvicted(data.poolBefore, data.poolAfter),
    rollouts: data.rollouts.map((r) => ({
      ...r,
      problemId: null,
      promptTokens: null,
      completionTokens: null,
      extractedAnswer: null,
    })),
    events: data.events,
    evaluation:
      test.eval_avg_reward !== undefined && testProgram !== undefined
        ? { programId: testProgram, avgReward: test.eval_avg_reward, passAtK: passAtKList(test) }
        : null,
    checkpoints: input.checkpoints.map((c) => ({
      step: c.step,
      name: c.name,
      backendRef: c.state_path ?? c.sampler_path ?? "",
      state: { sampler_path: c.sampler_path ?? null },
    })),
    pool: (data.poolAfter ?? data.poolBefore).map((p) => ({ programId: p.program_id, rating: p.rating })),
    pass1: stats?.test["Pass@1"] ?? null,
    // The reference logs no sampling calls.
    samplingCalls: [],
    progress: { kind: "import" },
  };
}

export async function writeImportedStep(
  pool: pg.Pool,
  input: StepWriteInput,
): Promise<"written" | "already"> {
  const outcome = await writeStep(pool, importedStepRows(input), { note: input.note });
  return outcome === "written" ? "written" : "already";
}
