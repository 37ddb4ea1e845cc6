import { runExportQuerySchema } from "@/lib/domain/api-v1/api-v1-schemas";
import { defineRoute } from "@/lib/server/http/route";
import { openRunDownload } from "@/lib/server/read/run-download";

export const dynamic = "force-dynamic";

/** A run as a streamed download (json, jsonl, csv): any member of its project. */
export const GET = defineRoute(
  {
    access: {
      role: "viewer",
      project: ({ params }: { params: { runId: string } }) => ({ runId: params.runId }),
    },
    query: runExportQuerySchema,
  },
  ({ query, params, scope }) => openRunDownload(scope, params.runId, query.format),
);
