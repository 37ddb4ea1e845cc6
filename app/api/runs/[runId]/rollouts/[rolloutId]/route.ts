import type { z } from "zod";
import { getRolloutDetail } from "@/lib/server/read/rollout-detail";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** GET /api/runs/[runId]/rollouts/[rolloutId]: one rollout's completion text, problem and principles. */
export const GET = defineRoute<
  "share-or-member",
  z.ZodUndefined,
  z.ZodUndefined,
  { runId: string; rolloutId: string }
>({ access: "share-or-member" }, ({ params, scope }) =>
  getRolloutDetail(scope, params.runId, params.rolloutId),
);
