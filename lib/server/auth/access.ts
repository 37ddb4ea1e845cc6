import "server-only";
/**
 * The access rules every route handler and server action declares, and the one function that enforces
 * them. A rule is one of:
 *
 * - `"public"`: anyone; the caller is resolved when there is one (sign-in, health, share resolution).
 * - `"member"`: a signed-in user; the scope is every project they belong to.
 * - `"share-or-member"`: read-only routes: a share-link token (narrower, wins when given) or a member.
 * - `{ role, project }`: a signed-in user with at least `role` in the project that `project(input)`
 *   names (by slug, id, or a run in it). Not a member there: 404, exactly like an id that does not exist;
 *   a member with a lower role: 403. The scope is that one project.
 *
 * Unauthenticated callers get 401 from every rule except "public".
 *
 * An API token (`Authorization: Bearer espl_…`, lib/server/auth/api-tokens) stands for a member of its one
 * project with its role, under the same rules; when one is sent it is the only credential read, and an
 * unknown, expired or revoked one is refused with 401 (ignored on "public" routes).
 */
import { forbidden, notFound, unauthenticated } from "@/lib/domain/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  resolveMember,
  resolveShare,
  scopeOf,
  type Caller,
  type MemberCaller,
  type ProjectMembership,
} from "./caller";
import type { ReadScope } from "./scope";
import { resolveApiToken, type TokenUse } from "./api-tokens/resolve-api-token";

export type ProjectRef = { projectSlug: string } | { projectId: string } | { runId: string };

export type RoleRule<I> = { role: Role; project: (input: I) => ProjectRef };
export type Access<I = never> = "public" | "member" | "share-or-member" | RoleRule<I>;

export interface Grant<C> {
  caller: C;
  scope: ReadScope;
}

/** What a handler receives for its rule: typed so a member-only handler never sees a share caller. */
export type GrantFor<A> = A extends "public"
  ? Grant<Caller | null>
  : A extends "member"
    ? Grant<MemberCaller>
    : A extends "share-or-member"
      ? Grant<Caller>
      : Grant<MemberCaller> & { project: ProjectMembership };

export interface Credentials {
  sessionToken?: string;
  shareToken?: string;
  /** An API token and what the request does with it (for its audit entry). */
  bearer?: { token: string; use: TokenUse };
}

const RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return RANK[role] >= RANK[atLeast];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The caller's membership in the project a ref names; 404 when they have none (or it does not exist). */
export async function findMembership(
  prisma: PrismaClient,
  caller: MemberCaller,
  ref: ProjectRef,
): Promise<ProjectMembership> {
  let projectId: string | undefined;
  if ("runId" in ref) {
    const run = UUID.test(ref.runId)
      ? await prisma.run.findUnique({ where: { id: ref.runId }, select: { projectId: true } })
      : null;
    projectId = run?.projectId;
    const found = caller.memberships.find((m) => m.projectId === projectId);
    if (!found) throw notFound("run");
    return found;
  }
  const found = caller.memberships.find((m) =>
    "projectSlug" in ref ? m.slug === ref.projectSlug : m.projectId === ref.projectId,
  );
  if (!found) throw notFound("project");
  return found;
}

export function assertRole(membership: ProjectMembership, role: Role): void {
  if (!hasRole(membership.role, role))
    throw forbidden(`this needs the ${role} role in ${membership.name}; you are ${membership.role}`);
}

/**
 * Resolves and checks the caller for a rule; throws the typed error (401/403/404) when refused. The
 * input is read lazily, after authentication, so an anonymous caller learns nothing from validation.
 */
export async function authorize<I, A extends Access<I>>(
  prisma: PrismaClient,
  access: A,
  credentials: Credentials,
  readInput: () => I,
): Promise<GrantFor<A>> {
  if (access === "share-or-member" && credentials.shareToken && !credentials.bearer) {
    const share = await resolveShare(prisma, credentials.shareToken);
    // A dead link reads as a missing page: it reveals nothing about what it once showed.
    if (!share) throw notFound("shared link");
    return { caller: share, scope: scopeOf(share) } as GrantFor<A>;
  }
  const member = credentials.bearer
    ? await resolveApiToken(prisma, credentials.bearer.token, credentials.bearer.use)
    : await resolveMember(prisma, credentials.sessionToken);
  if (!member && credentials.bearer && access !== "public")
    throw unauthenticated("the API token is unknown, expired or revoked");
  if (access === "public") return { caller: member, scope: scopeOf(member) } as GrantFor<A>;
  if (!member) throw unauthenticated();
  if (access === "member" || access === "share-or-member")
    return { caller: member, scope: scopeOf(member) } as GrantFor<A>;
  const rule = access as RoleRule<I>;
  const project = await findMembership(prisma, member, rule.project(readInput()));
  assertRole(project, rule.role);
  return { caller: member, scope: { projectIds: [project.projectId] }, project } as unknown as GrantFor<A>;
}
