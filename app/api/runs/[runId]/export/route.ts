import { z } from "zod";
import { openRunDownload } from "@/lib/data/run-download";
import { EXPORT_FORMATS } from "@/lib/export/export-formats";
import { defineRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const querySchema = z.object({ format: z.enum(EXPORT_FORMATS) });

/** A run as a download (CSV metrics, whole-run JSON, rollouts JSONL): members, or the run's share link. */
export const GET = defineRoute<"share-or-member", typeof querySchema, z.ZodUndefined, { runId: string }>(
  { access: "share-or-member", query: querySchema },
  ({ query, params, scope }) => openRunDownload(scope, params.runId, query.format),
);
