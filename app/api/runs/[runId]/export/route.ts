import type { z } from "zod";
import { openRunDownload } from "@/lib/server/read/run-download";
import { runExportQuerySchema as querySchema } from "@/lib/domain/api-v1/api-v1-schemas";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** A run as a download (CSV metrics, whole-run JSON, rollouts JSONL): members, or the run's share link. */
export const GET = defineRoute<"share-or-member", typeof querySchema, z.ZodUndefined, { runId: string }>(
  { access: "share-or-member", query: querySchema },
  ({ query, params, scope }) => openRunDownload(scope, params.runId, query.format),
);
