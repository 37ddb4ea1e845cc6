import "server-only";
/**
 * Runs in /api/v1: the cursor-paged list, one run's detail, and launching one. Thin: the filters, the
 * scope, the launch checks and their messages are the dashboard's and the CLI's (list-runs, create-run).
 */
import { z } from "zod";
import { badRequest, notFound } from "@/lib/domain/errors";
import { decodeCursor, encodeCursor } from "@/lib/domain/api-v1/run-cursor";
import type { RunPageQuery } from "@/lib/domain/api-v1/api-v1-schemas";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { scopedRunWhere, type ReadScope } from "@/lib/server/auth/scope";
import type { RunDetail } from "@/lib/domain/runs/run-detail";
import { RUN_LIST_SELECT, runListWhere, toRunListRow, type RunListRow } from "@/lib/server/read/list-runs";
import { findRunDetail } from "@/lib/server/read/run-detail";
import { createRun, createRunInputSchema } from "@/lib/server/runs/create-run";

export interface RunPage {
  rows: RunListRow[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** Rows strictly after a cursor in the order newest first (ties broken by id, descending). */
export function afterCursor(cursor: string | undefined) {
  if (cursor === undefined) return {};
  const position = decodeCursor(cursor);
  if (!position) throw badRequest("invalid cursor", { cursor: ["not a cursor this API returned"] });
  return {
    OR: [
      { createdAt: { lt: position.createdAt } },
      { createdAt: position.createdAt, id: { lt: position.id } },
    ],
  };
}

export async function listRunPage(
  prisma: PrismaClient,
  scope: ReadScope,
  query: RunPageQuery,
): Promise<RunPage> {
  const runs = await prisma.run.findMany({
    where: { AND: [runListWhere(scope, query), afterCursor(query.cursor)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: RUN_LIST_SELECT,
  });
  const page = runs.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page.map(toRunListRow),
    nextCursor: runs.length > query.limit && last ? encodeCursor(last) : null,
  };
}

export async function readRunDetail(
  prisma: PrismaClient,
  scope: ReadScope,
  runId: string,
): Promise<RunDetail> {
  if (!z.guid().safeParse(runId).success) throw notFound("run");
  const run = await findRunDetail(prisma, scopedRunWhere(scope, runId));
  if (!run) throw notFound("run");
  return run;
}

/** The launch body of /api/v1: createRun's own contract; the creator is the caller, never the body. */
export const apiCreateRunSchema = createRunInputSchema.omit({ createdById: true });

export async function launchApiRun(
  prisma: PrismaClient,
  input: z.output<typeof apiCreateRunSchema>,
  createdById: string,
): Promise<{ id: string; name: string; totalSteps: number; status: string }> {
  const run = await createRun(prisma, { ...input, createdById });
  return { id: run.id, name: run.name, totalSteps: run.totalSteps, status: run.status };
}
