import Link from "next/link";
import { acceptInvitationAction } from "@/app/actions/auth";
import { ActionForm } from "@/components/forms/action-form";
import { readInvitation } from "@/lib/server/auth/accounts/accounts";
import { readMember } from "@/lib/server/auth/page-access";
import { getPrisma } from "@/lib/server/db/client";
import { AppError } from "@/lib/domain/errors";

export const metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await readInvitation(getPrisma(), token).catch((error: unknown) => {
    if (error instanceof AppError) return null;
    throw error;
  });
  if (!invitation)
    return <p data-testid="invite-invalid">This invitation has expired, was used, or never existed.</p>;
  const member = await readMember();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Join {invitation.project.name}</h1>
      <p className="text-slate-600">
        You are invited as <strong>{invitation.role}</strong>.
      </p>
      {member ? (
        <ActionForm action={acceptInvitationAction} submitLabel="Accept invitation">
          <input type="hidden" name="token" value={token} />
        </ActionForm>
      ) : (
        <p>
          <Link className="underline" href={`/sign-up?invite=${encodeURIComponent(token)}`}>
            Create an account
          </Link>{" "}
          to join, or sign in first and open this link again.
        </p>
      )}
    </div>
  );
}
