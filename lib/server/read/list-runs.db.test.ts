import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseRunListQuery } from "@/lib/domain/runs/list/list-query";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { listRuns } from "./list-runs";

let db: TestDatabase;
let projectIds: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const mine = await db.prisma.project.create({ data: { name: "Mine", slug: "mine" } });
  const other = await db.prisma.project.create({ data: { name: "Other", slug: "other" } });
  projectIds = [mine.id];
  const base = { projectId: mine.id, config: {}, seed: 1 };
  await db.prisma.run.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      ...base,
      name: `run ${String(i).padStart(2, "0")}${i % 3 === 0 ? " LUCB" : ""}`,
      status: i % 2 === 0 ? ("completed" as const) : ("running" as const),
      trainMode: i % 5 === 0 ? ("rl" as const) : ("evolution_rl" as const),
      tags: i % 4 === 0 ? ["sweep"] : [],
      bestTestPass1: i === 7 ? null : i / 100,
      createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
    })),
  });
  await db.prisma.run.create({
    data: { ...base, projectId: other.id, name: "run secret LUCB", status: "running", trainMode: "rl" },
  });
});
afterAll(() => db.drop());

const list = (params: Record<string, string>) => listRuns({ projectIds }, parseRunListQuery(params));

describe("listRuns", () => {
  test("newest first, paged, never another project's runs", async () => {
    const first = await list({});
    expect(first.total).toBe(30);
    expect(first.pageCount).toBe(2);
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]!.name).toBe("run 29");
    const second = await list({ page: "2" });
    expect(second.rows.map((r) => r.name)).toEqual([
      "run 04",
      "run 03 LUCB",
      "run 02",
      "run 01",
      "run 00 LUCB",
    ]);
    expect(second.rows.some((r) => r.projectName === "Other")).toBe(false);
    expect((await listRuns({ projectIds: [] }, parseRunListQuery({}))).total).toBe(0);
  });

  test("filters by status, mode, tag and name (case-insensitive)", async () => {
    expect((await list({ status: "running" })).total).toBe(15);
    expect((await list({ mode: "rl" })).total).toBe(6);
    expect((await list({ tag: "sweep" })).total).toBe(8);
    const named = await list({ q: "lucb" });
    expect(named.total).toBe(10);
    expect(named.rows.every((r) => r.name.includes("LUCB"))).toBe(true);
    const combined = await list({ q: "lucb", status: "completed", mode: "rl" });
    expect(combined.rows.map((r) => r.name)).toEqual(["run 00 LUCB"]);
  });

  test("sorts by a metric with unscored runs last either way", async () => {
    const desc = await list({ sort: "bestTestPass1", dir: "desc", size: "100" });
    expect(desc.rows[0]!.bestTestPass1).toBe(0.29);
    expect(desc.rows.at(-1)!.bestTestPass1).toBeNull();
    const asc = await list({ sort: "bestTestPass1", dir: "asc", size: "100" });
    expect(asc.rows[0]!.bestTestPass1).toBe(0);
    expect(asc.rows.at(-1)!.bestTestPass1).toBeNull();
    const byName = await list({ sort: "name", dir: "asc" });
    expect(byName.rows[0]!.name).toBe("run 00 LUCB");
  });
});
