import Link from "next/link";
import { notFound } from "next/navigation";
import { createShareLinkAction, revokeShareLinkAction } from "@/app/actions/sharing";
import { ActionForm } from "@/components/forms/action-form";
import { requireProjectPage } from "@/lib/auth/page-access";
import { getOverview } from "@/lib/data/overview";
import { getPrisma } from "@/lib/db/client";
import { listShareLinks } from "@/lib/sharing/share-links";

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
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">{project.name}: share links</h1>
        <nav className="flex gap-4 text-sm">
          <Link href={`/projects/${slug}/settings/members`} className="underline">
            Members
          </Link>
          <Link href={`/projects/${slug}/settings/backends`} className="underline">
            Model backends
          </Link>
        </nav>
      </header>
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
      <table className="w-full text-sm" data-testid="share-links">
        <tbody>
          {links.map((link) => (
            <tr key={link.id} className="border-t border-slate-100" data-testid="share-link-row">
              <td className="px-2 py-1">{link.runNames.join(", ")}</td>
              <td className="px-2 py-1 text-slate-500">
                {link.frozenAtStep !== null ? `frozen at step ${link.frozenAtStep}` : "live"}
              </td>
              <td className="px-2 py-1 text-slate-500">
                {link.expiresAt ? `expires ${link.expiresAt}` : "no expiry"}
              </td>
              <td className="px-2 py-1">
                {link.revokedAt ? (
                  <span data-testid="share-revoked">revoked</span>
                ) : (
                  <ActionForm action={revokeShareLinkAction} submitLabel="Revoke" danger>
                    <input type="hidden" name="projectSlug" value={slug} />
                    <input type="hidden" name="shareLinkId" value={link.id} />
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
