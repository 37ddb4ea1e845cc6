/** `espl wait RUN`, and the follower behind `run --wait` and `resume --wait`. */
import type { CliContext } from "../cli-context";
import { followRun } from "../follow-run";
import { resolveRunRef } from "../run-ref";

const DEFAULT_PICKUP_MS = 5_000;

/** ESPL_WORKER_PICKUP_MS: how long a queued run may wait for a worker before the CLI executes it. */
export function readPickupMs(env: Record<string, string | undefined>): number {
  const raw = env.ESPL_WORKER_PICKUP_MS;
  const value = raw === undefined || raw === "" ? DEFAULT_PICKUP_MS : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_PICKUP_MS;
}

export function followRunInContext(ctx: CliContext, runId: string): Promise<number> {
  return followRun(
    {
      prisma: ctx.db.prisma,
      url: ctx.db.url,
      getBoss: () => ctx.db.getBoss(),
      out: (line) => ctx.out(line),
      note: (line) => ctx.note(line),
      signal: ctx.signal,
      pickupMs: readPickupMs(ctx.env),
    },
    runId,
  );
}

export async function runWaitCommand(ctx: CliContext, ref: string): Promise<number> {
  return followRunInContext(ctx, await resolveRunRef(ctx.db.prisma, ref));
}
