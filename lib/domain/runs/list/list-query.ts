/**
 * The runs list's whole view as a query string: filters, sort, page, the chosen columns, column filters,
 * grouping and the starred / archived switches. One zod schema parses the URL on the page and in the JSON
 * route, and one function writes it back, so a shared link opens exactly the same view.
 */
import { z } from "zod";
import { TRAIN_MODES } from "@/lib/espl/config";
import { runChangeSchema } from "@/lib/domain/run-change";
import { DEFAULT_COLUMNS, MAX_COLUMNS, isColumnToken, isGroupColumn, parseColumnToken } from "./list-columns";
import { columnFiltersSchema, writeColumnFilter } from "./list-filter";

export const RUN_SORT_KEYS = [
  "createdAt",
  "name",
  "status",
  "bestTestPass1",
  "bestConservative",
  "progress",
] as const;
/** A fixed sort key, or a config / final-metric column token ("config:crossover_prob"). */
export type RunSortKey = (typeof RUN_SORT_KEYS)[number] | `config:${string}` | `final:${string}`;

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

/** An absent or empty value means "no filter"; a malformed one falls back to the default, never an error page. */
const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));

const sortSchema = z
  .string()
  .refine(
    (s) =>
      (RUN_SORT_KEYS as readonly string[]).includes(s) ||
      (isColumnToken(s) && parseColumnToken(s)?.kind !== "fixed"),
  )
  .transform((s) => s as RunSortKey)
  .default("createdAt")
  .catch("createdAt");

/** "status,best,config:lora_rank" (or the checkboxes of a form, repeated): unknown tokens are dropped. */
const columnsSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((raw) => {
    if (raw === undefined) return [...DEFAULT_COLUMNS];
    const tokens = (Array.isArray(raw) ? raw : [raw]).flatMap((t) => t.split(","));
    return [...new Set(tokens.map((t) => t.trim()).filter(isColumnToken))].slice(0, MAX_COLUMNS);
  })
  .catch([...DEFAULT_COLUMNS]);

const flagSchema = z
  .enum(["1", "0"])
  .optional()
  .transform((v) => v === "1")
  .catch(false);

export const runListQuerySchema = z.object({
  q: optionalText.catch(undefined),
  status: runChangeSchema.shape.status.optional().catch(undefined),
  mode: z.enum(TRAIN_MODES).optional().catch(undefined),
  tag: optionalText.catch(undefined),
  sort: sortSchema,
  dir: z.enum(["asc", "desc"]).default("desc").catch("desc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .default(DEFAULT_PAGE_SIZE)
    .catch(DEFAULT_PAGE_SIZE),
  cols: columnsSchema,
  where: columnFiltersSchema,
  group: z.string().refine(isGroupColumn).optional().catch(undefined),
  starred: flagSchema,
  /** Archived runs are hidden unless this is on; then they are listed beside the others. */
  archived: flagSchema,
});

export type RunListQuery = z.output<typeof runListQuerySchema>;

/** The keys a repeated URL value is kept whole for; every other key takes its first value. */
const LIST_KEYS = new Set(["cols", "where"]);

/** Parses Next's searchParams (or a URLSearchParams' entries grouped by key). */
export function parseRunListQuery(params: Record<string, string | string[] | undefined>): RunListQuery {
  const flat = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      Array.isArray(value) && !LIST_KEYS.has(key) ? value[0] : value,
    ]),
  );
  return runListQuerySchema.parse(flat);
}

/** A URLSearchParams' entries grouped by key, for parseRunListQuery (the JSON route's and the tests' input). */
export function groupSearchParams(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

const DEFAULTS = runListQuerySchema.parse({});
const SCALAR_KEYS = ["q", "status", "mode", "tag", "sort", "dir", "page", "size", "group"] as const;

/** The view as URL pairs, leaving out defaults so URLs stay short (also the hidden fields of the list's forms). */
export function listRunListParams(
  query: RunListQuery,
  change: Partial<RunListQuery> = {},
): [string, string][] {
  const next = { ...query, ...change };
  const pairs: [string, string][] = [];
  for (const key of SCALAR_KEYS) {
    const value = next[key];
    if (value !== undefined && value !== DEFAULTS[key]) pairs.push([key, String(value)]);
  }
  if (next.cols.join(",") !== DEFAULTS.cols.join(",")) pairs.push(["cols", next.cols.join(",")]);
  for (const filter of next.where) pairs.push(["where", writeColumnFilter(filter)]);
  if (next.starred) pairs.push(["starred", "1"]);
  if (next.archived) pairs.push(["archived", "1"]);
  return pairs;
}

/** The query string for a state ("" for the default view). */
export function writeRunListQuery(query: RunListQuery, change: Partial<RunListQuery> = {}): string {
  const text = new URLSearchParams(listRunListParams(query, change)).toString();
  return text ? `?${text}` : "";
}
