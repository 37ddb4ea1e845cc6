import Link from "next/link";
import {
  changeRoleAction,
  createInvitationAction,
  removeMemberAction,
  revokeInvitationAction,
} from "@/app/actions/members";
import { ActionForm } from "@/components/forms/action-form";
import { RoleSelect } from "@/components/settings/role-select";
import { listAudit } from "@/lib/audit/audit";
import { requireProjectPage } from "@/lib/auth/page-access";
import { getPrisma } from "@/lib/db/client";
import { listMembers, listPendingInvitations } from "@/lib/projects/members";

export const metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project } = await requireProjectPage(slug);
  const isOwner = project.role === "owner";
  const prisma = getPrisma();
  const [members, audit, invitations] = await Promise.all([
    listMembers(prisma, project.projectId),
    isOwner ? listAudit(prisma, project.projectId) : Promise.resolve([]),
    isOwner ? listPendingInvitations(prisma, project.projectId) : Promise.resolve([]),
  ]);
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">{project.name}: members</h1>
        <nav className="flex gap-4 text-sm">
          {isOwner && (
            <Link href={`/projects/${slug}/settings/sharing`} className="underline">
              Share links
            </Link>
          )}
          <Link href={`/projects/${slug}/settings/backends`} className="underline">
            Model backends
          </Link>
        </nav>
      </header>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-sm" data-testid="members">
        <tbody>
          {members.map((m) => (
            <tr key={m.userId} className="border-t border-slate-100" data-testid="member-row">
              <td className="px-4 py-2 font-medium">{m.name}</td>
              <td className="px-4 py-2 text-slate-600">{m.email}</td>
              <td className="px-4 py-2">
                {isOwner ? (
                  <ActionForm action={changeRoleAction} submitLabel="Change role" className="flex gap-2">
                    <input type="hidden" name="projectSlug" value={slug} />
                    <input type="hidden" name="userId" value={m.userId} />
                    <RoleSelect defaultValue={m.role} />
                  </ActionForm>
                ) : (
                  m.role
                )}
              </td>
              {isOwner && (
                <td className="px-4 py-2">
                  <ActionForm action={removeMemberAction} submitLabel="Remove" danger>
                    <input type="hidden" name="projectSlug" value={slug} />
                    <input type="hidden" name="userId" value={m.userId} />
                  </ActionForm>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {isOwner && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Invite</h2>
          <ActionForm
            action={createInvitationAction}
            submitLabel="Create invitation link"
            linkPrefix="/invite/"
            testId="invite-form"
          >
            <input type="hidden" name="projectSlug" value={slug} />
            <RoleSelect />
            <label className="ml-2 text-sm">
              expires in (days){" "}
              <input name="expiresInDays" defaultValue="7" className="w-16 rounded border px-1" />
            </label>
          </ActionForm>
          {invitations.length > 0 && (
            <table className="w-full text-sm" data-testid="pending-invitations">
              <caption className="text-left font-medium">Open invitation links</caption>
              <tbody>
                {invitations.map((inv) => (
                  <tr key={inv.id} className="border-t border-slate-100" data-testid="invitation-row">
                    <td className="px-2 py-1">{inv.role}</td>
                    <td className="px-2 py-1 text-slate-500">by {inv.createdBy}</td>
                    <td className="px-2 py-1 text-slate-500">expires {inv.expiresAt}</td>
                    <td className="px-2 py-1">
                      <ActionForm action={revokeInvitationAction} submitLabel="Revoke" danger>
                        <input type="hidden" name="projectSlug" value={slug} />
                        <input type="hidden" name="invitationId" value={inv.id} />
                      </ActionForm>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {isOwner && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Audit log</h2>
          <table className="w-full text-sm" data-testid="audit-log">
            <tbody>
              {audit.map((a) => (
                <tr key={a.id} className="border-t border-slate-100" data-testid="audit-row">
                  <td className="px-2 py-1 text-slate-500">{a.createdAt}</td>
                  <td className="px-2 py-1">{a.actorName}</td>
                  <td className="px-2 py-1 font-mono text-xs">{a.action}</td>
                  <td className="px-2 py-1 text-slate-500">
                    {a.targetType} {a.targetId}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
