/**
 * The live views' refetch routes (leaderboard, prompts, head-to-head, evolution) through their real
 * wrapper on a real simulated run: each answers with the stored rows, evolution's `afterStep` returns
 * only later steps' events, bad input is a 400 in plain words, and another project's run is a 404.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createProjectRow,
  createRunRow,
  createSessionToken,
  createUserRow,
} from "@/lib/server/auth/testing/auth-fixtures";
import type { RouteHandler } from "@/lib/server/http/route";
import {
  createRunningRun,
  executeRunDirectly,
  SMALL_RUN_CONFIG,
} from "@/lib/server/runner/testing/execute-run-directly";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";

let db: TestDatabase;
let runId: string;
let otherRunId: string;
let cookie: string;

const CONFIG = {
  ...SMALL_RUN_CONFIG,
  crossover_prob: 0.5,
};

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const project = await createProjectRow(db.prisma);
  const other = await createProjectRow(db.prisma);
  const user = await createUserRow(db.prisma, [{ projectId: project.id, role: "viewer" }]);
  cookie = `espl.session_token=${await createSessionToken(db.prisma, user.id)}`;
  runId = await createRunningRun(db.prisma, { projectId: project.id, seed: 3, config: CONFIG });
  expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
  otherRunId = (await createRunRow(db.prisma, other.id)).id;
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

const ROUTES = {
  leaderboard: "app/api/runs/[runId]/leaderboard/route.ts",
  prompts: "app/api/runs/[runId]/prompts/route.ts",
  headToHead: "app/api/runs/[runId]/head-to-head/route.ts",
  evolution: "app/api/runs/[runId]/evolution/route.ts",
} as const;

async function get<T = Record<string, unknown>>(file: string, query = "", id = runId) {
  const mod = (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, RouteHandler>;
  const headers = new Headers({ host: "studio.test", cookie });
  const res = await mod.GET!(new NextRequest(`http://studio.test/api/runs/x/view${query}`, { headers }), {
    params: Promise.resolve({ runId: id }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe("each route answers with the stored rows", () => {
  test("leaderboard: every program's μ and σ, and the last committed step", async () => {
    const { status, body } = await get<{
      lastStep: number;
      leaderboard: { id: number; mu: number; sigma: number; conservative: number }[];
    }>(ROUTES.leaderboard);
    expect(status).toBe(200);
    const programs = await db.prisma.program.findMany({ where: { runId } });
    const last = await db.prisma.step.aggregate({ where: { runId }, _max: { step: true } });
    expect(body.lastStep).toBe(last._max.step);
    expect(body.leaderboard).toHaveLength(programs.length);
    for (const row of body.leaderboard) {
      const stored = programs.find((p) => p.programId === row.id)!;
      expect([row.mu, row.sigma]).toEqual([stored.mu, stored.sigma]);
    }
    const conservative = body.leaderboard.map((r) => r.conservative);
    expect(conservative).toEqual([...conservative].sort((a, b) => b - a));
  });

  test("prompts: a page of programs, newest first, counted", async () => {
    const { status, body } = await get<{ total: number; items: { programId: number; mu: number }[] }>(
      ROUTES.prompts,
      "?page=1&pageSize=2",
    );
    expect(status).toBe(200);
    const programs = await db.prisma.program.findMany({ where: { runId }, orderBy: { programId: "desc" } });
    expect(body.total).toBe(programs.length);
    expect(body.items.map((p) => [p.programId, p.mu])).toEqual(
      programs.slice(0, 2).map((p) => [p.programId, p.mu]),
    );
  });

  test("head-to-head: the latest step without ?step, the named step with it, counts from the rollouts", async () => {
    const last = (await db.prisma.step.aggregate({ where: { runId }, _max: { step: true } }))._max.step!;
    const latest = await get<{ step: number; grid: { rows: { cells: ({ n: number } | null)[] }[] } }>(
      ROUTES.headToHead,
    );
    expect(latest.status).toBe(200);
    expect(latest.body.step).toBe(last);
    const n = latest.body.grid.rows.flatMap((r) => r.cells).reduce((sum, c) => sum + (c?.n ?? 0), 0);
    expect(n).toBe(await db.prisma.rollout.count({ where: { runId, step: last, split: "train" } }));
    const first = await get<{ step: number }>(ROUTES.headToHead, "?step=0");
    expect(first.body.step).toBe(0);
  });

  test("evolution: a page of events; afterStep gives only the later steps' events", async () => {
    const all = await get<{ total: number; items: { id: number; step: number }[] }>(ROUTES.evolution);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(await db.prisma.evolutionEvent.count({ where: { runId } }));
    expect(all.body.total).toBeGreaterThan(1);
    const steps = all.body.items.map((e) => e.step);
    expect(steps).toEqual([...steps].sort((a, b) => b - a));
    const cut = steps[Math.floor(steps.length / 2)]!;
    const later = await get<{ total: number; items: { step: number }[] }>(
      ROUTES.evolution,
      `?afterStep=${cut}`,
    );
    expect(later.body.total).toBe(
      await db.prisma.evolutionEvent.count({ where: { runId, step: { gt: cut } } }),
    );
    expect(later.body.items.every((e) => e.step > cut)).toBe(true);
  });
});

test("bad input is a 400 that names the field in plain words", async () => {
  const h2h = await get<{ error: { message: string; fields?: Record<string, string[]> } }>(
    ROUTES.headToHead,
    "?step=-3",
  );
  expect(h2h.status).toBe(400);
  expect(h2h.body.error.fields?.step).toEqual(["step must be 0 or more"]);
  const evolution = await get<{ error: { fields?: Record<string, string[]> } }>(
    ROUTES.evolution,
    "?afterStep=1.5",
  );
  expect(evolution.status).toBe(400);
  expect(evolution.body.error.fields?.afterStep).toEqual(["afterStep must be a whole step number"]);
});

test.each(Object.entries(ROUTES))("%s: another project's run is not found", async (_name, file) => {
  const { status } = await get(file, "", otherRunId);
  expect(status).toBe(404);
});
