/**
 * The React Query key convention of every run view: `["run", runId, view, ...rest]`, so one run's
 * queries can be found (and refreshed) by prefix, and a view's own rest (filters, page, step) only
 * splits its cache entries. The run-level live subscription (live-run-provider.tsx) refreshes, on each
 * committed step, the views whose data a step can change; React Query then refetches only the mounted
 * ones, so a view that is not open costs nothing.
 *
 * Views and what a step changes:
 * - overview, ratings, lineage, prompts, rollouts, evolution: refreshed on every committed step;
 * - rollout-pages: never by the step: its loaded pages are extended by the rollouts entry's refresh,
 *   which asks only for the newer rows (lib/client/use-rollouts.ts), instead of refetching every page;
 * - head-to-head: only its "latest" entry (a chosen step's grid is committed and never changes);
 * - ratings-at, rollout, llm-call: never (a committed step's ratings, a rollout, an LLM call are final).
 * A status change without a step (pause, resume, fail, cancel) refreshes the overview only.
 */
import type { QueryKey } from "@tanstack/react-query";

export type RunView =
  | "overview"
  | "ratings"
  | "lineage"
  | "prompts"
  | "head-to-head"
  | "rollouts"
  | "rollout-pages"
  | "evolution"
  | "ratings-at"
  | "rollout"
  | "llm-call";

/** The run overview's entry: the page header and charts, patched live by the run-level subscription. */
export const runOverviewKey = (runId: string): QueryKey => runQueryKey(runId, "overview");

/** The head-to-head entry that follows the newest step (the others name their step). */
export const LATEST = "latest";

export function runQueryKey(runId: string, view: RunView, ...rest: readonly unknown[]): QueryKey {
  return ["run", runId, view, ...rest];
}

const STEP_VIEWS: ReadonlySet<string> = new Set<RunView>([
  "overview",
  "ratings",
  "lineage",
  "prompts",
  "head-to-head",
  "rollouts",
  "evolution",
]);

/** What the client last heard of a run; null before the first event (the page's render is older). */
export interface HeardState {
  currentStep: number;
  status: string;
}

export type Refresh = "none" | "status" | "step";

/** What a change means for the run's queries, given what was heard before it. */
export function refreshFor(previous: HeardState | null, next: HeardState): Refresh {
  if (previous === null || next.currentStep !== previous.currentStep) return "step";
  return next.status !== previous.status ? "status" : "none";
}

/** Whether a query key of `runId` must be refetched for `refresh`. */
export function needsRefetch(key: QueryKey, runId: string, refresh: Refresh): boolean {
  if (refresh === "none" || key[0] !== "run" || key[1] !== runId) return false;
  const view = key[2];
  if (refresh === "status") return view === "overview";
  if (typeof view !== "string" || !STEP_VIEWS.has(view)) return false;
  return view !== "head-to-head" || key[3] === LATEST;
}
