import type { ReactNode } from "react";
import { RunTabs } from "@/components/run/run-tabs";
import { RunViewProvider } from "@/lib/client/run-view-context";
import { requireRunView, type RunViewParams } from "@/lib/server/auth/run-view-access";
import { findRunTrainMode } from "@/lib/server/read/run-train-mode";

/** Also the layout of a share link's run views (app/s/[token]/runs/[id] re-exports it). */
export default async function RunLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<RunViewParams>;
}) {
  const { id, token } = await params;
  const { view, scope } = await requireRunView(id, token);
  const trainMode = await findRunTrainMode(scope, id);
  return (
    <RunViewProvider value={view}>
      {view.readOnly ? (
        <p className="mb-2 text-sm text-slate-500" data-testid="shared-view">
          Shared read-only view
          {scope.frozenAtStep !== undefined ? `, as of step ${scope.frozenAtStep}` : ""}.
        </p>
      ) : null}
      {/* An unknown run's page is its 404: no tabs leading to more 404s. */}
      {trainMode === null ? null : <RunTabs runId={id} evolves={trainMode !== "rl"} />}
      {children}
    </RunViewProvider>
  );
}
