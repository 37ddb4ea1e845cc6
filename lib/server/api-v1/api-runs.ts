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
import { RUN_LIST_SELECT, runListWhere, toRunListRow, type RunListRow } from "@/lib/server/read/list-runs";
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

export interface ApiRunDetail {
  id: string;
  name: string;
  projectSlug: string;
  status: string;
  control: string;
  statusDetail: string | null;
  trainMode: string;
  seed: number;
  tags: string[];
  currentStep: number;
  totalSteps: number;
  bestTestPass1: number | null;
  bestConservative: number | null;
  bestProgramId: number | null;
  datasetName: string | null;
  backendName: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export async function readRunDetail(
  prisma: PrismaClient,
  scope: ReadScope,
  runId: string,
): Promise<ApiRunDetail> {
  if (!z.guid().safeParse(runId).success) throw notFound("run");
  const run = await prisma.run.findFirst({
    where: scopedRunWhere(scope, runId),
    include: {
      project: { select: { slug: true } },
      dataset: { select: { name: true } },
      policyBackend: { select: { name: true } },
    },
  });
  if (!run) throw notFound("run");
  return {
    id: run.id,
    name: run.name,
    projectSlug: run.project.slug,
    status: run.status,
    control: run.control,
    statusDetail: run.statusDetail,
    trainMode: run.trainMode,
    seed: run.seed,
    tags: run.tags,
    currentStep: run.currentStep,
    totalSteps: run.totalSteps,
    bestTestPass1: run.bestTestPass1,
    bestConservative: run.bestConservative,
    bestProgramId: run.bestProgramId,
    datasetName: run.dataset?.name ?? null,
    backendName: run.policyBackend?.name ?? null,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
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
