/** `espl pause|resume|cancel RUN`: the controls of lib/server/runs/controls.ts, which refuse what does not apply. */
import { cancelRun, hardCancelRun, pauseRun, resumeRun } from "@/lib/server/runs/controls";
import type { CliContext } from "../cli-context";
import { EXIT } from "../cli-error";
import { resolveRunRef } from "../run-ref";
import { followRunInContext } from "./wait-command";

export async function runPauseCommand(ctx: CliContext, ref: string): Promise<number> {
  const runId = await resolveRunRef(ctx.db.prisma, ref);
  const result = await pauseRun(runId, { prisma: ctx.db.prisma });
  ctx.out(result.immediate ? `paused ${runId}` : `pause requested: ${runId} stops at its next step boundary`);
  return EXIT.ok;
}

export async function runResumeCommand(ctx: CliContext, ref: string, wait: boolean): Promise<number> {
  const runId = await resolveRunRef(ctx.db.prisma, ref);
  const result = await resumeRun(runId, { prisma: ctx.db.prisma, boss: await ctx.db.getBoss() });
  ctx.out(
    result.status === "queued"
      ? `queued ${runId} again`
      : `${runId} keeps running (its pending pause is withdrawn)`,
  );
  return wait ? followRunInContext(ctx, runId) : EXIT.ok;
}

export async function runCancelCommand(ctx: CliContext, ref: string, hard: boolean): Promise<number> {
  const runId = await resolveRunRef(ctx.db.prisma, ref);
  const deps = { prisma: ctx.db.prisma };
  const result = hard ? await hardCancelRun(runId, deps) : await cancelRun(runId, deps);
  const when = hard ? "now, aborting its model calls" : "at its next step boundary";
  ctx.out(result.immediate ? `cancelled ${runId}` : `cancel requested: ${runId} stops ${when}`);
  return EXIT.ok;
}
