/**
 * What an export covers. A run may still be executing while it is exported, so every export is fenced at
 * the steps committed when it began: a step commits in one transaction, so "step < asOfStep" is a
 * consistent cut across steps, rollouts, ratings and events without holding a transaction open for
 * the minutes a large export takes.
 */
import "server-only";
import { notFound } from "@/lib/domain/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface ExportTarget {
  runId: string;
  /** Steps 0 … asOfStep − 1 are exported. */
  asOfStep: number;
}

export interface ExportOptions {
  /** Rows per query for rollouts and steps (fewer for the heavier programs and events). Default 1000. */
  batchSize?: number;
}

export const DEFAULT_BATCH_SIZE = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws not_found before any output, so a caller can still answer with an error instead of a file. */
export async function resolveExportTarget(prisma: PrismaClient, runId: string): Promise<ExportTarget> {
  if (!UUID.test(runId)) throw notFound("run");
  const run = await prisma.run.findUnique({ where: { id: runId }, select: { currentStep: true } });
  if (!run) throw notFound("run");
  return { runId, asOfStep: run.currentStep };
}
