/** `espl backend check NAME`: test a model backend of the default project and say what was found. */
import { checkBackendByName } from "@/lib/server/runner/backends/check-backend";
import { ensureDefaultProject } from "@/lib/server/runs/create-run";
import type { CliContext } from "../cli-context";
import { CliError, EXIT } from "../cli-error";

/** A check makes a few requests and one tiny sample; a trainer that is up answers well within this. */
const CHECK_TIMEOUT_MS = 120_000;

export async function runBackendCheckCommand(ctx: CliContext, name: string): Promise<number> {
  const { prisma } = ctx.db;
  const project = await ensureDefaultProject(prisma);
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(CHECK_TIMEOUT_MS)]);
  const check = await checkBackendByName(prisma, project.id, name, signal);
  if (!check.found)
    throw new CliError(
      `no model backend "${name}" in the default project${check.choices.length ? `; choose one of: ${check.choices.join(", ")}` : ""}`,
    );
  if ("error" in check.result) {
    ctx.out(`${name}: connection failed: ${check.result.error}`);
    return EXIT.failed;
  }
  const { capabilities, models, details } = check.result;
  const can = Object.entries(capabilities).map(([what, on]) => `${what} ${on ? "yes" : "no"}`);
  ctx.out(`${name} (${check.kind}): connected; ${can.join(", ")}`);
  ctx.out(`Models listed: ${models.length > 0 ? models.join(", ") : "none"}`);
  for (const line of details ?? []) ctx.out(line);
  return EXIT.ok;
}
