import Link from "next/link";
import { redirect } from "next/navigation";
import { signInAction } from "@/app/actions/auth";
import { SsoLink } from "@/components/auth/sso-link";
import { ActionForm, TextField } from "@/components/forms/action-form";
import { describeSsoError, toSafeNextPath } from "@/lib/domain/auth/sso";
import { readMember } from "@/lib/server/auth/page-access";
import { readSignUpMode } from "@/lib/server/auth/accounts/accounts";
import { readOidcConfig } from "@/lib/server/auth/oidc/config";
import { getPrisma } from "@/lib/server/db/client";

export const metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ sso_error?: string; next?: string }>;
}) {
  const params = await searchParams;
  if (await readMember()) redirect(toSafeNextPath(params.next));
  if ((await readSignUpMode(getPrisma())) === "first-owner") redirect("/sign-up");
  // Only a known code is shown, as its fixed message: the query string is never echoed.
  const ssoError = describeSsoError(params.sso_error);
  const next = toSafeNextPath(params.next);
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      {ssoError && (
        <p
          role="alert"
          data-testid="sso-error"
          className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800"
        >
          {ssoError}
        </p>
      )}
      <SsoLink provider={readOidcConfig()?.name ?? null} next={next} />
      <ActionForm action={signInAction} submitLabel="Sign in" testId="sign-in-form">
        <TextField name="email" label="Email" type="email" required />
        <TextField name="password" label="Password" type="password" required />
        {next !== "/" && <input type="hidden" name="next" value={next} />}
      </ActionForm>
      <p className="text-sm text-slate-600">
        No account?{" "}
        <Link href="/sign-up" className="underline">
          Sign up
        </Link>{" "}
        (with an invitation to your email address).
      </p>
    </div>
  );
}
