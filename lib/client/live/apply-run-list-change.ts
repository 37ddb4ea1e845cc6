/**
 * Folds one run change into a page of the runs list. Pure and unit-tested. A listed run is patched in
 * place; a run just launched (queued at step 0) makes the page refetch (null) since it may belong on it;
 * any other unlisted run leaves the page as it is, so busy projects do not refetch on every step.
 */
import type { RunListPage } from "@/lib/server/read/list-runs";
import type { RunChange } from "@/lib/domain/run-change";

export function applyRunListChange(page: RunListPage, change: RunChange): RunListPage | null {
  const index = page.rows.findIndex((r) => r.id === change.runId);
  if (index === -1) return change.status === "queued" && change.currentStep === 0 ? null : page;
  const rows = page.rows.slice();
  rows[index] = {
    ...rows[index]!,
    status: change.status,
    statusDetail: change.statusDetail,
    currentStep: change.currentStep,
    totalSteps: change.totalSteps,
    bestTestPass1: change.bestTestPass1,
    bestConservative: change.bestConservative,
  };
  return { ...page, rows };
}
