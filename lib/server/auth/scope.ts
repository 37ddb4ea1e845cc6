import "server-only";

/**
 * What a caller may read. Every server-only data function takes one and filters every query by it, so
 * nothing reaches a page or route unscoped. A signed-in member reads the projects they belong to; a
 * share-link holder reads only the run(s) the link names, optionally as they were at one step.
 */
export interface ReadScope {
  /** Projects whose rows may be read. Empty: nothing. */
  projectIds: readonly string[];
  /** When set (share links), only these runs, even inside the projects above. */
  runIds?: readonly string[];
  /** When set (a link frozen at a step), no step, rollout, program or event after this step. */
  frozenAtStep?: number;
}

type RunFilter = { projectId: { in: string[] } } | { id: { in: string[] } } | { id: string };

/**
 * The Prisma `where` on runs that a scope allows, for lists. Its conditions sit inside `AND`, so no key of
 * it can collide with (and silently replace, or be replaced by) a key of the caller's own filter: spreading
 * `{ id: runId, ...scopeFilter }` once let a share link's `id: { in: [X] }` overwrite the requested run's id.
 */
export function runWhere(scope: ReadScope): { AND: RunFilter[] } {
  return {
    AND: [
      { projectId: { in: [...scope.projectIds] } },
      ...(scope.runIds ? [{ id: { in: [...scope.runIds] } }] : []),
    ],
  };
}

/**
 * The `where` for reading one run: that run, and only if the scope allows it. Every read of a single run
 * (views, exports, controls, clones) goes through this, so the run id and the scope can only be combined
 * one way. Use it whole; never spread it into another object (lint forbids spreading either helper).
 */
export function scopedRunWhere(scope: ReadScope, runId: string): { AND: RunFilter[] } {
  return { AND: [{ id: runId }, ...runWhere(scope).AND] };
}

/** Whether a scope may read one run (for rows already in hand, e.g. a live change notification). */
export function allowsRun(scope: ReadScope, run: { runId: string; projectId: string }): boolean {
  return scope.projectIds.includes(run.projectId) && (!scope.runIds || scope.runIds.includes(run.runId));
}
