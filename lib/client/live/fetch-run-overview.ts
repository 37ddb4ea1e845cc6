/**
 * The run page's overview requests: the compact answer of /api/runs/[runId]/overview decoded to the
 * RunOverview the components read, and after the first load only what follows the last step held
 * (`sinceStep`), merged in (lib/view/runs/overview-wire.ts).
 */
import type { RunOverview } from "@/lib/server/read/run-overview";
import { withShareToken } from "@/lib/domain/share-url";
import { OVERVIEW_POINTS, writeOverviewQuery } from "@/lib/domain/runs/overview-query";
import { decodeOverview, mergeOverviewDelta, type OverviewWire } from "@/lib/view/runs/overview-wire";

async function fetchOverview(runId: string, shareToken: string | null, sinceStep?: number) {
  const query = writeOverviewQuery({ format: "compact", points: OVERVIEW_POINTS, sinceStep });
  // "no-cache" revalidates with the ETag: an unchanged overview comes back as a 304 with no body.
  const res = await fetch(withShareToken(`/api/runs/${runId}/overview?${query}`, shareToken), {
    cache: "no-cache",
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `request failed (${res.status})`);
  }
  return decodeOverview((await res.json()) as OverviewWire<RunOverview>);
}

/** `held` with what followed its last step; the whole overview when nothing is held yet. */
export async function refreshOverview(
  runId: string,
  shareToken: string | null,
  held: RunOverview | undefined,
): Promise<RunOverview> {
  if (!held || held.lastStep === null) return fetchOverview(runId, shareToken);
  const delta = await fetchOverview(runId, shareToken, held.lastStep);
  return mergeOverviewDelta(held, delta) ?? fetchOverview(runId, shareToken);
}
