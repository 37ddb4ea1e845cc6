/**
 * Curating runs and groups through their real server actions (the action wrapper with a session cookie):
 * editors and owners change and delete, viewers and other projects' owners are refused and change nothing,
 * each change writes its audit entry, a queued or running run is not deleted, and deleting a group removes
 * exactly its runs (with their rows) and nothing else.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { ActionContext } from "@/lib/server/http/action-context";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import {
  createProjectRow,
  createRunRow,
  createSessionToken,
  createUserRow,
} from "@/lib/server/auth/testing/auth-fixtures";
import { createRolloutRow } from "@/lib/server/read/testing/rollout-fixtures";
import { TEST_HOST, TEST_ORIGIN } from "@/lib/server/auth/testing/call-route";

const request: { context: ActionContext | null } = { context: null };
vi.mock("@/lib/server/http/action-context", () => ({
  readActionContext: async () => request.context!,
}));

let db: TestDatabase;
let projectA: { id: string };
let projectB: { id: string };
const users: Record<"viewer" | "editor" | "owner" | "otherOwner", string> = {
  viewer: "",
  editor: "",
  owner: "",
  otherOwner: "",
};
type Caller = keyof typeof users;

async function as(caller: Caller) {
  const token = await createSessionToken(db.prisma, users[caller]);
  request.context = {
    headers: new Headers({ host: TEST_HOST, origin: TEST_ORIGIN }),
    cookies: {
      get: (k) => (k === "espl.session_token" ? { value: token } : undefined),
      set: () => {},
      delete: () => {},
    },
  };
  return import("@/app/actions/manage-runs");
}

async function finishedRun(name?: string, experimentId: string | null = null) {
  const run = await createRunRow(db.prisma, projectA.id, name);
  return db.prisma.run.update({ where: { id: run.id }, data: { status: "completed", experimentId } });
}

const auditOf = (targetId: string) =>
  db.prisma.auditEntry.findMany({
    where: { targetId },
    select: { action: true, actorId: true, details: true },
  });

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectA = await createProjectRow(db.prisma, "A");
  projectB = await createProjectRow(db.prisma, "B");
  for (const role of ["viewer", "editor", "owner"] as const)
    users[role] = (await createUserRow(db.prisma, [{ projectId: projectA.id, role }])).id;
  users.otherOwner = (await createUserRow(db.prisma, [{ projectId: projectB.id, role: "owner" }])).id;
});
afterAll(() => db.drop());

describe("run curation actions", () => {
  test("an editor renames, retags and writes notes; each change is audited with its actor", async () => {
    const run = await finishedRun("before");
    const actions = await as("editor");
    expect(await actions.renameRunAction(null, { runId: run.id, name: "  after  " })).toEqual({
      ok: true,
      data: { name: "after" },
    });
    expect(await actions.editRunTagsAction(null, { runId: run.id, tags: "lucb, seed-1, lucb, " })).toEqual({
      ok: true,
      data: { tags: ["lucb", "seed-1"] },
    });
    const notes = "## Why\n\nThe **LUCB** arm, see <script>x</script>";
    expect((await actions.editRunNotesAction(null, { runId: run.id, notes })).ok).toBe(true);
    const stored = await db.prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    expect([stored.name, stored.tags, stored.notes]).toEqual(["after", ["lucb", "seed-1"], notes]);
    const audit = await auditOf(run.id);
    expect(audit.map((a) => a.action).sort()).toEqual(["run.notes_edited", "run.renamed", "run.tags_edited"]);
    expect(audit.every((a) => a.actorId === users.editor)).toBe(true);
    expect(audit.find((a) => a.action === "run.renamed")!.details).toEqual({ from: "before", name: "after" });
  });

  test("blank notes clear them; control characters are refused in plain words", async () => {
    const run = await finishedRun();
    const actions = await as("owner");
    await actions.editRunNotesAction(null, { runId: run.id, notes: "kept" });
    expect(await actions.editRunNotesAction(null, { runId: run.id, notes: "  \n " })).toEqual({
      ok: true,
      data: { notes: null },
    });
    const refused = await actions.renameRunAction(null, { runId: run.id, name: "a\u0000b" });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.fields?.name?.[0]).toMatch(/the name contains a control character/);
    const empty = await actions.renameRunAction(null, { runId: run.id, name: "   " });
    expect(empty.ok).toBe(false);
  });

  test.each([
    ["viewer", "forbidden"],
    ["otherOwner", "not_found"],
  ] as const)("a %s is refused (%s) and nothing changes", async (caller, code) => {
    const run = await finishedRun("untouched");
    const actions = await as(caller);
    const results = [
      await actions.renameRunAction(null, { runId: run.id, name: "hijacked" }),
      await actions.editRunTagsAction(null, { runId: run.id, tags: "x" }),
      await actions.editRunNotesAction(null, { runId: run.id, notes: "x" }),
      await actions.deleteRunAction(null, { runId: run.id }),
    ];
    expect(results.map((r) => (r.ok ? "ok" : r.error.code))).toEqual([code, code, code, code]);
    const stored = await db.prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    expect([stored.name, stored.tags, stored.notes]).toEqual(["untouched", [], null]);
    expect(await auditOf(run.id)).toEqual([]);
  });
});

describe("deleting a run", () => {
  test("a finished run goes with its rows; the audit entry keeps its name", async () => {
    const run = await finishedRun("to delete");
    await createRolloutRow(db.prisma, run.id);
    const result = await (await as("editor")).deleteRunAction(null, { runId: run.id });
    expect(result).toEqual({ ok: true, data: { deleted: run.id, experimentId: null } });
    expect(await db.prisma.run.count({ where: { id: run.id } })).toBe(0);
    expect(await db.prisma.rollout.count({ where: { runId: run.id } })).toBe(0);
    expect(await auditOf(run.id)).toEqual([
      { action: "run.deleted", actorId: users.editor, details: { name: "to delete", status: "completed" } },
    ]);
  });

  test.each(["queued", "running"] as const)("a %s run is refused: cancel it first", async (status) => {
    const run = await createRunRow(db.prisma, projectA.id, `busy ${status}`);
    await db.prisma.run.update({ where: { id: run.id }, data: { status } });
    const result = await (await as("owner")).deleteRunAction(null, { runId: run.id });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: "conflict",
        message: `"busy ${status}" is ${status}: cancel it first, then delete it`,
      }),
    });
    expect(await db.prisma.run.count({ where: { id: run.id } })).toBe(1);
  });
});

describe("group curation", () => {
  async function group(name: string, runNames: string[]) {
    const experiment = await db.prisma.experiment.create({ data: { projectId: projectA.id, name } });
    const runs = [];
    for (const runName of runNames) runs.push(await finishedRun(runName, experiment.id));
    return { id: experiment.id, runIds: runs.map((r) => r.id) };
  }

  test("an editor writes group notes (audited); a viewer and another project are refused", async () => {
    const g = await group("noted", []);
    const input = { projectId: projectA.id, experimentId: g.id, notes: "# Plan\n\n- 3 seeds" };
    expect(await (await as("editor")).editGroupNotesAction(null, input)).toEqual({
      ok: true,
      data: { notes: input.notes },
    });
    const viewer = await (await as("viewer")).editGroupNotesAction(null, { ...input, notes: "no" });
    expect(viewer.ok ? "ok" : viewer.error.code).toBe("forbidden");
    // Another project's owner naming their own project still cannot reach this group.
    const other = await (
      await as("otherOwner")
    ).editGroupNotesAction(null, { ...input, projectId: projectB.id, notes: "no" });
    expect(other.ok ? "ok" : other.error.code).toBe("not_found");
    expect((await db.prisma.experiment.findUniqueOrThrow({ where: { id: g.id } })).notes).toBe(input.notes);
    expect((await auditOf(g.id)).map((a) => a.action)).toEqual(["experiment.notes_edited"]);
  });

  test("deleting a group removes exactly its runs, and one audit entry names them", async () => {
    const doomed = await group("doomed", ["d1", "d2", "d3"]);
    const kept = await group("kept", ["k1"]);
    const lone = await finishedRun("lone");
    const viewer = await (
      await as("viewer")
    ).deleteGroupAction(null, { projectId: projectA.id, experimentId: doomed.id, runIds: doomed.runIds });
    expect(viewer.ok ? "ok" : viewer.error.code).toBe("forbidden");
    const before = await db.prisma.run.count();
    const result = await (
      await as("editor")
    ).deleteGroupAction(null, { projectId: projectA.id, experimentId: doomed.id, runIds: doomed.runIds });
    expect(result).toEqual({ ok: true, data: { deletedRuns: 3 } });
    expect(await db.prisma.run.count()).toBe(before - 3);
    expect(await db.prisma.run.count({ where: { id: { in: doomed.runIds } } })).toBe(0);
    expect(await db.prisma.run.count({ where: { id: { in: [...kept.runIds, lone.id] } } })).toBe(2);
    expect(await db.prisma.experiment.count({ where: { id: doomed.id } })).toBe(0);
    expect(await auditOf(doomed.id)).toEqual([
      {
        action: "experiment.deleted",
        actorId: users.editor,
        details: { name: "doomed", runIds: doomed.runIds, runNames: ["d1", "d2", "d3"] },
      },
    ]);
  });

  test("a group whose runs changed since the confirmation, or with a running run, is kept", async () => {
    const g = await group("busy", ["b1", "b2"]);
    const actions = await as("owner");
    const stale = await actions.deleteGroupAction(null, {
      projectId: projectA.id,
      experimentId: g.id,
      runIds: g.runIds.slice(0, 1),
    });
    expect(stale.ok ? "" : stale.error.message).toMatch(
      /the group changed since the confirmation was shown: it now has 2 runs/,
    );
    await db.prisma.run.update({ where: { id: g.runIds[1]! }, data: { status: "running" } });
    const busy = await actions.deleteGroupAction(null, {
      projectId: projectA.id,
      experimentId: g.id,
      runIds: g.runIds,
    });
    expect(busy.ok ? "" : busy.error.message).toBe(
      'cancel the group\'s running runs first ("b2" is running), then delete it',
    );
    expect(await db.prisma.run.count({ where: { experimentId: g.id } })).toBe(2);
  });
});
