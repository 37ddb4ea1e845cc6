import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { getOverview } from "./overview";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
});
afterAll(() => db.drop());

describe("getOverview", () => {
  test("an empty scope reads nothing", async () => {
    const overview = await getOverview({ projectIds: [] });
    expect(overview).toEqual({ projectCount: 0, runCounts: {}, recentRuns: [] });
  });

  test("counts runs by status and lists the newest first with their project", async () => {
    const project = await db.prisma.project.create({ data: { name: "Math", slug: "math" } });
    const base = { projectId: project.id, trainMode: "evolution_rl" as const, config: {}, seed: 1 };
    await db.prisma.run.createMany({
      data: [
        { ...base, name: "older", status: "completed", createdAt: new Date("2026-01-01T00:00:00Z") },
        { ...base, name: "newer", status: "running", createdAt: new Date("2026-02-01T00:00:00Z") },
        { ...base, name: "newest", status: "running", createdAt: new Date("2026-03-01T00:00:00Z") },
      ],
    });
    const other = await db.prisma.project.create({ data: { name: "Other", slug: "other" } });
    await db.prisma.run.create({
      data: { ...base, projectId: other.id, name: "elsewhere", status: "failed" },
    });
    const overview = await getOverview({ projectIds: [project.id] });
    expect(overview.projectCount).toBe(1);
    expect(overview.runCounts).toEqual({ completed: 1, running: 2 });
    expect(overview.recentRuns.map((r) => [r.name, r.projectName])).toEqual([
      ["newest", "Math"],
      ["newer", "Math"],
      ["older", "Math"],
    ]);
  });

  test("a share scope reads only the runs it names", async () => {
    const project = await db.prisma.project.findUniqueOrThrow({ where: { slug: "math" } });
    const newest = await db.prisma.run.findFirstOrThrow({ where: { name: "newest" } });
    const overview = await getOverview({ projectIds: [project.id], runIds: [newest.id] });
    expect(overview.recentRuns.map((r) => r.name)).toEqual(["newest"]);
    expect(overview.runCounts).toEqual({ running: 1 });
  });
});
