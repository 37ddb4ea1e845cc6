import Link from "next/link";
import { connection } from "next/server";
import { cache } from "react";
import { signOutAction } from "@/app/actions/auth";
import { ActionForm } from "@/components/forms/action-form";
import { readMember } from "@/lib/server/auth/page-access";

/** The header's nav and account corner both ask who is signed in: one lookup per request. */
const readMemberOnce = cache(readMember);

/** The main navigation, for signed-in members; a share link's viewer or a visitor gets none. */
export async function MainNav() {
  await connection();
  if (!(await readMemberOnce())) return null;
  return (
    <nav aria-label="Main" className="flex gap-4 text-sm">
      <Link href="/runs">Runs</Link>
      <Link href="/runs/new">Launch</Link>
      <Link href="/datasets">Datasets</Link>
    </nav>
  );
}

/** The header's account corner: who is signed in and a sign-out button; nothing for visitors. */
export async function AccountMenu() {
  await connection();
  const member = await readMemberOnce();
  if (!member) return null;
  const owned = member.memberships.find((m) => m.role === "owner") ?? member.memberships[0];
  return (
    <div className="flex items-center gap-4 text-sm">
      {owned && (
        <a
          href={`/projects/${owned.slug}/settings/members`}
          title={`${owned.name} settings`}
          className="max-w-48 truncate text-slate-600 hover:underline"
        >
          {owned.name} settings
        </a>
      )}
      <span data-testid="signed-in-as" title={member.user.name} className="max-w-40 truncate text-slate-600">
        {member.user.name}
      </span>
      <ActionForm action={signOutAction} submitLabel="Sign out" className="flex items-center" />
    </div>
  );
}
