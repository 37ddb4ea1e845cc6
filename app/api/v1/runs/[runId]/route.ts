import { readRunDetail } from "@/lib/server/api-v1/api-runs";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** One run: status, progress, best results and error. */
export const GET = defineRoute(
  {
    access: {
      role: "viewer",
      project: ({ params }: { params: { runId: string } }) => ({ runId: params.runId }),
    },
  },
  ({ params, scope }) => readRunDetail(getPrisma(), scope, params.runId),
);
