import { z } from "zod";
import { defineRoute } from "@/lib/http/route";
import { streamRunChanges } from "@/lib/live/run-change-stream";

export const dynamic = "force-dynamic";

const query = z.object({
  /** Comma-separated run ids; all runs in the caller's scope when absent. */
  runs: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",") : null))
    .pipe(z.array(z.uuid()).max(100).nullable()),
});

export const GET = defineRoute({ access: "share-or-member", query }, async ({ request, query, scope }) =>
  streamRunChanges(request.signal, query.runs, scope),
);
