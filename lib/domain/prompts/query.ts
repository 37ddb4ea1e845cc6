/**
 * The Prompts and Evolution views' URL state, one zod schema each: pages parse their searchParams with
 * these, so a hand-edited URL gets defaults or a clear 400-style message instead of a crash.
 */
import { z } from "zod";

const optionalInt = z.coerce.number().int().min(0).max(2_147_483_647).optional().catch(undefined);
const pageNumber = z.coerce.number().int().min(1).max(100_000).catch(1);

export const programListQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((q) => (q ? q : undefined)),
  page: pageNumber,
  pageSize: z.coerce.number().int().min(1).max(200).catch(50),
});
export type ProgramListQuery = Omit<z.infer<typeof programListQuerySchema>, "q"> & { q?: string };

export const promptsViewQuerySchema = programListQuerySchema.extend({
  program: optionalInt,
  principle: z.string().max(64).optional().catch(undefined),
  a: optionalInt,
  b: optionalInt,
});
export type PromptsViewQuery = z.infer<typeof promptsViewQuerySchema>;

export const eventListQuerySchema = z.object({
  step: optionalInt,
  kind: z.enum(["mutation", "crossover"]).optional().catch(undefined),
  status: z.enum(["ok", "failed"]).optional().catch(undefined),
  page: pageNumber,
  pageSize: z.coerce.number().int().min(1).max(200).catch(50),
});
export type EventListQuery = z.infer<typeof eventListQuerySchema>;

export const evolutionViewQuerySchema = eventListQuerySchema.extend({
  event: optionalInt,
  child: optionalInt,
});
export type EvolutionViewQuery = z.infer<typeof evolutionViewQuerySchema>;

/** Next.js searchParams: a repeated key arrives as an array; the first value counts. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined) out[k] = value;
  }
  return out;
}
