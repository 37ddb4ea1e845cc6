import type { z } from "zod";
import { listRollouts } from "@/lib/server/read/list-rollouts";
import { defineRoute } from "@/lib/server/http/route";
import { rolloutPageQuerySchema } from "@/lib/domain/rollouts/rollout-filters";

export const dynamic = "force-dynamic";

/** GET /api/runs/[runId]/rollouts: one keyset page of rollout summaries (no completion text), filtered. */
export const GET = defineRoute<
  "share-or-member",
  typeof rolloutPageQuerySchema,
  z.ZodUndefined,
  { runId: string }
>({ access: "share-or-member", query: rolloutPageQuerySchema }, ({ params, query, scope }) =>
  listRollouts(scope, params.runId, query),
);
