import Link from "next/link";
import { acceptInvitationAction } from "@/app/actions/auth";
import { ActionForm } from "@/components/forms/action-form";
import { readInvitation } from "@/lib/server/auth/accounts/accounts";
import { readMember } from "@/lib/server/auth/page-access";
import { getPrisma } from "@/lib/server/db/client";
import { AppError } from "@/lib/domain/errors";

export const metadata = { title: "Invitation" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function InvitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const invitation = UUID.test(id)
    ? await readInvitation(getPrisma(), id).catch((error: unknown) => {
        if (error instanceof AppError) return null;
        throw error;
      })
    : null;
  if (!invitation)
    return (
      <p data-testid="invite-invalid">
        This invitation has expired, was used or cancelled, or never existed. Ask the project owner for a new
        one.
      </p>
    );
  const member = await readMember();
  const here = `/invite/${id}`;
  const forSomeoneElse = member && member.user.email.toLowerCase() !== invitation.email.toLowerCase();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Join {invitation.project.name}</h1>
      <p className="text-slate-600">
        <strong>{invitation.email}</strong> is invited as <strong>{invitation.role}</strong>.
      </p>
      {!member && (
        <p>
          <Link className="underline" href={`/sign-up?invite=${id}`}>
            Create an account
          </Link>{" "}
          with this address to join, or{" "}
          <Link className="underline" href={`/sign-in?next=${encodeURIComponent(here)}`}>
            sign in
          </Link>{" "}
          with it and accept.
        </p>
      )}
      {forSomeoneElse && (
        <p data-testid="invite-other-address" className="text-slate-600">
          You are signed in as {member.user.email}. Sign out and sign in with {invitation.email} to accept.
        </p>
      )}
      {member && !forSomeoneElse && (
        <ActionForm action={acceptInvitationAction} submitLabel="Accept invitation">
          <input type="hidden" name="invitationId" value={id} />
        </ActionForm>
      )}
    </div>
  );
}
