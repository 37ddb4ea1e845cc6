import Link from "next/link";
import { z } from "zod";
import { signUpAction } from "@/app/actions/auth";
import { SsoLink } from "@/components/auth/sso-link";
import { ActionForm, TextField } from "@/components/forms/action-form";
import { readInvitation, readSignUpMode } from "@/lib/server/auth/accounts/accounts";
import { readOidcConfig } from "@/lib/server/auth/oidc/config";
import { getPrisma } from "@/lib/server/db/client";

export const metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const params = await searchParams;
  const prisma = getPrisma();
  // The invitation the link names, when it is still open: its address fills the form.
  const invitation = z.uuid().safeParse(params.invite).success
    ? await readInvitation(prisma, params.invite!).catch(() => null)
    : null;
  const invite = invitation ? params.invite : undefined;
  const mode = await readSignUpMode(prisma);
  if (mode === "closed" && !invitation) {
    return (
      <div className="mx-auto max-w-sm space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">Sign up</h1>
        <p data-testid="sign-up-closed" className="text-slate-600">
          Sign-up is by invitation. Ask a project owner to invite your email address, or{" "}
          <Link href="/sign-in" className="underline">
            sign in
          </Link>
          .
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">
        {mode === "first-owner" ? "Create the owner account" : "Sign up"}
      </h1>
      {invitation && (
        <p className="text-sm text-slate-600" data-testid="sign-up-invitation">
          You are joining <strong>{invitation.project.name}</strong> as {invitation.role}. Sign up with the
          invited address.
        </p>
      )}
      {mode === "first-owner" && (
        <p className="text-sm text-slate-600">
          This is a fresh install: the first account owns the default project and can invite others.
        </p>
      )}
      <SsoLink
        provider={readOidcConfig()?.name ?? null}
        next={invite ? `/invite/${invite}` : "/"}
        verb="Continue"
      />
      <ActionForm action={signUpAction} submitLabel="Create account" testId="sign-up-form">
        <TextField name="name" label="Name" required />
        <TextField name="email" label="Email" type="email" defaultValue={invitation?.email} required />
        <TextField name="password" label="Password (at least 8 characters)" type="password" required />
        {invite && <input type="hidden" name="invite" value={invite} />}
      </ActionForm>
    </div>
  );
}
