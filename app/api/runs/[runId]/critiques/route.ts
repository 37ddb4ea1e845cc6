import type { z } from "zod";
import { searchCritiques } from "@/lib/server/read/search-critiques";
import { defineRoute } from "@/lib/server/http/route";
import { critiqueSearchQuerySchema } from "@/lib/domain/rollouts/critique-search";

export const dynamic = "force-dynamic";

/** GET /api/runs/[runId]/critiques?q=: one page of the run's critiques matching a full-text search. */
export const GET = defineRoute<
  "share-or-member",
  typeof critiqueSearchQuerySchema,
  z.ZodUndefined,
  { runId: string }
>({ access: "share-or-member", query: critiqueSearchQuerySchema }, ({ params, query, scope }) =>
  searchCritiques(scope, params.runId, query),
);
