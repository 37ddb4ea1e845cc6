import type { ReactNode } from "react";
import { RunTabs } from "@/components/run/run-tabs";
import { RunViewProvider } from "@/components/run/run-view-context";
import { requireRunView, type RunViewParams } from "@/lib/auth/run-view-access";

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
  return (
    <RunViewProvider value={view}>
      {view.readOnly ? (
        <p className="mb-2 text-sm text-slate-500" data-testid="shared-view">
          Shared read-only view
          {scope.frozenAtStep !== undefined ? `, as of step ${scope.frozenAtStep}` : ""}.
        </p>
      ) : null}
      <RunTabs runId={id} />
      {children}
    </RunViewProvider>
  );
}
