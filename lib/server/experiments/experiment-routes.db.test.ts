/**
 * The experiment routes through their real wrapper, as an editor: launch a grid, read its groups,
 * export the table, control the group; bad input answers 400 with a message naming the key.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createProjectRow, createSessionToken, createUserRow } from "@/lib/server/auth/testing/auth-fixtures";
import { callRouteHandler } from "@/lib/server/auth/testing/call-route";
import { startBoss } from "@/lib/server/queue/boss";
import { seedExperimentGroup } from "@/lib/tools/bench/group/seed-group";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";

let db: TestDatabase;
let boss: PgBoss;
let projectId: string;
let cookie: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  boss = await startBoss(db.url);
  projectId = (await createProjectRow(db.prisma)).id;
  const editor = await createUserRow(db.prisma, [{ projectId, role: "editor" }]);
  cookie = `espl.session_token=${await createSessionToken(db.prisma, editor.id)}`;
});
afterAll(async () => {
  await boss?.stop({ graceful: false });
  await db?.drop();
});

const call = (file: string, method: string, path: string, params: Record<string, string>, body?: unknown) =>
  callRouteHandler(`app/api/experiments/${file}`, method, { path, params, body, cookie });

describe("experiment routes", () => {
  test("launch: the grid's runs are created; a bad sweep is a 400 naming the key", async () => {
    const launched = await call(
      "route.ts",
      "POST",
      "/api/experiments",
      {},
      {
        projectId,
        name: "routes",
        config: { dataset_size: 4, batch_size: 2, n_epochs: 1 },
        seeds: "1-2",
        sweep: { crossover_prob: [0, 0.5] },
      },
    );
    expect(launched.status, launched.text).toBe(200);
    const body = JSON.parse(launched.text) as { experimentId: string; runIds: string[] };
    expect(body.runIds).toHaveLength(4);
    expect(await db.prisma.run.count({ where: { experimentId: body.experimentId } })).toBe(4);

    const bad = await call(
      "route.ts",
      "POST",
      "/api/experiments",
      {},
      { projectId, name: "bad", sweep: ["top_p=0.5,3"] },
    );
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error.message).toMatch(/sweep\.top_p: top_p: must be/);

    const controlled = await call(
      "[experimentId]/control/route.ts",
      "POST",
      "/api/experiments/x/control",
      { experimentId: body.experimentId },
      { projectId, action: "cancel" },
    );
    expect(controlled.status, controlled.text).toBe(200);
    expect(JSON.parse(controlled.text).changed).toHaveLength(4);
    const statuses = await db.prisma.run.findMany({
      where: { experimentId: body.experimentId },
      select: { status: true },
    });
    expect(statuses.every((r) => r.status === "cancelled")).toBe(true);
  });

  test("read and export the groups of a seeded experiment", async () => {
    const { experimentId } = await seedExperimentGroup(db.prisma, {
      projectId,
      name: "seeded",
      runs: 4,
      steps: 30,
    });
    const read = await call(
      "[experimentId]/route.ts",
      "GET",
      "/api/experiments/x?by=crossover_prob&lines=1",
      { experimentId },
    );
    expect(read.status, read.text).toBe(200);
    const groups = JSON.parse(read.text);
    expect(groups.table.groups.map((g: { label: string }) => g.label)).toEqual([
      "crossover_prob=0",
      "crossover_prob=0.5",
    ]);
    expect(groups.curves[0].curves["testing/Pass@1"]).toHaveLength(30);
    expect(groups.curves[0].runs[0].points["testing/Pass@1"].length).toBeGreaterThan(0);

    const md = await call("[experimentId]/export/route.ts", "GET", "/api/experiments/x/export?format=md", {
      experimentId,
    });
    expect(md.status).toBe(200);
    expect(md.text).toMatch(/^\| group \| n \| final Pass@1/);
    const csv = await call(
      "[experimentId]/export/route.ts",
      "GET",
      "/api/experiments/x/export?format=csv&by=experiment",
      { experimentId },
    );
    expect(csv.text.split("\n")[1]).toMatch(/^all runs,testing\/Pass@1,final,4,/);

    const badBy = await call("[experimentId]/route.ts", "GET", "/api/experiments/x?by=nonsense", {
      experimentId,
    });
    expect(badBy.status).toBe(400);
    expect(badBy.text).toContain("group by");
  });
});
