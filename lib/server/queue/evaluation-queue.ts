/**
 * The queue of evaluations to grade, beside the run queue. The job says "evaluation X wants a worker";
 * the evaluation_jobs row (status, finished cells) is the truth. A worker killed mid-evaluation leaves
 * its job active until pg-boss expires it and retries it, and the retry resumes from the cells already
 * written; a finished, failed or cancelled evaluation makes a retry a no-op.
 */
import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";

export const EVALUATION_QUEUE = "espl-evaluations";
/** A job still active this long is taken for a dead worker's and handed out again. */
export const EVALUATION_JOB_EXPIRE_SECONDS = 15 * 60;

export const evaluationJobSchema = z.object({ evaluationId: z.uuid() });
export type EvaluationJobData = z.infer<typeof evaluationJobSchema>;

export async function ensureEvaluationQueue(boss: PgBoss): Promise<void> {
  await boss.createQueue(EVALUATION_QUEUE, {
    name: EVALUATION_QUEUE,
    policy: "short",
    retryLimit: 5,
    retryDelay: 5,
    expireInSeconds: EVALUATION_JOB_EXPIRE_SECONDS,
    retentionMinutes: 60,
  });
}

/** Returns the job id, or null when a job for this evaluation is already waiting. */
export async function sendEvaluationJob(boss: PgBoss, evaluationId: string): Promise<string | null> {
  const data: EvaluationJobData = evaluationJobSchema.parse({ evaluationId });
  return boss.send(EVALUATION_QUEUE, data, { singletonKey: evaluationId });
}

export interface FetchedEvaluationJob {
  id: string;
  /** Null when the payload is not a valid evaluation job (it is then failed, never executed). */
  data: EvaluationJobData | null;
}

export async function fetchEvaluationJob(boss: PgBoss): Promise<FetchedEvaluationJob | null> {
  const [job] = await boss.fetch<unknown>(EVALUATION_QUEUE, { batchSize: 1 });
  if (!job) return null;
  const parsed = evaluationJobSchema.safeParse(job.data);
  return { id: job.id, data: parsed.success ? parsed.data : null };
}
