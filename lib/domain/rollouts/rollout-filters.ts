/**
 * The rollouts browser's URL state, one zod schema for the page, the list route and the browser: which
 * rollouts (step, program, problem, problem text, split, correctness, a full-text search over the
 * completions or the critiques), in which order, and where the page starts (an opaque keyset cursor). Values arrive as
 * strings from the URL; a malformed value is refused with the field named, never silently dropped.
 */
import { z } from "zod";

export const intParam = z.coerce.number().int().min(0).max(2_147_483_647);

/** Position of a rollout in the rollouts table's keyset order (its unique index). */
export const rolloutKeySchema = z.tuple([intParam, z.enum(["train", "test"]), intParam, intParam, intParam]);
export type RolloutKey = z.infer<typeof rolloutKeySchema>;

/**
 * Where the next page starts, per sort: the last row's keyset position (oldest, newest), its reward
 * before that (best), or its search rank and id (match). Each sort orders by a unique tuple, so a page
 * never skips or repeats a row.
 */
export type RolloutCursor =
  | { sort: "oldest" | "newest"; key: RolloutKey }
  | { sort: "best"; reward: number; key: RolloutKey }
  | { sort: "match"; rank: number; id: string };

// The cursor is ASCII JSON, so btoa/atob (in browsers and Node alike) suffice; base64url keeps URLs clean.
export function encodeCursor(cursor: RolloutCursor): string {
  const value =
    cursor.sort === "best"
      ? [cursor.reward, ...cursor.key]
      : cursor.sort === "match"
        ? [cursor.rank, cursor.id]
        : cursor.key;
  return btoa(JSON.stringify(value)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function decodeCursor(value: string): unknown {
  return JSON.parse(atob(value.replaceAll("-", "+").replaceAll("_", "/")));
}

const finite = z.number().finite();
const cursorShapes = {
  oldest: rolloutKeySchema,
  newest: rolloutKeySchema,
  best: z.tuple([finite, ...rolloutKeySchema.def.items]),
  match: z.tuple([finite, z.string().regex(/^\d{1,18}$/)]),
} as const;

/** The cursor as it arrived, decoded; checked against the sort in rolloutPageQuerySchema. */
export const cursorSchema = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    try {
      return decodeCursor(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "not a cursor this list handed out" });
      return z.NEVER;
    }
  });

export const PAGE_SIZE = 50;
/** Matching rows are counted up to this many ("10,000+"): an exact count of 400k rows costs a scan. */
export const COUNT_CAP = 10_000;

export const ROLLOUT_SORTS = ["oldest", "newest", "best", "match"] as const;
export type RolloutSort = (typeof ROLLOUT_SORTS)[number];
export const SEARCH_SCOPES = ["completions", "critiques"] as const;
/** Longest search or problem-text filter accepted. */
export const SEARCH_MAX = 200;

export const searchText = z
  .string()
  .trim()
  .max(SEARCH_MAX, `at most ${SEARCH_MAX} characters`)
  // An empty box means no search.
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** Filters as the URL carries them (also the list route's query). */
export const rolloutFiltersSchema = z
  .object({
    step: intParam.optional(),
    /** The program's pool id (as /runs/[id]/prompts?program=N). */
    program: intParam.optional(),
    /** The dataset problem (problems.id): the same problem across steps. */
    problem: intParam.optional(),
    /** Position in the step's batch, for rollouts without a dataset problem (imported runs); needs `step`. */
    index: intParam.optional(),
    /** Words of the problem's text (a case-insensitive substring). */
    question: searchText,
    split: z.enum(["train", "test"]).optional(),
    correct: z.enum(["yes", "no"]).optional(),
    /** Full-text search (web-search syntax: words, "a phrase", -not, or). */
    q: searchText,
    /** What the search looks in: the completions (the default) or the reflection critiques. */
    in: z.enum(SEARCH_SCOPES).optional(),
    /** oldest/newest: by step (then split, slot, problem, sample); best: reward, then newest; match: search rank. */
    sort: z.enum(ROLLOUT_SORTS).default("oldest"),
  })
  .refine((f) => f.sort !== "match" || f.q !== undefined, {
    path: ["sort"],
    message: "sorting by best match needs a search",
  });
export type RolloutFilters = z.infer<typeof rolloutFiltersSchema>;

export type RolloutPageQuery = RolloutFilters & { limit: number; cursor?: RolloutCursor; afterStep?: number };

export const rolloutPageQuerySchema = rolloutFiltersSchema
  .and(
    z.object({
      cursor: cursorSchema.optional(),
      /** Only rollouts of steps after this one (a live view asking for what it does not hold yet). */
      afterStep: intParam.optional(),
      limit: z.coerce.number().int().min(1).max(200).default(PAGE_SIZE),
    }),
  )
  .transform((query, ctx): RolloutPageQuery => {
    const { cursor: raw, ...rest } = query;
    if (raw === undefined) return rest;
    const parsed = cursorShapes[rest.sort].safeParse(raw);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", path: ["cursor"], message: "not a cursor this list handed out" });
      return z.NEVER;
    }
    const d = parsed.data;
    const cursor: RolloutCursor =
      rest.sort === "best"
        ? { sort: "best", reward: d[0] as number, key: d.slice(1) as RolloutKey }
        : rest.sort === "match"
          ? { sort: "match", rank: d[0] as number, id: d[1] as string }
          : { sort: rest.sort, key: d as RolloutKey };
    return { ...rest, cursor };
  });

const FILTER_KEYS = [
  "step",
  "program",
  "problem",
  "index",
  "question",
  "split",
  "correct",
  "q",
  "in",
  "sort",
] as const;

/** URL search params → filters; unknown keys (e.g. the selected rollout) are ignored, bad values refused. */
export function parseRolloutFilters(params: Record<string, string | string[] | undefined>) {
  const picked: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "") picked[key] = first;
  }
  return rolloutFiltersSchema.safeParse(picked);
}

/** Filters → canonical query string (defaults left out), so equal filters give equal URLs and cache keys. */
export function serializeRolloutFilters(filters: Partial<RolloutFilters>): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (
      value === undefined ||
      (key === "sort" && value === "oldest") ||
      (key === "in" && value === "completions")
    )
      continue;
    params.set(key, String(value));
  }
  return params.toString();
}

/**
 * The rollouts browser URL for a set of filters (head-to-head cells link here). `basePath` is the run's
 * view prefix: /runs/<id>, or /s/<token>/runs/<id> on a share link.
 */
export function rolloutsHref(basePath: string, filters: Partial<RolloutFilters>): string {
  const query = serializeRolloutFilters(filters);
  return `${basePath}/rollouts${query ? `?${query}` : ""}`;
}
