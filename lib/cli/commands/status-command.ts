/** `espl status [RUN]`: one run in detail, or the newest 20 across projects. */
import type { CliContext } from "../cli-context";
import { EXIT } from "../cli-error";
import { formatRunDetail, formatRunList } from "../format-run";
import { resolveRunRef } from "../run-ref";
import { findRunDetail } from "@/lib/server/read/run-detail";

const LIST_LIMIT = 20;

export async function runStatusCommand(ctx: CliContext, ref: string | undefined): Promise<number> {
  const { prisma } = ctx.db;
  if (ref === undefined) {
    const runs = await prisma.run.findMany({ orderBy: { createdAt: "desc" }, take: LIST_LIMIT });
    for (const line of formatRunList(runs)) ctx.out(line);
    return EXIT.ok;
  }
  const runId = await resolveRunRef(prisma, ref);
  // The CLI on the database reads every project (it holds the database's own credentials).
  const detail = await findRunDetail(prisma, { id: runId });
  if (!detail) throw new Error(`run ${runId} is gone`);
  for (const line of formatRunDetail(detail)) ctx.out(line);
  return EXIT.ok;
}
