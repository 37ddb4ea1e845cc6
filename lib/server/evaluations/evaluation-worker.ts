/**
 * The worker's second job kind: it takes evaluation jobs one at a time beside its runs and grades them.
 * The job is completed once the evaluation is over (completed, failed, cancelled); an evaluation
 * interrupted by shutdown has its job failed, so pg-boss retries it and another worker resumes it from
 * its finished cells. A worker killed outright stops its evaluation's heartbeat; the reaper beside every
 * worker then queues it again (reap-evaluations.ts).
 */
import "server-only";
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { EVALUATION_QUEUE, fetchEvaluationJob } from "@/lib/server/queue/evaluation-queue";
import { errorMessage, sleep } from "@/lib/server/runner/retry";
import { executeEvaluation } from "./execute-evaluation";
import { reapEvaluationsOnce } from "./reap-evaluations";

export interface EvaluationWorkerOptions {
  prisma: PrismaClient;
  boss: PgBoss;
  workerId: string;
  /** Queue polling period while idle. Default 1 s. */
  pollIntervalMs?: number;
  /** Period of the stranded-evaluation check. Default 10 s. */
  reapIntervalMs?: number;
  /** A running evaluation whose heartbeat is older than this lost its worker. Default 30 s (6 beats). */
  staleMs?: number;
  log: (line: string) => void;
}

export interface EvaluationWorker {
  stop(): Promise<void>;
}

export function startEvaluationWorker(options: EvaluationWorkerOptions): EvaluationWorker {
  const { prisma, boss, workerId } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const log = (line: string) => options.log(`worker=${workerId} ${line}`);
  const stopping = new AbortController();

  async function handle(id: string, evaluationId: string): Promise<void> {
    log(`event=evaluation_started evaluation=${evaluationId}`);
    const outcome = await executeEvaluation(prisma, evaluationId, { signal: stopping.signal });
    log(`event=evaluation_${outcome} evaluation=${evaluationId}`);
    if (outcome === "interrupted")
      await boss.fail(EVALUATION_QUEUE, id, { reason: "interrupted" }).catch(() => {});
    else await boss.complete(EVALUATION_QUEUE, id).catch(() => {});
  }

  async function poll(): Promise<void> {
    while (!stopping.signal.aborted) {
      let handled = false;
      try {
        const job = await fetchEvaluationJob(boss);
        if (job && !job.data) {
          log(`event=invalid_evaluation_job job=${job.id}`);
          await boss.fail(EVALUATION_QUEUE, job.id, { reason: "invalid payload" }).catch(() => {});
        } else if (job?.data) await handle(job.id, job.data.evaluationId);
        handled = job !== null;
      } catch (error) {
        log(`event=evaluation_error message=${JSON.stringify(errorMessage(error))}`);
      }
      if (!handled) await sleep(pollIntervalMs, stopping.signal).catch(() => {});
    }
  }

  async function reap(): Promise<void> {
    const interval = options.reapIntervalMs ?? 10_000;
    while (!stopping.signal.aborted) {
      await sleep(interval, stopping.signal).catch(() => {});
      if (stopping.signal.aborted) break;
      try {
        const sent = await reapEvaluationsOnce(prisma, boss, options.staleMs ?? 30_000);
        for (const id of sent) log(`event=evaluation_requeued evaluation=${id}`);
      } catch (error) {
        log(`event=evaluation_reap_error message=${JSON.stringify(errorMessage(error))}`);
      }
    }
  }

  const polling = poll();
  const reaping = reap();
  return {
    stop: async () => {
      stopping.abort();
      await Promise.all([polling, reaping]);
    },
  };
}
