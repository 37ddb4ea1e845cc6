/**
 * Checkpoint bookkeeping (SPEC §11) as pure functions: the per-step save rule, the start-up scan of
 * stats.json for the best test accuracy, and the choice of the checkpoint to resume from.
 */
import { z } from "zod";

/** Before any test result: every real accuracy beats it, so a fresh run always checkpoints step 0. */
export const INITIAL_BEST_TEST_ACC = -1;
export const INITIAL_BEST_CKPT_STEP = -1;

export interface BestTest {
  bestTestAcc: number;
  bestCkptStep: number;
}

export interface CheckpointRuleInput extends BestTest {
  step: number;
  startStep: number;
  saveEvery: number;
  /** Whether weights are trained (`isRlEnabled`); only then is anything saved. */
  rlEnabled: boolean;
  /** The step's `eval_avg_reward`. */
  thisTestAcc: number;
}

export interface CheckpointDecision extends BestTest {
  checkpointSaved: boolean;
  /** `{step:06d}` when saved, else null. */
  checkpointName: string | null;
}

/** Python's `f"{step:06d}"`: zero-padded to width 6, the sign counting towards the width. */
export function formatCheckpointName(step: number): string {
  if (!Number.isSafeInteger(step)) throw new RangeError(`checkpoint step must be an integer, got ${step}`);
  return step < 0 ? `-${String(-step).padStart(5, "0")}` : String(step).padStart(6, "0");
}

/**
 * Runs after the step's test metrics, before its weight update, so checkpoint N holds the weights
 * that sampled step N. A new best is recorded in every mode (evolution-only runs track it too) but
 * only RL modes save; the periodic rule skips the step a run resumed at.
 */
export function decideCheckpoint(input: CheckpointRuleInput): CheckpointDecision {
  const periodic = input.step % input.saveEvery === 0 && input.step > input.startStep;
  const improved = input.thisTestAcc > input.bestTestAcc;
  const best: BestTest = improved
    ? { bestTestAcc: input.thisTestAcc, bestCkptStep: input.step }
    : { bestTestAcc: input.bestTestAcc, bestCkptStep: input.bestCkptStep };
  const saved = (periodic || improved) && input.rlEnabled;
  return { checkpointSaved: saved, checkpointName: saved ? formatCheckpointName(input.step) : null, ...best };
}

function readTestAccuracy(entry: unknown): { hasTest: boolean; acc: number | undefined } {
  if (entry === null || typeof entry !== "object" || !("test" in entry))
    return { hasTest: false, acc: undefined };
  const test: unknown = entry.test;
  const acc =
    test !== null &&
    typeof test === "object" &&
    "eval_avg_reward" in test &&
    typeof test.eval_avg_reward === "number"
      ? test.eval_avg_reward
      : undefined;
  return { hasTest: true, acc };
}

/**
 * The start-up scan: walk stats.json keys in file order with a counter from 0; a key counts only if it
 * is `step_{counter}` and has a `test` entry, and only a counted key advances the counter. So the first
 * step without test results (or out of order) stops every later step from counting unless the missing
 * key turns up later in the file (SPEC §13 item 14). `stats` must keep the file's key order (JSON.parse
 * does: the keys are not integer-like).
 */
export function scanStatsForBestTest(stats: Readonly<Record<string, unknown>>): BestTest {
  let bestTestAcc = INITIAL_BEST_TEST_ACC;
  let bestCkptStep = INITIAL_BEST_CKPT_STEP;
  let counter = 0;
  for (const [key, entry] of Object.entries(stats)) {
    if (key !== `step_${counter}`) continue;
    const { hasTest, acc } = readTestAccuracy(entry);
    if (!hasTest) continue;
    // The reference would crash on a test entry without a numeric eval_avg_reward; here it just
    // cannot become the best.
    if (acc !== undefined && acc > bestTestAcc) {
      bestTestAcc = acc;
      bestCkptStep = counter;
    }
    counter++;
  }
  return { bestTestAcc, bestCkptStep };
}

/** One line of `log_path/checkpoints.jsonl`. */
export const checkpointRecordSchema = z.looseObject({
  name: z.string(),
  step: z.int(),
  state_path: z.string().optional(),
  sampler_path: z.string().optional(),
});
export type CheckpointRecord = z.infer<typeof checkpointRecordSchema>;

/** Parses checkpoints.jsonl; blank lines are skipped, a malformed line throws naming its line number. */
export function parseCheckpointsJsonl(text: string): CheckpointRecord[] {
  const records: CheckpointRecord[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    const parsed = checkpointRecordSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`checkpoints.jsonl line ${i + 1}: ${parsed.error.message}`);
    records.push(parsed.data);
  }
  return records;
}

export type ResumeStrategy = "best" | "last";

/**
 * `last`: the last record with a `state_path`. `best`: the last record whose step is the best step,
 * which can be the `final` record when the best step was the last one (it repeats that step number).
 * Null means start fresh.
 */
export function chooseResumeCheckpoint(
  records: readonly CheckpointRecord[],
  strategy: ResumeStrategy,
  bestCkptStep: number,
): CheckpointRecord | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i] as CheckpointRecord;
    if (strategy === "last" ? record.state_path !== undefined : record.step === bestCkptStep) return record;
  }
  return null;
}

/** Where a (re)started run begins: the chosen checkpoint's step is re-run, or step 0 from scratch. */
export function decideResume(
  records: readonly CheckpointRecord[],
  strategy: ResumeStrategy,
  bestCkptStep: number,
): { checkpoint: CheckpointRecord | null; startStep: number } {
  const checkpoint = chooseResumeCheckpoint(records, strategy, bestCkptStep);
  return { checkpoint, startStep: checkpoint ? checkpoint.step : 0 };
}
