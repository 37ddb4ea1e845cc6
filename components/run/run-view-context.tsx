"use client";
/**
 * Where the run's views are being read from: a member's /runs/[id]/…, or a share link's
 * /s/[token]/runs/[id]/…. Views build their links and API requests through this, so the same components
 * serve both, and a share-link holder's requests carry the token (the `share` query parameter, which
 * EventSource can send too) to the "share-or-member" routes.
 */
import { createContext, useContext, type ReactNode } from "react";

export { withShareToken } from "@/lib/http/share-url";

export interface RunView {
  runId: string;
  /** Prefix of the run's view URLs: /runs/<id> or /s/<token>/runs/<id>. */
  basePath: string;
  shareToken: string | null;
  /** Share links read; they never control, launch or edit. */
  readOnly: boolean;
}

const RunViewContext = createContext<RunView | null>(null);

export function RunViewProvider({ value, children }: { value: RunView; children: ReactNode }) {
  return <RunViewContext.Provider value={value}>{children}</RunViewContext.Provider>;
}

/** The run view around this component; outside one (e.g. a member-only page) a member's plain paths. */
export function useRunView(runId: string): RunView {
  return (
    useContext(RunViewContext) ?? { runId, basePath: `/runs/${runId}`, shareToken: null, readOnly: false }
  );
}

/** A view's URL: `segment` "" is the overview; `query` is appended as given. */
export function runViewHref(view: Pick<RunView, "basePath">, segment: string, query = ""): string {
  const path = segment ? `${view.basePath}/${segment}` : view.basePath;
  return query ? `${path}?${query}` : path;
}
