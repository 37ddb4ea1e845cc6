import { notFound } from "next/navigation";
import { createShareLinkAction, revokeShareLinkAction } from "@/app/actions/sharing";
import { ActionForm } from "@/components/forms/action-form";
import { SettingsHeader } from "@/components/settings/settings-header";
import { DataTable } from "@/components/table/data-table";
import { requireProjectPage } from "@/lib/server/auth/page-access";
import { getOverview } from "@/lib/server/read/overview";
import { getPrisma } from "@/lib/server/db/client";
import { listShareLinks } from "@/lib/server/auth/sharing/share-links";

export const metadata = { title: "Share links" };

export default async function SharingPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project, scope } = await requireProjectPage(slug);
  if (project.role !== "owner") notFound();
  const [overview, links] = await Promise.all([
    getOverview(scope),
    listShareLinks(getPrisma(), project.projectId),
  ]);
  return (
    <div className="space-y-8">
      <SettingsHeader projectName={project.name} slug={slug} current="sharing" isOwner />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">New read-only link</h2>
        <ActionForm
          action={createShareLinkAction}
          submitLabel="Create share link"
          linkPrefix="/s/"
          testId="share-form"
        >
          <input type="hidden" name="projectSlug" value={slug} />
          <fieldset className="space-y-1">
            {overview.recentRuns.map((run) => (
              <label key={run.id} className="block text-sm">
                <input type="checkbox" name="runIds" value={run.id} /> {run.name}
              </label>
            ))}
          </fieldset>
          <label className="block text-sm">
            frozen at step (optional) <input name="frozenAtStep" className="w-20 rounded border px-1" />
          </label>
          <label className="block text-sm">
            expires in hours (optional) <input name="expiresInHours" className="w-20 rounded border px-1" />
          </label>
        </ActionForm>
      </section>
      <DataTable
        testId="share-links"
        rowTestId="share-link-row"
        density="compact"
        rows={links}
        rowKey={(link) => link.id}
        columns={[
          { cell: (link) => link.runNames.join(", ") },
          {
            className: "text-slate-500",
            cell: (link) => (link.frozenAtStep !== null ? `frozen at step ${link.frozenAtStep}` : "live"),
          },
          {
            className: "text-slate-500",
            cell: (link) => (link.expiresAt ? `expires ${link.expiresAt}` : "no expiry"),
          },
          {
            cell: (link) =>
              link.revokedAt ? (
                <span data-testid="share-revoked">revoked</span>
              ) : (
                <ActionForm action={revokeShareLinkAction} submitLabel="Revoke" danger>
                  <input type="hidden" name="projectSlug" value={slug} />
                  <input type="hidden" name="shareLinkId" value={link.id} />
                </ActionForm>
              ),
          },
        ]}
      />
    </div>
  );
}
