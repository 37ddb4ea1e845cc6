/**
 * `espl run --seeds … --sweep … --name EXP`: one experiment of many runs (lib/server/experiments), its
 * runs' ids printed one per line; `--wait` follows them one after another until every run has ended.
 */
import { EXIT } from "../cli-error";
import type { CliContext } from "../cli-context";
import type { RunOptions } from "../parse-command";
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
  for (const run of runs) ctx.out(run.id);
  ctx.note(
    `queued experiment "${experiment.name}": ${runs.length} runs; its table: espl group "${experiment.name}"`,
  );
  if (!options.wait) return EXIT.ok;
  return followExperimentRuns(ctx, runs);
}

/** Follows an experiment's runs one after another until each has ended; the worst exit status wins. */
export async function followExperimentRuns(
  ctx: CliContext,
  runs: readonly { id: string; name: string }[],
): Promise<number> {
  let exitCode: number = EXIT.ok;
  for (const [index, run] of runs.entries()) {
    ctx.note(`following run ${index + 1}/${runs.length}: ${run.name}`);
    const code = await followRunInContext(ctx, run.id);
    if (code === EXIT.interrupted) return code;
    if (code !== EXIT.ok) exitCode = code;
  }
  return exitCode;
}
