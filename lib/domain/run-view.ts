/**
 * Where a run's views are read from: a member's /runs/[id]/… or a share link's /s/[token]/runs/[id]/….
 * The server decides it (lib/server/auth/run-view-access.ts) and the client carries it in a context
 * (lib/client/run-view-context.tsx); this is the shape both agree on.
 */
export interface RunView {
  runId: string;
  /** Prefix of the run's view URLs: /runs/<id> or /s/<token>/runs/<id>. */
  basePath: string;
  shareToken: string | null;
  /** Share links read; they never control, launch or edit. */
  readOnly: boolean;
}

/** A view's URL: `segment` "" is the overview; `query` is appended as given. */
export function runViewHref(view: Pick<RunView, "basePath">, segment: string, query = ""): string {
  const path = segment ? `${view.basePath}/${segment}` : view.basePath;
  return query ? `${path}?${query}` : path;
}
