import "server-only";
/**
 * How pages get their caller and scope (the page-side twin of defineRoute's `access`):
 * - `requireMember()`: the signed-in member, or a redirect to /sign-in.
 * - `requireProjectPage(slug)`: the member and their membership in that project; 404 (notFound) when
 *   they have none, whether or not it exists.
 * - `requireSharePage(token)`: the share link's caller and scope; 404 for a dead link.
 * Pages pass the returned `scope` to every data function, inside `orNotFound` so that a run or program
 * outside the scope is the page's 404.
 */
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getPrisma } from "@/lib/server/db/client";
import { AppError } from "@/lib/domain/errors";
import { findMembership } from "./access";
import { resolveMember, resolveShare, scopeOf, type MemberCaller } from "./caller";
import type { ReadScope } from "./scope";
import { SESSION_COOKIE } from "./better-auth/session-cookie";

export async function readMember(): Promise<MemberCaller | null> {
  // Cookies first: reading them marks the render dynamic before anything touches the database.
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return resolveMember(getPrisma(), token);
}

export async function requireMember(): Promise<{ caller: MemberCaller; scope: ReadScope }> {
  const caller = await readMember();
  if (!caller) redirect("/sign-in");
  return { caller, scope: scopeOf(caller) };
}

/** Runs a data function of a page: its "not found" becomes the page's 404; other errors pass through. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function requireProjectPage(slug: string) {
  const { caller } = await requireMember();
  const project = await orNotFound(() => findMembership(getPrisma(), caller, { projectSlug: slug }));
  return { caller, project, scope: { projectIds: [project.projectId] } as ReadScope };
}

export async function requireSharePage(token: string) {
  const caller = await resolveShare(getPrisma(), token);
  if (!caller) notFound();
  return { caller, scope: scopeOf(caller) };
}
