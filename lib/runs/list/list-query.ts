/**
 * The runs list's filter, sort and page as a query string: one zod schema parses the URL on the page and
 * in the JSON route, and one function writes it back, so links and state never drift apart.
 */
import { z } from "zod";
import { TRAIN_MODES } from "@/lib/espl/config";
import { runChangeSchema } from "@/lib/live/run-change";

export const RUN_SORT_KEYS = [
  "createdAt",
  "name",
  "status",
  "bestTestPass1",
  "bestConservative",
  "progress",
] as const;
export type RunSortKey = (typeof RUN_SORT_KEYS)[number];

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

/** An absent or empty value means "no filter"; a malformed one falls back to the default, never an error page. */
const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));

export const runListQuerySchema = z.object({
  q: optionalText.catch(undefined),
  status: runChangeSchema.shape.status.optional().catch(undefined),
  mode: z.enum(TRAIN_MODES).optional().catch(undefined),
  tag: optionalText.catch(undefined),
  sort: z.enum(RUN_SORT_KEYS).default("createdAt").catch("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc").catch("desc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .default(DEFAULT_PAGE_SIZE)
    .catch(DEFAULT_PAGE_SIZE),
});

export type RunListQuery = z.output<typeof runListQuerySchema>;

/** Parses Next's searchParams (a value may repeat; the first wins). */
export function parseRunListQuery(params: Record<string, string | string[] | undefined>): RunListQuery {
  const flat = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  return runListQuerySchema.parse(flat);
}

const DEFAULTS = runListQuerySchema.parse({});

/** The query string for a state, leaving out defaults so URLs stay short. */
export function writeRunListQuery(query: RunListQuery, change: Partial<RunListQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  for (const key of ["q", "status", "mode", "tag", "sort", "dir", "page", "size"] as const) {
    const value = next[key];
    if (value !== undefined && value !== DEFAULTS[key]) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
