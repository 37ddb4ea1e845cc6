"use client";
/**
 * The run views' live data, one hook per view: each is seeded with the server-rendered data and kept
 * current by the run-level subscription (keys: run-query-keys.ts). A component calls its hook at the
 * top in place of the prop it was given.
 */
import { useSearchParams } from "next/navigation";
import type { RunRatings, RunLineage } from "@/lib/view/lineage/types";
import type { ProgramList } from "@/lib/server/read/prompts/list-programs";
import type { EventList } from "@/lib/server/read/evolution/list-events";
import type { HeadToHead } from "@/lib/server/read/head-to-head";
import type { EvolutionViewQuery } from "@/lib/domain/prompts/query";
import { fetchApiJson } from "@/lib/client/fetch-json";
import { useEnclosingRunView, useRunView } from "@/lib/client/run-view-context";
import { appendAfterStep, appendNewerEvents } from "./append-newer-events";
import { LATEST, runQueryKey } from "./run-query-keys";
import { useLiveRunQuery } from "./use-live-run-query";

/** Leaderboard and default selection of the ratings view. */
export function useLiveRatings(initial: RunRatings): RunRatings {
  const view = useRunView(initial.runId);
  return useLiveRunQuery({
    view,
    key: runQueryKey(initial.runId, "ratings"),
    url: `/api/runs/${initial.runId}/leaderboard`,
    initial,
  });
}

export function useLiveLineage(initial: RunLineage): RunLineage {
  const view = useRunView(initial.runId);
  return useLiveRunQuery({
    view,
    key: runQueryKey(initial.runId, "lineage"),
    url: `/api/runs/${initial.runId}/lineage`,
    initial,
  });
}

/** The prompts view's page of programs, for its search text `q`. */
export function useLivePrograms(initial: ProgramList, q: string | undefined): ProgramList {
  const view = useEnclosingRunView();
  const params = new URLSearchParams({ page: String(initial.page), pageSize: String(initial.pageSize) });
  if (q) params.set("q", q);
  const runId = view?.runId ?? "";
  return useLiveRunQuery({
    view,
    key: runQueryKey(runId, "prompts", params.toString()),
    url: `/api/runs/${runId}/prompts?${params}`,
    initial,
  });
}

/**
 * The head-to-head grid: the latest step's follows each committed step; a step named in the URL is
 * committed and stays as it is.
 */
export function useLiveHeadToHead<T extends HeadToHead & { step: number }>(initial: T): T {
  const view = useEnclosingRunView();
  const named = useSearchParams().get("step");
  const follows = named === null || !/^\d+$/.test(named);
  const runId = view?.runId ?? "";
  const data = useLiveRunQuery<HeadToHead>({
    view,
    key: runQueryKey(runId, "head-to-head", follows ? LATEST : initial.step),
    url: `/api/runs/${runId}/head-to-head${follows ? "" : `?step=${initial.step}`}`,
    initial,
  });
  return { ...initial, ...data, step: data.step ?? initial.step };
}

/** The evolution view's page of events: the first page appends only the newer steps' events. */
export function useLiveEvents(initial: EventList, query: EvolutionViewQuery): EventList {
  const view = useEnclosingRunView();
  const params = new URLSearchParams({ page: String(initial.page), pageSize: String(initial.pageSize) });
  for (const name of ["step", "kind", "status"] as const)
    if (query[name] !== undefined) params.set(name, String(query[name]));
  const runId = view?.runId ?? "";
  const url = `/api/runs/${runId}/evolution?${params}`;
  return useLiveRunQuery({
    view,
    key: runQueryKey(runId, "evolution", params.toString()),
    url,
    initial,
    fetch: async (_url, shareToken, current) => {
      const after = appendAfterStep(current, query.step !== undefined);
      if (current && after !== null) {
        const newer = await fetchApiJson<EventList>(`${url}&afterStep=${after}`, shareToken);
        const merged = appendNewerEvents(current, newer);
        if (merged) return merged;
      }
      return fetchApiJson<EventList>(url, shareToken);
    },
  });
}
