import { connection } from "next/server";
import { signOutAction } from "@/app/actions/auth";
import { ActionForm } from "@/components/forms/action-form";
import { readMember } from "@/lib/auth/page-access";

/** The header's account corner: who is signed in and a sign-out button; nothing for visitors. */
export async function AccountMenu() {
  await connection();
  const member = await readMember();
  if (!member) return null;
  const owned = member.memberships.find((m) => m.role === "owner") ?? member.memberships[0];
  return (
    <div className="ml-auto flex items-center gap-4 text-sm">
      {owned && (
        <a href={`/projects/${owned.slug}/settings/members`} className="text-slate-600 hover:underline">
          {owned.name} settings
        </a>
      )}
      <span data-testid="signed-in-as" className="text-slate-600">
        {member.user.name}
      </span>
      <ActionForm action={signOutAction} submitLabel="Sign out" className="flex items-center" />
    </div>
  );
}
