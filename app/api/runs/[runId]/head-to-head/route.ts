import { z } from "zod";
import { getHeadToHead } from "@/lib/server/read/head-to-head";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const query = z.object({
  step: z.coerce
    .number()
    .int("step must be a whole step number")
    .min(0, "step must be 0 or more")
    .max(2_147_483_647)
    .optional(),
});

/** One step's head-to-head grid (the latest visible step without `step`), for the view's live refetches. */
export const GET = defineRoute<"share-or-member", typeof query, z.ZodUndefined, { runId: string }>(
  { access: "share-or-member", query },
  ({ params, query, scope }) => getHeadToHead(scope, params.runId, query.step),
);
