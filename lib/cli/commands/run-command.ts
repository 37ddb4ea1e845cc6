/** `espl run`: create and enqueue a run in the default project; `--wait` follows it. */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createRun, ensureDefaultProject } from "@/lib/server/runs/create-run";
import type { CliContext } from "../cli-context";
import { EXIT } from "../cli-error";
import type { RunOptions } from "../parse-command";
import { buildConfigOverrides } from "../run-config";
import { unknownBackend } from "../format-backend-check";
import { runExperimentLaunch } from "./experiment-launch";
import { followRunInContext } from "./wait-command";

/** "sim" is the built-in simulator (no backend row); any other name is one of the project's backends. */
export async function resolveBackend(
  prisma: PrismaClient,
  projectId: string,
  name: string,
): Promise<string | undefined> {
  if (name === "sim") return undefined;
  const backend = await prisma.modelBackend.findUnique({
    where: { projectId_name: { projectId, name } },
    select: { id: true },
  });
  if (backend) return backend.id;
  const names = await prisma.modelBackend.findMany({ where: { projectId }, select: { name: true } });
  throw unknownBackend(name, "the default project", ["sim", ...names.map((b) => b.name)]);
}

export async function runRunCommand(ctx: CliContext, options: RunOptions): Promise<number> {
  // Everything that needs no database first, so that a typo fails before anything is written.
  const config = buildConfigOverrides(options.configFile, options.setOverrides);
  const { prisma } = ctx.db;
  const project = await ensureDefaultProject(prisma);
  if (options.seeds !== undefined || options.sweep !== undefined)
    return runExperimentLaunch(ctx, options, {
      projectId: project.id,
      config,
      policyBackendId: await resolveBackend(prisma, project.id, options.backend),
    });
  const run = await createRun(
    prisma,
    {
      projectId: project.id,
      name: options.name,
      preset: options.preset,
      config,
      seed: options.seed,
      tags: options.tags,
      policyBackendId: await resolveBackend(prisma, project.id, options.backend),
    },
    { boss: await ctx.db.getBoss() },
  );
  ctx.out(run.id);
  if (!options.wait) {
    ctx.note(`queued "${run.name}" (${run.totalSteps} steps); follow it with: espl wait ${run.id}`);
    return EXIT.ok;
  }
  return followRunInContext(ctx, run.id);
}
