import type { z } from "zod";
import { listPrograms } from "@/lib/server/read/prompts/list-programs";
import { defineRoute } from "@/lib/server/http/route";
import { programListQuerySchema } from "@/lib/domain/prompts/query";

export const dynamic = "force-dynamic";

/** A page of the prompts view's program list (newest first, optionally searched), for its live refetches. */
export const GET = defineRoute<
  "share-or-member",
  typeof programListQuerySchema,
  z.ZodUndefined,
  { runId: string }
>({ access: "share-or-member", query: programListQuerySchema }, ({ params, query, scope }) =>
  listPrograms(scope, params.runId, query),
);
