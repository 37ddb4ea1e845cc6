import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { updateBackendSchema } from "@/lib/domain/backends/backend-form";
import { createBackendWithSecret } from "./backend-secrets";
import { deleteBackend, listBackendDetails, updateBackend } from "./manage-backends";
import { readBackendSecret } from "./open-backend-secret";

let db: TestDatabase;
let projectId: string;
let otherProjectId: string;
let actorId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.ESPL_SECRET_KEY = randomBytes(32).toString("base64");
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
  otherProjectId = (await db.prisma.project.create({ data: { name: "Q", slug: "q" } })).id;
  actorId = (await db.prisma.user.create({ data: { email: "o@x.test", name: "O" } })).id;
});
afterAll(() => db.drop());

const create = (name: string, apiKey: string | null = "sk-one") =>
  createBackendWithSecret(db.prisma, {
    projectId,
    actorId,
    name,
    kind: "openai_compatible",
    baseUrl: "http://127.0.0.1:8000/v1",
    apiKey,
    models: { policy: "m" },
    options: { concurrency: 3 },
  });

const edit = (backendId: string, fields: Record<string, unknown>) =>
  updateBackendSchema.parse({
    projectSlug: "p",
    backendId,
    name: "edited",
    baseUrl: "http://127.0.0.1:8000/v1",
    ...fields,
  });

describe("backend registry", () => {
  test("lists without the key; an edit keeps, replaces or clears it, and a new URL forgets the last test", async () => {
    const { id } = await create("first");
    await db.prisma.modelBackend.update({
      where: { id },
      data: {
        capabilities: { sampling: true, logprobs: true, training: false, models: [], error: null },
        lastTestedAt: new Date(),
      },
    });
    const [listed] = await listBackendDetails(db.prisma, projectId);
    expect(listed).toMatchObject({
      id,
      hasApiKey: true,
      models: { policy: "m" },
      options: { concurrency: 3 },
    });
    expect(JSON.stringify(listed)).not.toContain("sk-one");

    await updateBackend(db.prisma, projectId, actorId, edit(id, { apiKey: "", concurrency: "5" }));
    expect(await readBackendSecret(db.prisma, id)).toBe("sk-one");
    let row = await db.prisma.modelBackend.findUniqueOrThrow({ where: { id } });
    expect(row.lastTestedAt).not.toBeNull();
    expect(row.options).toMatchObject({ concurrency: 5 });

    await updateBackend(db.prisma, projectId, actorId, edit(id, { apiKey: "sk-two" }));
    expect(await readBackendSecret(db.prisma, id)).toBe("sk-two");
    await updateBackend(
      db.prisma,
      projectId,
      actorId,
      edit(id, { clearApiKey: "on", baseUrl: "http://10.0.0.1/v1" }),
    );
    expect(await readBackendSecret(db.prisma, id)).toBeNull();
    row = await db.prisma.modelBackend.findUniqueOrThrow({ where: { id } });
    expect(row.lastTestedAt).toBeNull();
    const audit = await db.prisma.auditEntry.count({ where: { targetId: id, action: "backend.updated" } });
    expect(audit).toBe(3);
    // Another project's backend is not found from here.
    await expect(updateBackend(db.prisma, otherProjectId, actorId, edit(id, {}))).rejects.toThrow(
      /not found/,
    );
  });

  test("removal is refused while a run uses the backend, and works otherwise", async () => {
    const used = await create("used", null);
    await db.prisma.run.create({
      data: {
        projectId,
        name: "r",
        trainMode: "evolution",
        config: {},
        seed: 1,
        status: "completed",
        reflectionBackendId: used.id,
      },
    });
    await expect(deleteBackend(db.prisma, projectId, actorId, used.id)).rejects.toThrow(
      /ran on this backend/,
    );
    const unused = await create("unused", null);
    await deleteBackend(db.prisma, projectId, actorId, unused.id);
    expect(await db.prisma.modelBackend.count({ where: { id: unused.id } })).toBe(0);
    expect(
      await db.prisma.auditEntry.count({ where: { targetId: unused.id, action: "backend.deleted" } }),
    ).toBe(1);
  });
});
