/**
 * Pause, resume or cancel an experiment as one: the run controls (lib/server/runs/controls.ts) applied
 * to every run of the group. A run the control does not apply to (a finished run cannot be paused) is
 * left as it is and reported, so one finished seed never blocks pausing the rest.
 */
import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { AppError, notFound } from "@/lib/domain/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { cancelRun, pauseRun, resumeRun, type ControlResult } from "@/lib/server/runs/controls";

export type ExperimentAction = "pause" | "resume" | "cancel";

const CONTROLS = { pause: pauseRun, resume: resumeRun, cancel: cancelRun } as const;

export interface ExperimentControlResult {
  experimentId: string;
  changed: ControlResult[];
  /** Runs the control did not apply to, with the reason (e.g. "the run is already completed"). */
  skipped: { runId: string; reason: string }[];
}

export async function controlExperiment(
  prisma: PrismaClient,
  target: { experimentId: string; projectId: string },
  action: ExperimentAction,
  deps: { boss?: PgBoss; actorId?: string | null } = {},
): Promise<ExperimentControlResult> {
  // A malformed id names no experiment: not found, as an unknown one (the uuid column would refuse it).
  if (!z.uuid().safeParse(target.experimentId).success) throw notFound("experiment");
  const experiment = await prisma.experiment.findFirst({
    where: { id: target.experimentId, projectId: target.projectId },
    select: { id: true, runs: { select: { id: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!experiment) throw notFound("experiment");
  const result: ExperimentControlResult = { experimentId: experiment.id, changed: [], skipped: [] };
  for (const { id } of experiment.runs) {
    try {
      result.changed.push(await CONTROLS[action](id, { prisma, boss: deps.boss, actorId: deps.actorId }));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "conflict") throw error;
      result.skipped.push({ runId: id, reason: error.message });
    }
  }
  return result;
}
