/**
 * `espl group NAME --format F`: an experiment's results table (json adds runs, differences and curves);
 * `espl group NAME --pause|--resume|--cancel`: the group control of lib/server/experiments.
 */
import type { GroupFormat } from "@/lib/domain/experiments/group-format";
import { experimentGroupQuerySchema } from "@/lib/domain/experiments/group-query";
import { ensureDefaultProject } from "@/lib/server/runs/create-run";
import { controlExperiment } from "@/lib/server/experiments/control-experiment";
import {
  findScopedExperiment,
  readExperimentGroups,
  type ExperimentSummary,
} from "@/lib/server/read/experiment-groups";
import type { CliContext } from "../cli-context";
import { CliError } from "../cli-error";
import { printGroupControl, printGroupResults } from "../format-group";
import type { GroupControl } from "../parse-command";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The default project's experiment named NAME (the newest of that name), or with that id. */
async function findCliExperiment(ctx: CliContext, name: string): Promise<ExperimentSummary> {
  const project = await ensureDefaultProject(ctx.db.prisma);
  return findScopedExperiment(
    ctx.db.prisma,
    { projectIds: [project.id] },
    UUID.test(name) ? { id: name } : { name },
  ).catch(() => {
    throw new CliError(`no experiment "${name}" in the default project`);
  });
}

export async function runGroupCommand(
  ctx: CliContext,
  options: { name: string; format: GroupFormat; by?: string },
): Promise<number> {
  const query = experimentGroupQuerySchema.safeParse({ by: options.by });
  if (!query.success) throw new CliError(`--by: ${query.error.issues[0]!.message}`);
  const experiment = await findCliExperiment(ctx, options.name);
  const scope = { projectIds: [experiment.projectId] };
  const read = await readExperimentGroups(ctx.db.prisma, scope, experiment.id, query.data);
  return printGroupResults(ctx, read, options.format);
}

/** One line per run: what the control did to it, or why it left it as it was. */
export async function runGroupControlCommand(
  ctx: CliContext,
  options: { name: string; action: GroupControl },
): Promise<number> {
  const experiment = await findCliExperiment(ctx, options.name);
  const result = await controlExperiment(
    ctx.db.prisma,
    { experimentId: experiment.id, projectId: experiment.projectId },
    options.action,
    { boss: options.action === "resume" ? await ctx.db.getBoss() : undefined },
  );
  return printGroupControl(ctx, experiment.name, options.action, result);
}
