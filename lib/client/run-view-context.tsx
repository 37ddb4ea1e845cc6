"use client";
/**
 * The run view (lib/domain/run-view.ts) a component is inside. Views build their links and API requests through this, so the same components
 * serve both, and a share-link holder's requests carry the token (the `share` query parameter, which
 * EventSource can send too) to the "share-or-member" routes.
 */
import { createContext, useContext, type ReactNode } from "react";

import type { RunView } from "@/lib/domain/run-view";
import { LiveRunProvider } from "@/lib/client/live/live-run-provider";

export { withShareToken } from "@/lib/domain/share-url";
export { runViewHref, type RunView } from "@/lib/domain/run-view";

const RunViewContext = createContext<RunView | null>(null);

/** Also the run's one live subscription (lib/client/live/live-run-provider.tsx): the run layout mounts it once. */
export function RunViewProvider({ value, children }: { value: RunView; children: ReactNode }) {
  return (
    <RunViewContext.Provider value={value}>
      <LiveRunProvider runId={value.runId} shareToken={value.shareToken}>
        {children}
      </LiveRunProvider>
    </RunViewContext.Provider>
  );
}

/** The run view around this component; outside one (e.g. a member-only page) a member's plain paths. */
export function useRunView(runId: string): RunView {
  return (
    useContext(RunViewContext) ?? { runId, basePath: `/runs/${runId}`, shareToken: null, readOnly: false }
  );
}

/** The run view around this component, for components whose props do not name the run; null outside one. */
export function useEnclosingRunView(): RunView | null {
  return useContext(RunViewContext);
}
