import {
  changeRoleAction,
  createInvitationAction,
  removeMemberAction,
  revokeInvitationAction,
} from "@/app/actions/members";
import { ActionForm } from "@/components/forms/action-form";
import { InvitationLink } from "@/components/settings/invitation-link";
import { RoleSelect } from "@/components/settings/role-select";
import { SettingsHeader } from "@/components/settings/settings-header";
import { DataTable } from "@/components/table/data-table";
import { listAudit } from "@/lib/server/auth/audit/audit";
import { requireProjectPage } from "@/lib/server/auth/page-access";
import { getPrisma } from "@/lib/server/db/client";
import { listMembers, listPendingInvitations } from "@/lib/server/auth/projects/members";

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
      <SettingsHeader projectName={project.name} slug={slug} current="members" isOwner={isOwner} />
      <DataTable
        testId="members"
        rowTestId="member-row"
        framed
        density="roomy"
        rows={members}
        rowKey={(m) => m.userId}
        columns={[
          { className: "font-medium", cell: (m) => m.name },
          { className: "text-slate-600", cell: (m) => m.email },
          {
            cell: (m) =>
              isOwner ? (
                <ActionForm action={changeRoleAction} submitLabel="Change role" className="flex gap-2">
                  <input type="hidden" name="projectSlug" value={slug} />
                  <input type="hidden" name="userId" value={m.userId} />
                  <RoleSelect defaultValue={m.role} label={`Role of ${m.name}`} />
                </ActionForm>
              ) : (
                m.role
              ),
          },
          ...(isOwner
            ? [
                {
                  cell: (m: (typeof members)[number]) => (
                    <ActionForm action={removeMemberAction} submitLabel="Remove" danger>
                      <input type="hidden" name="projectSlug" value={slug} />
                      <input type="hidden" name="userId" value={m.userId} />
                    </ActionForm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {isOwner && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Invite</h2>
          <p className="text-sm text-slate-600">
            Invite an email address, then send the link: whoever signs in or up with that address can accept.
          </p>
          <ActionForm
            action={createInvitationAction}
            submitLabel="Create invitation"
            linkPrefix="/invite/"
            linkIntro="Send this link to the invited address (it also stays in the list below):"
            testId="invite-form"
          >
            <input type="hidden" name="projectSlug" value={slug} />
            <label className="mr-2 text-sm">
              email{" "}
              <input
                name="email"
                type="email"
                required
                className="w-64 rounded border border-slate-300 px-1"
                aria-label="Email of the invited member"
              />
            </label>
            <RoleSelect label="Role of the invited member" />
            <label className="ml-2 text-sm">
              expires in (days){" "}
              <input name="expiresInDays" defaultValue="7" className="w-16 rounded border px-1" />
            </label>
          </ActionForm>
          {invitations.length > 0 && (
            <DataTable
              testId="pending-invitations"
              rowTestId="invitation-row"
              density="compact"
              caption="Open invitations"
              rows={invitations}
              rowKey={(inv) => inv.id}
              columns={[
                { className: "font-medium", cell: (inv) => inv.email },
                { cell: (inv) => inv.role },
                { className: "text-slate-500", cell: (inv) => `by ${inv.createdBy}` },
                { className: "text-slate-500", cell: (inv) => `expires ${inv.expiresAt.slice(0, 10)}` },
                { cell: (inv) => <InvitationLink invitationId={inv.id} email={inv.email} /> },
                {
                  cell: (inv) => (
                    <ActionForm action={revokeInvitationAction} submitLabel="Revoke" danger>
                      <input type="hidden" name="projectSlug" value={slug} />
                      <input type="hidden" name="invitationId" value={inv.id} />
                    </ActionForm>
                  ),
                },
              ]}
            />
          )}
        </section>
      )}
      {isOwner && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Audit log</h2>
          <DataTable
            testId="audit-log"
            rowTestId="audit-row"
            density="compact"
            rows={audit}
            rowKey={(a) => a.id}
            columns={[
              {
                className: "whitespace-nowrap text-slate-500",
                cell: (a) => (
                  <time dateTime={a.createdAt}>{`${a.createdAt.slice(0, 16).replace("T", " ")} UTC`}</time>
                ),
              },
              { cell: (a) => a.actorName },
              { className: "font-mono text-xs", cell: (a) => a.action },
              {
                className: "max-w-80 truncate text-slate-600",
                cell: (a) => (
                  <span title={a.targetLabel} data-testid="audit-target">
                    {a.targetLabel}
                  </span>
                ),
              },
            ]}
          />
        </section>
      )}
    </div>
  );
}
