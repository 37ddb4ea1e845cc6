/**
 * The audit log names what each entry is about (runs, members, backends, a share link's runs), read
 * from the stored rows, never bare ids; an import writes its own entry with the run.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { importRun } from "@/lib/server/io/import/import-run";
import { createProjectRow, createRunRow, createShareToken, createUserRow } from "../testing/auth-fixtures";
import { listAudit, writeAudit } from "./audit";

const RL_FIXTURE = join(process.cwd(), "lib/espl/testdata/reference-runs/rl_seed302");

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe("imports are audited", () => {
  test("importing a run writes one run.imported entry by the importer, naming the run", async () => {
    const project = await createProjectRow(db.prisma);
    const editor = await createUserRow(db.prisma, [{ projectId: project.id, role: "editor" }]);
    const deps = { prisma: db.prisma, pool: db.pool };
    const result = await importRun(deps, {
      path: RL_FIXTURE,
      projectId: project.id,
      name: "rl audited import",
      actorId: editor.id,
    });
    expect(result.created).toBe(true);

    const stored = await db.prisma.auditEntry.findMany({ where: { projectId: project.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      action: "run.imported",
      actorId: editor.id,
      targetType: "run",
      targetId: result.runId,
    });

    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: result.runId } });
    const [row] = await listAudit(db.prisma, project.id);
    expect(row).toMatchObject({ action: "run.imported", actorName: editor.name, targetLabel: run.name });

    // Importing the same folder again adds no step, so nothing new happened and nothing is logged.
    const again = await importRun(deps, { path: RL_FIXTURE, projectId: project.id, actorId: editor.id });
    expect(again.stepsAdded).toBe(0);
    expect(await db.prisma.auditEntry.count({ where: { projectId: project.id } })).toBe(1);
  });
});

describe("the audit log names its targets", () => {
  test("runs, share links, members (also removed ones), backends (also deleted ones) and the system", async () => {
    const project = await createProjectRow(db.prisma);
    const owner = await createUserRow(db.prisma, [{ projectId: project.id, role: "owner" }]);
    const member = await createUserRow(db.prisma, [{ projectId: project.id, role: "viewer" }]);
    const run = await createRunRow(db.prisma, project.id, "a run with a name");
    const link = await createShareToken(db.prisma, { projectId: project.id, runIds: [run.id] });
    const membership = await db.prisma.membership.findFirstOrThrow({
      where: { projectId: project.id, userId: member.id },
    });
    const backend = await db.prisma.modelBackend.create({
      data: {
        projectId: project.id,
        name: "vllm on the big box",
        kind: "openai_compatible",
        baseUrl: "http://x",
      },
    });
    const entries = [
      { action: "run.cancelled", targetType: "run", targetId: run.id },
      { action: "share.created", targetType: "share_link", targetId: link.id, details: { runIds: [run.id] } },
      { action: "member.role_changed", targetType: "membership", targetId: membership.id },
      {
        action: "member.removed",
        targetType: "membership",
        targetId: "00000000-0000-4000-8000-000000000000",
        details: { userId: member.id },
      },
      { action: "backend.created", targetType: "model_backend", targetId: backend.id },
      {
        action: "backend.deleted",
        targetType: "model_backend",
        targetId: "00000000-0000-4000-8000-000000000001",
        details: { name: "gone backend" },
      },
    ] as const;
    for (const entry of entries)
      await writeAudit(db.prisma, {
        projectId: project.id,
        actorId: entry.action === "run.cancelled" ? null : owner.id,
        ...entry,
      });

    const rows = await listAudit(db.prisma, project.id);
    const labelOf = (action: string) => rows.find((r) => r.action === action)?.targetLabel;
    expect(labelOf("run.cancelled")).toBe(run.name);
    expect(labelOf("share.created")).toBe(`share link to ${run.name}`);
    expect(labelOf("member.role_changed")).toBe(member.name);
    expect(labelOf("member.removed")).toBe(member.name);
    expect(labelOf("backend.created")).toBe(backend.name);
    expect(labelOf("backend.deleted")).toBe("gone backend");
    expect(rows.find((r) => r.action === "run.cancelled")?.actorName).toBe("system");
    expect(rows.find((r) => r.action === "backend.created")?.actorName).toBe(owner.name);
    // No label is a bare id.
    for (const row of rows) expect(row.targetLabel).not.toMatch(/^[0-9a-f-]{36}$/);
  });

  test("a run of another project is not named, even if an entry points at it", async () => {
    const project = await createProjectRow(db.prisma);
    const other = await createProjectRow(db.prisma);
    const foreign = await createRunRow(db.prisma, other.id, "someone else's run");
    await writeAudit(db.prisma, {
      projectId: project.id,
      actorId: null,
      action: "run.cancelled",
      targetType: "run",
      targetId: foreign.id,
    });
    const [row] = await listAudit(db.prisma, project.id);
    expect(row?.targetLabel).toBe("a deleted run");
  });
});
