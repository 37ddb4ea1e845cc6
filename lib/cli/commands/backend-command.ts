/** `espl backend check NAME`: test a model backend of the default project and say what was found. */
import { checkBackendByName } from "@/lib/server/runner/backends/check-backend";
import { ensureDefaultProject } from "@/lib/server/runs/create-run";
import type { CliContext } from "../cli-context";
import { printBackendCheck, unknownBackend } from "../format-backend-check";

/** A check makes a few requests and one tiny sample; a trainer that is up answers well within this. */
const CHECK_TIMEOUT_MS = 120_000;

export async function runBackendCheckCommand(ctx: CliContext, name: string): Promise<number> {
  const { prisma } = ctx.db;
  const project = await ensureDefaultProject(prisma);
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(CHECK_TIMEOUT_MS)]);
  const check = await checkBackendByName(prisma, project.id, name, signal);
  if (!check.found) throw unknownBackend(name, "the default project", check.choices);
  return printBackendCheck(ctx, name, check);
}
