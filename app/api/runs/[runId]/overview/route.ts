import { overviewQuerySchema } from "@/lib/domain/runs/overview-query";
import { answerRunOverview } from "@/lib/server/read/run-overview-cache";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

/**
 * The run page's data for its live refetches (members, or the run's share link, frozen where it says), as
 * JSON or (format=compact, the page's) in the column form of lib/view/runs/overview-wire.ts: the series `metrics` names (default: the charted
 * ones) at about `points` buckets each, only what follows `sinceStep` when given. The ETag lets a
 * client revalidate for a 304 while nothing changed.
 */
export const GET = defineRoute(
  { access: "share-or-member", query: overviewQuerySchema },
  async ({ params, scope, query, request }) => {
    const { runId } = params as { runId: string };
    const answer = await answerRunOverview(
      scope,
      runId,
      { metrics: query.metrics, points: query.points, sinceStep: query.sinceStep ?? null },
      query.format === "compact",
      request.headers.get("if-none-match"),
    );
    const headers = {
      etag: answer.etag,
      // Revalidated every time (cheap: the ETag is checked before anything is read); private as it is scoped.
      "cache-control": "private, no-cache",
    };
    if (!answer.body) return new Response(null, { status: 304, headers });
    return new Response(await answer.body, {
      headers: { ...headers, "content-type": "application/json" },
    });
  },
);
