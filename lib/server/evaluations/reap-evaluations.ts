/**
 * Evaluations whose worker is gone: running with a heartbeat older than `staleMs` (the worker died
 * mid-evaluation; its pg-boss job would only expire much later), or queued for longer than that with no
 * worker having started them (a lost job). Queuing them again is safe: the queue keeps one waiting job
 * per evaluation, and grading is idempotent (finished cells are skipped, rows are written once).
 */
import "server-only";
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sendEvaluationJob } from "@/lib/server/queue/evaluation-queue";

export async function findStrandedEvaluations(
  prisma: PrismaClient,
  staleMs: number,
  limit = 50,
): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM evaluation_jobs
    WHERE (status = 'running' AND coalesce(heartbeat_at, started_at, created_at) < now() - ${staleMs}::int * interval '1 millisecond')
       OR (status = 'queued' AND created_at < now() - ${staleMs}::int * interval '1 millisecond')
    ORDER BY created_at
    LIMIT ${limit}::int`;
  return rows.map((r) => r.id);
}

/** One pass: queues every stranded evaluation again; returns those for which a new job was created. */
export async function reapEvaluationsOnce(
  prisma: PrismaClient,
  boss: PgBoss,
  staleMs: number,
): Promise<string[]> {
  const sent: string[] = [];
  for (const id of await findStrandedEvaluations(prisma, staleMs))
    if ((await sendEvaluationJob(boss, id)) !== null) sent.push(id);
  return sent;
}
