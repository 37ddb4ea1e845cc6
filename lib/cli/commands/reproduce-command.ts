/**
 * `espl reproduce`: the paper's comparison (lib/domain/experiments/reproduce-template.ts) launched as one
 * experiment in the default project; with --wait, every run is followed and the results table printed.
 */
import { buildReproduceLaunch } from "@/lib/domain/experiments/reproduce-template";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { launchExperiment } from "@/lib/server/experiments/launch-experiment";
import { ensureDefaultProject } from "@/lib/server/runs/create-run";
import { BUILTIN_SUITE_NAME } from "@/lib/server/runner/run-problems";
import type { CliContext } from "../cli-context";
import { CliError, EXIT } from "../cli-error";
import type { ReproduceOptions } from "../parse-command";
import { buildConfigOverrides } from "../run-config";
import { describeReproduceRuns, printLaunchedGroup } from "../format-group";
import { followExperimentRuns } from "./experiment-launch";
import { runGroupCommand } from "./group-command";
import { resolveBackend } from "./run-command";

/** A dataset of the project by name; absent, the built-in suite (createRun makes it on first use). */
async function resolveDataset(
  prisma: PrismaClient,
  projectId: string,
  name: string | undefined,
): Promise<string | undefined> {
  if (name === undefined || name === BUILTIN_SUITE_NAME) return undefined;
  const dataset = await prisma.dataset.findFirst({ where: { projectId, name }, select: { id: true } });
  if (dataset) return dataset.id;
  const names = await prisma.dataset.findMany({ where: { projectId }, select: { name: true } });
  const choices = [...new Set([BUILTIN_SUITE_NAME, ...names.map((d) => d.name)])].join(", ");
  throw new CliError(`no dataset "${name}" in the default project; choose one of: ${choices}`);
}

export async function runReproduceCommand(ctx: CliContext, options: ReproduceOptions): Promise<number> {
  const config = buildConfigOverrides(undefined, options.setOverrides);
  const { prisma } = ctx.db;
  const project = await ensureDefaultProject(prisma);
  const policyBackendId = await resolveBackend(prisma, project.id, options.backend);
  const datasetId = await resolveDataset(prisma, project.id, options.dataset);
  const { experiment, runs } = await launchExperiment(
    prisma,
    buildReproduceLaunch({
      projectId: project.id,
      seeds: options.seeds,
      name: options.name,
      datasetId,
      policyBackendId,
      datasetName: options.dataset ?? BUILTIN_SUITE_NAME,
      backendName: options.backend === "sim" ? "simulator" : options.backend,
      config,
    }),
    { boss: await ctx.db.getBoss() },
  );
  printLaunchedGroup(
    ctx,
    { name: experiment.name, ref: experiment.id, what: describeReproduceRuns(options.seeds) },
    runs,
  );
  if (!options.wait) return EXIT.ok;
  const code = await followExperimentRuns(ctx, runs);
  if (code === EXIT.interrupted) return code;
  await runGroupCommand(ctx, { name: experiment.id, format: options.format });
  return code;
}
