import "server-only";
/**
 * Star and archive: a researcher's own marks on a run, kept beside it and audited. Archiving hides a run
 * from the runs list (every row stays; the list shows it again on request); it never stops a run.
 */
import { z } from "zod";
import { writeAudit } from "@/lib/server/auth/audit/audit";
import { scopedRunWhere, type ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { notFound } from "@/lib/domain/errors";

/** The one input contract of the star and archive toggles (the list's buttons and the actions). */
export const runCurationInputSchema = z.object({
  runId: z.guid(),
  /** true: star (or archive); false: unstar (unarchive). Form fields arrive as "true" / "false". */
  on: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
});
export type RunCurationInput = z.input<typeof runCurationInputSchema>;

export type RunCurationMark = "starred" | "archived";

export interface RunCurationResult {
  runId: string;
  starred: boolean;
  archivedAt: string | null;
}

/**
 * Sets one mark on a run the caller may see. Setting it again is no change and writes no audit entry, so
 * a double click leaves one line in the log.
 */
export async function markRun(
  scope: ReadScope,
  mark: RunCurationMark,
  input: z.output<typeof runCurationInputSchema>,
  actorId: string | null,
): Promise<RunCurationResult> {
  return getPrisma().$transaction(async (tx) => {
    const run = await tx.run.findFirst({
      where: scopedRunWhere(scope, input.runId),
      select: { id: true, projectId: true, starred: true, archivedAt: true },
    });
    if (!run || scope.frozenAtStep !== undefined) throw notFound("run");
    const already = mark === "starred" ? run.starred === input.on : (run.archivedAt !== null) === input.on;
    if (already)
      return { runId: run.id, starred: run.starred, archivedAt: run.archivedAt?.toISOString() ?? null };
    const updated = await tx.run.update({
      where: { id: run.id },
      data: mark === "starred" ? { starred: input.on } : { archivedAt: input.on ? new Date() : null },
      select: { starred: true, archivedAt: true },
    });
    await writeAudit(tx, {
      projectId: run.projectId,
      actorId,
      action:
        mark === "starred"
          ? input.on
            ? "run.starred"
            : "run.unstarred"
          : input.on
            ? "run.archived"
            : "run.unarchived",
      targetType: "run",
      targetId: run.id,
    });
    return { runId: run.id, starred: updated.starred, archivedAt: updated.archivedAt?.toISOString() ?? null };
  });
}
