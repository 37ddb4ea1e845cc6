import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import type { RunStatus, TrainMode } from "@/lib/generated/prisma/enums";
import { isMetricColumn, parseColumnToken } from "@/lib/domain/runs/list/list-columns";
import type { RunListQuery } from "@/lib/domain/runs/list/list-query";
import { runWhere } from "@/lib/server/auth/scope";
import {
  RUN_LIST_FROM,
  columnJsonSql,
  columnNumberSql,
  groupSql,
  runListOrder,
  runListWhereSql,
} from "./run-list-sql";

/** A config value or a metric as stored; null when the run has none. */
export type RunListValue = number | string | boolean | null;

export interface RunListRow {
  id: string;
  projectId: string;
  name: string;
  projectName: string;
  status: RunStatus;
  statusDetail: string | null;
  trainMode: TrainMode;
  backend: string;
  dataset: string;
  experiment: { id: string; name: string } | null;
  currentStep: number;
  totalSteps: number;
  bestTestPass1: number | null;
  bestConservative: number | null;
  createdBy: string | null;
  /** ISO 8601. */
  createdAt: string;
  tags: string[];
  starred: boolean;
  /** ISO 8601; null while the run is listed by default. */
  archivedAt: string | null;
  /** The chosen config and final-metric columns, by column token. */
  values: Record<string, RunListValue>;
  /** The row's group (RunListGroup.key) when the view is grouped. */
  groupKey: string | null;
}

/** A group of the whole filtered list (not only this page): its size and the mean of each metric column shown. */
export interface RunListGroup {
  key: string | null;
  label: string | null;
  count: number;
  /** By column token; null where no run of the group has a value. */
  means: Record<string, number | null>;
}

export interface RunListPage {
  rows: RunListRow[];
  total: number;
  page: number;
  pageCount: number;
  size: number;
  /** Null when the view is not grouped. */
  groups: RunListGroup[] | null;
}

/**
 * The list's plain filters as a Prisma where, for readers that page by cursor rather than by the view
 * (the /api/v1 runs list): archived runs are left out unless asked for, as on the page.
 */
export function runListWhere(
  scope: ReadScope,
  query: Pick<RunListQuery, "q" | "status" | "mode" | "tag"> & { archived?: boolean; starred?: boolean },
): Prisma.RunWhereInput {
  return {
    AND: [
      runWhere(scope),
      {
        ...(query.archived ? {} : { archivedAt: null }),
        ...(query.starred ? { starred: true } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.mode ? { trainMode: query.mode } : {}),
        ...(query.tag ? { tags: { has: query.tag } } : {}),
        ...(query.q ? { name: { contains: query.q, mode: "insensitive" as const } } : {}),
      },
    ],
  };
}

export const RUN_LIST_SELECT = {
  id: true,
  projectId: true,
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
  starred: true,
  archivedAt: true,
  project: { select: { name: true } },
  dataset: { select: { name: true } },
  policyBackend: { select: { name: true } },
  createdBy: { select: { name: true } },
  experiment: { select: { id: true, name: true } },
} satisfies Prisma.RunSelect;

/** A row read with RUN_LIST_SELECT as the list shows it (no chosen columns, no group). */
export function toRunListRow({
  project,
  dataset,
  policyBackend,
  createdBy,
  createdAt,
  archivedAt,
  ...run
}: Prisma.RunGetPayload<{ select: typeof RUN_LIST_SELECT }>): RunListRow {
  return {
    ...run,
    projectName: project.name,
    dataset: dataset?.name ?? "built-in simulator suite",
    backend: policyBackend?.name ?? "simulator",
    createdBy: createdBy?.name ?? null,
    createdAt: createdAt.toISOString(),
    archivedAt: archivedAt?.toISOString() ?? null,
    values: {},
    groupKey: null,
  };
}

/** More groups than this (a continuous config key) are cut: a list of them would not be read anyway. */
const MAX_GROUPS = 200;

type RawRow = Omit<RunListRow, "createdAt" | "archivedAt" | "experiment" | "dataset" | "backend"> & {
  createdAt: Date;
  archivedAt: Date | null;
  experimentId: string | null;
  experimentName: string | null;
  dataset: string | null;
  backend: string | null;
};

function valuesSql(tokens: string[]): Prisma.Sql {
  const valued = tokens.filter((t) => parseColumnToken(t)?.kind !== "fixed");
  if (valued.length === 0) return Prisma.sql`'{}'::jsonb`;
  return Prisma.sql`jsonb_build_object(${Prisma.join(
    valued.map((t) => Prisma.sql`${t}::text, ${columnJsonSql(t)}`),
  )})`;
}

async function queryGroups(scope: ReadScope, query: RunListQuery, group: string): Promise<RunListGroup[]> {
  const metrics = query.cols.filter(isMetricColumn);
  const g = groupSql(group);
  const inner = metrics.map((t, i) => Prisma.sql`${columnNumberSql(t)} AS ${Prisma.raw(`m${i}`)}`);
  const outer = metrics.map((_, i) => Prisma.raw(`avg(m${i}) AS m${i}`));
  const rows = await getPrisma().$queryRaw<Record<string, unknown>[]>`
    SELECT gkey AS key, glabel AS label, count(*)::int AS count ${outer.length ? Prisma.sql`, ${Prisma.join(outer)}` : Prisma.empty}
    FROM (
      SELECT ${g.key} AS gkey, ${g.label} AS glabel, ${g.order} AS gorder
        ${inner.length ? Prisma.sql`, ${Prisma.join(inner)}` : Prisma.empty}
      FROM ${RUN_LIST_FROM}
      WHERE ${runListWhereSql(scope, query)}
    ) t
    GROUP BY gkey, glabel, gorder
    ORDER BY gorder ASC NULLS LAST, gkey ASC NULLS LAST
    LIMIT ${MAX_GROUPS}::int`;
  return rows.map((row) => ({
    key: row.key as string | null,
    label: row.label as string | null,
    count: row.count as number,
    means: Object.fromEntries(
      metrics.map((t, i) => [t, row[`m${i}`] === null ? null : Number(row[`m${i}`])]),
    ),
  }));
}

/** One page of the runs list: summary columns, the chosen config keys and each run's last logged metrics. */
export async function listRuns(scope: ReadScope, query: RunListQuery): Promise<RunListPage> {
  const prisma = getPrisma();
  const where = runListWhereSql(scope, query);
  const groupKey = query.group ? groupSql(query.group).key : Prisma.sql`NULL::text`;
  const [counted, raw, groups] = await Promise.all([
    // The filters read only the runs table, so the count skips the joined names.
    prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM runs r WHERE ${where}`,
    prisma.$queryRaw<RawRow[]>`
      SELECT r.id, r.project_id AS "projectId", r.name, p.name AS "projectName", r.status::text AS status,
        r.status_detail AS "statusDetail", r.train_mode::text AS "trainMode", b.name AS backend,
        d.name AS dataset, e.id AS "experimentId", e.name AS "experimentName",
        r.current_step AS "currentStep", r.total_steps AS "totalSteps", r.best_test_pass1 AS "bestTestPass1",
        r.best_conservative AS "bestConservative", u.name AS "createdBy", r.created_at AS "createdAt",
        r.tags, r.starred, r.archived_at AS "archivedAt", ${valuesSql(query.cols)} AS values,
        ${groupKey} AS "groupKey"
      FROM ${RUN_LIST_FROM}
      WHERE ${where}
      ORDER BY ${runListOrder(query)}
      LIMIT ${query.size}::int OFFSET ${(query.page - 1) * query.size}::int`,
    query.group ? queryGroups(scope, query, query.group) : Promise.resolve(null),
  ]);
  const total = counted[0]?.n ?? 0;
  return {
    total,
    page: query.page,
    size: query.size,
    pageCount: Math.max(1, Math.ceil(total / query.size)),
    groups,
    rows: raw.map(({ experimentId, experimentName, createdAt, archivedAt, dataset, backend, ...run }) => ({
      ...run,
      dataset: dataset ?? "built-in simulator suite",
      backend: backend ?? "simulator",
      experiment: experimentId ? { id: experimentId, name: experimentName ?? "" } : null,
      createdAt: createdAt.toISOString(),
      archivedAt: archivedAt?.toISOString() ?? null,
    })),
  };
}
