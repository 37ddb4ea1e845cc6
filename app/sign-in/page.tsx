import Link from "next/link";
import { redirect } from "next/navigation";
import { signInAction } from "@/app/actions/auth";
import { ActionForm, TextField } from "@/components/forms/action-form";
import { readMember } from "@/lib/server/auth/page-access";
import { readSignUpMode } from "@/lib/server/auth/accounts/accounts";
import { getPrisma } from "@/lib/server/db/client";

export const metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await readMember()) redirect("/");
  if ((await readSignUpMode(getPrisma())) === "first-owner") redirect("/sign-up");
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <ActionForm action={signInAction} submitLabel="Sign in" testId="sign-in-form">
        <TextField name="email" label="Email" type="email" required />
        <TextField name="password" label="Password" type="password" required />
      </ActionForm>
      <p className="text-sm text-slate-600">
        No account?{" "}
        <Link href="/sign-up" className="underline">
          Sign up
        </Link>{" "}
        (with an invitation link).
      </p>
    </div>
  );
}
