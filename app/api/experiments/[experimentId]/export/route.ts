import type { z } from "zod";
import { experimentExportQuerySchema } from "@/lib/domain/experiments/group-query";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { formatExperimentResults } from "@/lib/server/read/experiment-export";

export const dynamic = "force-dynamic";

/** An experiment's results table as CSV, Markdown or LaTeX, as a download: members of its project. */
export const GET = defineRoute<
  "member",
  typeof experimentExportQuerySchema,
  z.ZodUndefined,
  { experimentId: string }
>({ access: "member", query: experimentExportQuerySchema }, async ({ query, params, scope }) => {
  const file = await formatExperimentResults(getPrisma(), scope, params.experimentId, query);
  return new Response(file.text, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName}"`,
    },
  });
});
