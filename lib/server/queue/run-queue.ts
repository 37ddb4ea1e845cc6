/**
 * The queue of runs to execute. A job only says "run X wants a worker": the runs table (status and
 * lease) is the truth, so a lost job is recovered by the reaper and a duplicate is refused by the atomic
 * claim. Jobs carry the run id as singleton key under the `short` policy, so at most one job per run waits
 * in the queue; sending again while one waits is a no-op.
 */
import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";

export const RUN_QUEUE = "espl-runs";

export const runJobSchema = z.object({ runId: z.uuid() });
export type RunJob = z.infer<typeof runJobSchema>;

export async function ensureRunQueue(boss: PgBoss): Promise<void> {
  await boss.createQueue(RUN_QUEUE, {
    name: RUN_QUEUE,
    policy: "short",
    // The job is completed as soon as a worker has tried to claim the run; pg-boss's own retries would
    // only duplicate what the reaper already does.
    retryLimit: 0,
    expireInSeconds: 300,
    retentionMinutes: 60,
  });
}

/** Returns the job id, or null when a job for this run is already waiting. */
export async function sendRunJob(boss: PgBoss, runId: string): Promise<string | null> {
  const data: RunJob = runJobSchema.parse({ runId });
  return boss.send(RUN_QUEUE, data, { singletonKey: runId });
}

export interface FetchedRunJob {
  id: string;
  /** Null when the payload is not a valid run job (it is then failed, never executed). */
  data: RunJob | null;
}

export async function fetchRunJob(boss: PgBoss): Promise<FetchedRunJob | null> {
  const [job] = await boss.fetch<unknown>(RUN_QUEUE, { batchSize: 1 });
  if (!job) return null;
  const parsed = runJobSchema.safeParse(job.data);
  return { id: job.id, data: parsed.success ? parsed.data : null };
}
