import { z } from "zod";
import { listEvolutionEvents } from "@/lib/server/read/evolution/list-events";
import { defineRoute } from "@/lib/server/http/route";
import { eventListQuerySchema } from "@/lib/domain/prompts/query";

export const dynamic = "force-dynamic";

const query = eventListQuerySchema.extend({
  afterStep: z.coerce
    .number()
    .int("afterStep must be a whole step number")
    .min(-1, "afterStep must be -1 or more")
    .max(2_147_483_647)
    .optional(),
});

/** A page of the evolution view's event list (with `afterStep`, only later steps' events: the live append). */
export const GET = defineRoute<"share-or-member", typeof query, z.ZodUndefined, { runId: string }>(
  { access: "share-or-member", query },
  ({ params, query: { afterStep, ...list }, scope }) =>
    listEvolutionEvents(scope, params.runId, list, { afterStep }),
);
