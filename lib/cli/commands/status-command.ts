/** `espl status [RUN]`: one run in detail, or the newest 20 across projects. */
import type { CliContext } from "../cli-context";
import { EXIT } from "../cli-error";
import { formatRunDetail, formatRunList } from "../format-run";
import { resolveRunRef } from "../run-ref";

const LIST_LIMIT = 20;

export async function runStatusCommand(ctx: CliContext, ref: string | undefined): Promise<number> {
  const { prisma } = ctx.db;
  if (ref === undefined) {
    const runs = await prisma.run.findMany({ orderBy: { createdAt: "desc" }, take: LIST_LIMIT });
    for (const line of formatRunList(runs)) ctx.out(line);
    return EXIT.ok;
  }
  const runId = await resolveRunRef(prisma, ref);
  const run = await prisma.run.findUniqueOrThrow({
    where: { id: runId },
    include: {
      project: { select: { slug: true } },
      dataset: { select: { name: true } },
      policyBackend: { select: { name: true } },
    },
  });
  const detail = {
    ...run,
    projectSlug: run.project.slug,
    datasetName: run.dataset?.name ?? null,
    backendName: run.policyBackend?.name ?? null,
  };
  for (const line of formatRunDetail(detail)) ctx.out(line);
  return EXIT.ok;
}
