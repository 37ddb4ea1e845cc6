/**
 * The critique search's contract (GET /api/runs/[runId]/critiques and the rollouts browser's "search in
 * critiques"): words to look for in the reflection critiques' replies, the step and program filters the
 * browser already carries, and an opaque cursor (search rank, then call id, as the completions' "best
 * match" order). The fields are the rollouts browser's own, so one URL drives both lists.
 */
import { z } from "zod";
import { PAGE_SIZE, cursorSchema, encodeCursor, intParam, searchText } from "./rollout-filters";

const rankCursor = z.tuple([z.number().finite(), z.string().regex(/^\d{1,18}$/)]);

export const critiqueSearchQuerySchema = z.object({
  q: searchText.pipe(z.string({ error: "type words to look for" })),
  /** Critiques made at this step. */
  step: intParam.optional(),
  /** Critiques of this program (by pool id): an event that mutated it or crossed it over. */
  program: intParam.optional(),
  cursor: cursorSchema
    .pipe(rankCursor)
    .transform(([rank, id]) => ({ rank, id }))
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(PAGE_SIZE),
});
export type CritiqueSearchQuery = z.infer<typeof critiqueSearchQuerySchema>;

/** The cursor after a hit of this rank and call id. */
export function encodeCritiqueCursor(rank: number, id: string): string {
  return encodeCursor({ sort: "match", rank, id });
}

/** The browser's filters → the critique search's query string (the filters it does not take left out). */
export function critiqueSearchParams(filters: { q?: string; step?: number; program?: number }): string {
  const params = new URLSearchParams();
  for (const key of ["q", "step", "program"] as const)
    if (filters[key] !== undefined) params.set(key, String(filters[key]));
  return params.toString();
}
