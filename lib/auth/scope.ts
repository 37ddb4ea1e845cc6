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

/** The Prisma `where` fragment on runs that a scope allows. */
export function runWhere(scope: ReadScope): { projectId: { in: string[] }; id?: { in: string[] } } {
  return {
    projectId: { in: [...scope.projectIds] },
    ...(scope.runIds ? { id: { in: [...scope.runIds] } } : {}),
  };
}

/** Whether a scope may read one run (for rows already in hand, e.g. a live change notification). */
export function allowsRun(scope: ReadScope, run: { runId: string; projectId: string }): boolean {
  return scope.projectIds.includes(run.projectId) && (!scope.runIds || scope.runIds.includes(run.runId));
}
