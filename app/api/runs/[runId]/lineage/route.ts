import type { z } from "zod";
import { getRunLineage } from "@/lib/server/read/run-lineage";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** The lineage graph's summaries (no principle texts, no histories): members, or the run's share link. */
export const GET = defineRoute<"share-or-member", z.ZodUndefined, z.ZodUndefined, { runId: string }>(
  { access: "share-or-member" },
  ({ params, scope }) => getRunLineage(scope, params.runId),
);
