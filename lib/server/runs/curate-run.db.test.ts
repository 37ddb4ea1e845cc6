import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { markRun } from "./curate-run";

let db: TestDatabase;
let projectId: string;
let otherProjectId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
  otherProjectId = (await db.prisma.project.create({ data: { name: "Q", slug: "q" } })).id;
});
afterAll(() => db.drop());

const createRun = (project = projectId) =>
  db.prisma.run.create({ data: { projectId: project, name: "r", trainMode: "rl", seed: 1, config: {} } });
const auditOf = (runId: string) =>
  db.prisma.auditEntry.findMany({
    where: { targetId: runId },
    orderBy: { id: "asc" },
    select: { action: true },
  });

describe("markRun", () => {
  test("stars and unstars, one audit entry per change and none for a repeat", async () => {
    const run = await createRun();
    const scope = { projectIds: [projectId] };
    expect((await markRun(scope, "starred", { runId: run.id, on: true }, null)).starred).toBe(true);
    await markRun(scope, "starred", { runId: run.id, on: true }, null);
    expect((await markRun(scope, "starred", { runId: run.id, on: false }, null)).starred).toBe(false);
    expect((await auditOf(run.id)).map((e) => e.action)).toEqual(["run.starred", "run.unstarred"]);
  });

  test("archives with a time and unarchives, leaving the run's status alone", async () => {
    const run = await createRun();
    const scope = { projectIds: [projectId] };
    const archived = await markRun(scope, "archived", { runId: run.id, on: true }, null);
    expect(archived.archivedAt).not.toBeNull();
    const row = await db.prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.archivedAt?.toISOString()).toBe(archived.archivedAt);
    expect(row.status).toBe(run.status);
    expect((await markRun(scope, "archived", { runId: run.id, on: false }, null)).archivedAt).toBeNull();
    expect((await auditOf(run.id)).map((e) => e.action)).toEqual(["run.archived", "run.unarchived"]);
  });

  test("a run outside the scope, or behind a frozen share scope, is not found and stays unmarked", async () => {
    const foreign = await createRun(otherProjectId);
    await expect(
      markRun({ projectIds: [projectId] }, "starred", { runId: foreign.id, on: true }, null),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      markRun(
        { projectIds: [otherProjectId], runIds: [foreign.id], frozenAtStep: 3 },
        "archived",
        { runId: foreign.id, on: true },
        null,
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    const row = await db.prisma.run.findUniqueOrThrow({ where: { id: foreign.id } });
    expect([row.starred, row.archivedAt]).toEqual([false, null]);
  });
});
