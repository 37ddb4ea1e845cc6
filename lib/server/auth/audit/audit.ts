/**
 * The audit log: who launched, paused, cancelled, shared, revoked, invited, changed roles, and when.
 * Entries are written with the client of the action's own transaction, so an entry exists exactly when
 * its action committed. A null actor is the system (the CLI, an admin tool without accounts).
 */
import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export type AuditAction =
  | "project.created"
  | "run.launched"
  | "run.paused"
  | "run.resumed"
  | "run.cancelled"
  | "run.hard_cancelled"
  | "run.imported"
  | "run.starred"
  | "run.unstarred"
  | "run.archived"
  | "run.unarchived"
  | "share.created"
  | "share.revoked"
  | "invitation.created"
  | "invitation.revoked"
  | "member.joined"
  | "member.role_changed"
  | "member.removed"
  | "member.signed_in"
  | "backend.created"
  | "backend.updated"
  | "backend.tested"
  | "backend.deleted"
  | "token.created"
  | "token.revoked"
  | "token.used"
  | "run.renamed"
  | "run.tags_edited"
  | "run.notes_edited"
  | "run.deleted"
  | "experiment.notes_edited"
  | "experiment.deleted";

export interface AuditInput {
  projectId: string;
  actorId: string | null;
  action: AuditAction;
  targetType:
    | "project"
    | "run"
    | "share_link"
    | "invitation"
    | "membership"
    | "model_backend"
    | "api_token"
    | "experiment";
  targetId?: string | null;
  details?: Prisma.InputJsonObject;
}

type Db = PrismaClient | Prisma.TransactionClient;

export async function writeAudit(db: Db, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      projectId: entry.projectId,
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
    },
  });
}

export interface AuditRow {
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  /** What the entry is about, in words: a run's or backend's name, a member's name, a link's runs. */
  targetLabel: string;
  details: unknown;
  actorName: string;
  createdAt: string;
}

const detail = (details: unknown, key: string): unknown =>
  typeof details === "object" && details !== null && !Array.isArray(details)
    ? (details as Record<string, unknown>)[key]
    : undefined;
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

type Entry = { targetType: string; targetId: string | null; details: unknown };

/**
 * Names for the entries' targets, read in one query per kind and only within the project. A target
 * deleted since falls back to the name the entry recorded, else to plain words ("a deleted run").
 */
async function nameTargets(prisma: PrismaClient, projectId: string, entries: Entry[]) {
  const ids = (type: string) => [
    ...new Set(entries.flatMap((e) => (e.targetType === type && e.targetId ? [e.targetId] : []))),
  ];
  const linkIds = ids("share_link");
  const [links, memberships] = await Promise.all([
    prisma.shareLink.findMany({
      where: { projectId, id: { in: linkIds } },
      select: { id: true, runId: true, runIds: true },
    }),
    prisma.membership.findMany({
      where: { projectId, id: { in: ids("membership") } },
      select: { id: true, userId: true },
    }),
  ]);
  const runIdsOfLink = new Map(
    links.map((l) => [l.id, l.runIds.length > 0 ? l.runIds : l.runId ? [l.runId] : []]),
  );
  const runIdsOf = (e: Entry) =>
    (e.targetId && runIdsOfLink.get(e.targetId)) || strings(detail(e.details, "runIds"));
  const userIdOf = new Map(memberships.map((m) => [m.id, m.userId]));
  const runIds = [
    ...new Set([
      ...ids("run"),
      ...entries.flatMap((e) => (e.targetType === "share_link" ? runIdsOf(e) : [])),
    ]),
  ];
  const userIds = [
    ...new Set([
      ...memberships.map((m) => m.userId),
      ...entries.flatMap((e) => strings([detail(e.details, "userId")])),
    ]),
  ];
  const [runs, users, backends, invitations, projects, tokens] = await Promise.all([
    prisma.run.findMany({ where: { projectId, id: { in: runIds } }, select: { id: true, name: true } }),
    prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
    prisma.modelBackend.findMany({
      where: { projectId, id: { in: ids("model_backend") } },
      select: { id: true, name: true },
    }),
    prisma.invitation.findMany({
      where: { projectId, id: { in: ids("invitation") } },
      select: { id: true, role: true, email: true },
    }),
    prisma.project.findMany({ where: { id: projectId }, select: { id: true, name: true } }),
    prisma.apiToken.findMany({
      where: { projectId, id: { in: ids("api_token") } },
      select: { id: true, name: true, prefix: true },
    }),
  ]);
  const tokenLabel = new Map(tokens.map((t) => [t.id, `token "${t.name}" (${t.prefix}…)`]));
  const runName = new Map(runs.map((r) => [r.id, r.name]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const backendName = new Map(backends.map((b) => [b.id, b.name]));
  const invitationOf = new Map(invitations.map((i) => [i.id, i]));
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  return (e: Entry): string => {
    const id = e.targetId ?? "";
    const recorded = text(detail(e.details, "name"));
    switch (e.targetType) {
      case "run":
        return runName.get(id) ?? recorded ?? "a deleted run";
      case "share_link": {
        const names = runIdsOf(e).map((r) => runName.get(r) ?? "a deleted run");
        return names.length === 0 ? "a share link" : `share link to ${names.join(", ")}`;
      }
      case "membership": {
        const user = userIdOf.get(id) ?? text(detail(e.details, "userId"));
        return (user && userName.get(user)) ?? "a former member";
      }
      case "invitation": {
        const invitation = invitationOf.get(id);
        const role = invitation?.role ?? text(detail(e.details, "role"));
        const email = invitation?.email || text(detail(e.details, "email"));
        const whom = email ? ` for ${email}` : "";
        return role ? `invitation${whom} as ${role}` : "an invitation";
      }
      case "model_backend":
        return backendName.get(id) ?? recorded ?? "a deleted backend";
      case "project":
        return projectName.get(id) ?? "the project";
      case "experiment":
        return recorded ? `group "${recorded}"` : "a group";
      case "api_token":
        return tokenLabel.get(id) ?? "an API token";
      default:
        return e.targetType;
    }
  };
}

/** Newest first; the actor's name only (no email), as the owners' settings page shows it. */
export async function listAudit(prisma: PrismaClient, projectId: string, limit = 100): Promise<AuditRow[]> {
  const rows = await prisma.auditEntry.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      details: true,
      createdAt: true,
      actor: { select: { name: true } },
    },
  });
  const labelOf = await nameTargets(prisma, projectId, rows);
  return rows.map(({ id, actor, createdAt, ...row }) => ({
    ...row,
    id: id.toString(),
    targetLabel: labelOf(row),
    actorName: actor?.name ?? "system",
    createdAt: createdAt.toISOString(),
  }));
}
