import { metricSeriesQuerySchema, readMetricSeries } from "@/lib/server/api-v1/api-run-steps";
import { getPrisma } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/** Series of the named metrics, per step or downsampled: any member of the run's project. */
export const GET = defineRoute(
  {
    access: {
      role: "viewer",
      project: ({ params }: { params: { runId: string } }) => ({ runId: params.runId }),
    },
    query: metricSeriesQuerySchema,
  },
  ({ query, params, scope }) => readMetricSeries(getPrisma(), scope, params.runId, query),
);
