import "server-only";
import { runWhere, type ReadScope } from "@/lib/auth/scope";
import { getPrisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunStatus, TrainMode } from "@/lib/generated/prisma/enums";
import type { RunListQuery, RunSortKey } from "@/lib/runs/list/list-query";

export interface RunListRow {
  id: string;
  name: string;
  projectName: string;
  status: RunStatus;
  statusDetail: string | null;
  trainMode: TrainMode;
  backend: string;
  dataset: string;
  currentStep: number;
  totalSteps: number;
  bestTestPass1: number | null;
  bestConservative: number | null;
  createdBy: string | null;
  /** ISO 8601. */
  createdAt: string;
  tags: string[];
}

export interface RunListPage {
  rows: RunListRow[];
  total: number;
  page: number;
  pageCount: number;
  size: number;
}

/** Nulls last whichever way a metric sorts, so unscored runs never crowd the top. Ties break by id so pages are stable. */
function orderFor(sort: RunSortKey, dir: "asc" | "desc"): Prisma.RunOrderByWithRelationInput[] {
  const metric = (field: "bestTestPass1" | "bestConservative") => ({ [field]: { sort: dir, nulls: "last" } });
  const first: Prisma.RunOrderByWithRelationInput =
    sort === "bestTestPass1" || sort === "bestConservative"
      ? metric(sort)
      : sort === "progress"
        ? { currentStep: dir }
        : { [sort]: dir };
  return [first, { id: dir }];
}

function whereFor(scope: ReadScope, query: RunListQuery): Prisma.RunWhereInput {
  return {
    ...runWhere(scope),
    ...(query.status ? { status: query.status } : {}),
    ...(query.mode ? { trainMode: query.mode } : {}),
    ...(query.tag ? { tags: { has: query.tag } } : {}),
    ...(query.q ? { name: { contains: query.q, mode: "insensitive" as const } } : {}),
  };
}

/** One page of the runs list: summary columns only (the runner keeps them current), never steps or text. */
export async function listRuns(scope: ReadScope, query: RunListQuery): Promise<RunListPage> {
  const prisma = getPrisma();
  const where = whereFor(scope, query);
  const [total, runs] = await Promise.all([
    prisma.run.count({ where }),
    prisma.run.findMany({
      where,
      orderBy: orderFor(query.sort, query.dir),
      skip: (query.page - 1) * query.size,
      take: query.size,
      select: {
        id: true,
        name: true,
        status: true,
        statusDetail: true,
        trainMode: true,
        currentStep: true,
        totalSteps: true,
        bestTestPass1: true,
        bestConservative: true,
        createdAt: true,
        tags: true,
        project: { select: { name: true } },
        dataset: { select: { name: true } },
        policyBackend: { select: { name: true } },
        createdBy: { select: { name: true } },
      },
    }),
  ]);
  return {
    total,
    page: query.page,
    size: query.size,
    pageCount: Math.max(1, Math.ceil(total / query.size)),
    rows: runs.map(({ project, dataset, policyBackend, createdBy, createdAt, ...run }) => ({
      ...run,
      projectName: project.name,
      dataset: dataset?.name ?? "built-in simulator suite",
      backend: policyBackend?.name ?? "simulator",
      createdBy: createdBy?.name ?? null,
      createdAt: createdAt.toISOString(),
    })),
  };
}
