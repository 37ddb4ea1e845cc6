import type { z } from "zod";
import { getRunOverview } from "@/lib/data/run-overview";
import { defineRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The run page's data for its live refetches: members, or the run's share link (frozen where it says). */
export const GET = defineRoute<"share-or-member", z.ZodUndefined, z.ZodUndefined, { runId: string }>(
  { access: "share-or-member" },
  ({ params, scope }) => getRunOverview(scope, params.runId),
);
