/**
 * `espl run --seeds … --sweep … --name EXP`: one experiment of many runs (lib/server/experiments), its
 * runs' ids printed one per line; `--wait` follows them one after another until every run has ended.
 */
import { EXIT } from "../cli-error";
import type { CliContext } from "../cli-context";
import type { RunOptions } from "../parse-command";
import { followEachRun, printLaunchedGroup } from "../format-group";
import { launchExperiment } from "@/lib/server/experiments/launch-experiment";
import { followRunInContext } from "./wait-command";

export async function runExperimentLaunch(
  ctx: CliContext,
  options: RunOptions,
  resolved: { projectId: string; config: Record<string, unknown>; policyBackendId?: string },
): Promise<number> {
  const { experiment, runs } = await launchExperiment(
    ctx.db.prisma,
    {
      projectId: resolved.projectId,
      name: options.name!,
      preset: options.preset,
      config: resolved.config,
      seeds: options.seeds,
      sweep: options.sweep ?? [],
      tags: options.tags,
      policyBackendId: resolved.policyBackendId,
    },
    { boss: await ctx.db.getBoss() },
  );
  printLaunchedGroup(ctx, { name: experiment.name }, runs);
  if (!options.wait) return EXIT.ok;
  return followExperimentRuns(ctx, runs);
}

/** Follows an experiment's runs one after another until each has ended; the worst exit status wins. */
export function followExperimentRuns(
  ctx: CliContext,
  runs: readonly { id: string; name: string }[],
): Promise<number> {
  return followEachRun(ctx, runs, (runId) => followRunInContext(ctx, runId));
}
