import "server-only";
/**
 * The SQL pieces of the runs list (lib/server/read/list-runs.ts): the caller's scope, the filters, the
 * value of a column token and the order. Raw SQL because Prisma cannot order by a JSON key or by a
 * run's last logged metric; every value reaches PostgreSQL as a bound parameter.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReadScope } from "@/lib/server/auth/scope";
import { parseColumnToken } from "@/lib/domain/runs/list/list-columns";
import type { ColumnFilter } from "@/lib/domain/runs/list/list-filter";
import type { RunListQuery } from "@/lib/domain/runs/list/list-query";

/** The runs and the names the list shows beside them, aliased as every fragment below expects. */
export const RUN_LIST_FROM = Prisma.sql`
  runs r
  JOIN projects p ON p.id = r.project_id
  LEFT JOIN datasets d ON d.id = r.dataset_id
  LEFT JOIN model_backends b ON b.id = r.policy_backend_id
  LEFT JOIN users u ON u.id = r.created_by_id
  LEFT JOIN experiments e ON e.id = r.experiment_id`;

/**
 * A run's last logged value of a step metric (the value at its newest step that logged the key). The
 * walk goes down the (run_id, step) index from the newest step and stops at the first hit.
 */
function finalMetricSql(key: string): Prisma.Sql {
  return Prisma.sql`(SELECT (coalesce(s.metrics->'logged', s.metrics)->>${key}::text)::float8 FROM steps s
    WHERE s.run_id = r.id AND jsonb_typeof(coalesce(s.metrics->'logged', s.metrics)->${key}::text) = 'number'
    ORDER BY s.step DESC LIMIT 1)`;
}

/** A column's value as jsonb (config values keep their type) for the row's `values`, sorting and equality. */
export function columnJsonSql(token: string): Prisma.Sql {
  const column = parseColumnToken(token);
  if (column?.kind === "config") return Prisma.sql`(r.config->${column.key}::text)`;
  return Prisma.sql`to_jsonb(${columnNumberSql(token)})`;
}

/** A column's value as a number, or NULL where it has none (a text config value, an unscored run). */
export function columnNumberSql(token: string): Prisma.Sql {
  const column = parseColumnToken(token);
  if (column?.kind === "config")
    return Prisma.sql`(CASE WHEN jsonb_typeof(r.config->${column.key}::text) = 'number'
      THEN (r.config->>${column.key}::text)::float8 END)`;
  if (column?.kind === "final") return finalMetricSql(column.key);
  if (column?.kind === "fixed" && column.id === "best") return Prisma.sql`r.best_test_pass1`;
  if (column?.kind === "fixed" && column.id === "conservative") return Prisma.sql`r.best_conservative`;
  if (column?.kind === "fixed" && column.id === "progress") return Prisma.sql`r.current_step::float8`;
  throw new Error(`not a numeric column: ${token}`);
}

const COMPARISONS = { gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;

function filterSql(filter: ColumnFilter): Prisma.Sql {
  if (filter.op === "eq" || filter.op === "ne") {
    // jsonb equality: 0.5 matches 0.50, "uniform" matches the text, true the boolean.
    const same = Prisma.sql`${columnJsonSql(filter.column)} = ${JSON.stringify(filter.json)}::jsonb`;
    return filter.op === "eq" ? same : Prisma.sql`(${same}) IS NOT TRUE`;
  }
  return Prisma.sql`${columnNumberSql(filter.column)} ${Prisma.raw(COMPARISONS[filter.op])} ${filter.json}::float8`;
}

/** LIKE's own wildcards in the user's text match themselves. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The caller's runs (the twin of runWhere in lib/server/auth/scope.ts) that the view's filters keep. */
export function runListWhereSql(scope: ReadScope, query: RunListQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`r.project_id = ANY(${[...scope.projectIds]}::uuid[])`];
  if (scope.runIds) parts.push(Prisma.sql`r.id = ANY(${[...scope.runIds]}::uuid[])`);
  if (!query.archived) parts.push(Prisma.sql`r.archived_at IS NULL`);
  if (query.starred) parts.push(Prisma.sql`r.starred`);
  if (query.status) parts.push(Prisma.sql`r.status::text = ${query.status}`);
  if (query.mode) parts.push(Prisma.sql`r.train_mode::text = ${query.mode}`);
  if (query.tag) parts.push(Prisma.sql`${query.tag}::text = ANY(r.tags)`);
  if (query.q) parts.push(Prisma.sql`r.name ILIKE ${`%${escapeLike(query.q)}%`}`);
  for (const filter of query.where) parts.push(filterSql(filter));
  return Prisma.join(parts, " AND ");
}

/** What rows are grouped by: a key that tells groups apart, its label, and the order groups come in. */
export function groupSql(group: string): { key: Prisma.Sql; label: Prisma.Sql; order: Prisma.Sql } {
  const column = parseColumnToken(group);
  if (column?.kind === "config")
    return {
      key: Prisma.sql`(r.config->${column.key}::text)::text`,
      label: Prisma.sql`(r.config->>${column.key}::text)`,
      order: Prisma.sql`(r.config->${column.key}::text)`,
    };
  return { key: Prisma.sql`e.id::text`, label: Prisma.sql`e.name`, order: Prisma.sql`e.name` };
}

const FIXED_ORDER = {
  createdAt: Prisma.sql`r.created_at`,
  name: Prisma.sql`r.name`,
  status: Prisma.sql`r.status`,
  bestTestPass1: Prisma.sql`r.best_test_pass1`,
  bestConservative: Prisma.sql`r.best_conservative`,
  progress: Prisma.sql`r.current_step`,
} as const;

/**
 * Grouped rows come group by group; within them (or without groups) the sort, with missing values last
 * whichever way, so unscored runs never crowd the top. Ties break by id so pages are stable.
 */
export function runListOrder(query: RunListQuery): Prisma.Sql {
  const dir = Prisma.raw(query.dir === "asc" ? "ASC" : "DESC");
  const sort =
    query.sort in FIXED_ORDER
      ? FIXED_ORDER[query.sort as keyof typeof FIXED_ORDER]
      : columnJsonSql(query.sort);
  const byGroup = query.group
    ? [
        Prisma.sql`${groupSql(query.group).order} ASC NULLS LAST`,
        Prisma.sql`${groupSql(query.group).key} ASC NULLS LAST`,
      ]
    : [];
  return Prisma.join([...byGroup, Prisma.sql`${sort} ${dir} NULLS LAST`, Prisma.sql`r.id ${dir}`], ", ");
}
