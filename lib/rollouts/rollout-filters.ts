/**
 * The rollouts browser's URL state, one zod schema for the page, the list route and the browser: which
 * rollouts (step, program, problem, split, correctness), in which order, and where the page starts (an
 * opaque keyset cursor). Values arrive as strings from the URL; a malformed value is refused with the
 * field named, never silently dropped.
 */
import { z } from "zod";

const intParam = z.coerce.number().int().min(0).max(2_147_483_647);

/** Position of a rollout in the rollouts table's keyset order (its unique index). */
export const rolloutKeySchema = z.tuple([intParam, z.enum(["train", "test"]), intParam, intParam, intParam]);
export type RolloutKey = z.infer<typeof rolloutKeySchema>;

// The key is ASCII JSON, so btoa/atob (in browsers and Node alike) suffice; base64url keeps URLs clean.
export function encodeCursor(key: RolloutKey): string {
  return btoa(JSON.stringify(key)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function decodeCursor(value: string): unknown {
  return JSON.parse(atob(value.replaceAll("-", "+").replaceAll("_", "/")));
}

const cursorSchema = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    try {
      const parsed = rolloutKeySchema.safeParse(decodeCursor(value));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: "custom", message: "not a cursor this list handed out" });
    return z.NEVER;
  });

export const PAGE_SIZE = 50;
/** Matching rows are counted up to this many ("10,000+"): an exact count of 400k rows costs a scan. */
export const COUNT_CAP = 10_000;

/** Filters as the URL carries them (also the list route's query). */
export const rolloutFiltersSchema = z.object({
  step: intParam.optional(),
  /** The program's pool id (as /runs/[id]/prompts?program=N). */
  program: intParam.optional(),
  /** The dataset problem (problems.id): the same problem across steps. */
  problem: intParam.optional(),
  /** Position in the step's batch, for rollouts without a dataset problem (imported runs); needs `step`. */
  index: intParam.optional(),
  split: z.enum(["train", "test"]).optional(),
  correct: z.enum(["yes", "no"]).optional(),
  order: z.enum(["asc", "desc"]).default("asc"),
});
export type RolloutFilters = z.infer<typeof rolloutFiltersSchema>;

export const rolloutPageQuerySchema = rolloutFiltersSchema.extend({
  cursor: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(PAGE_SIZE),
});
export type RolloutPageQuery = z.infer<typeof rolloutPageQuerySchema>;

const FILTER_KEYS = ["step", "program", "problem", "index", "split", "correct", "order"] as const;

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
    if (value === undefined || (key === "order" && value === "asc")) continue;
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
