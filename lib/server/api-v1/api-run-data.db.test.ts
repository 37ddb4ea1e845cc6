/**
 * /api/v1's reads of a run's data, on a real database with API tokens: a reference evolution run is
 * imported through POST /api/v1/imports, then its steps, metric series, programs and lineage are read
 * back page by page and compared with the stored rows (steps, programs, program_edges), and each answer
 * is checked against the schema the OpenAPI document publishes for it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  metricSeriesSchema,
  programPageSchema,
  runLineageSchema,
  stepPageSchema,
  type ProgramRow,
  type StepPage,
} from "@/lib/domain/api-v1/run-data-schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createApiTokenRow } from "@/lib/server/auth/testing/api-token-fixtures";
import { createProjectRow, createUserRow } from "@/lib/server/auth/testing/auth-fixtures";
import { getBucketWidth } from "@/lib/view/charts/downsample";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { callApiV1 } from "./testing/call-api-v1";

const FIXTURE = join(process.cwd(), "lib/espl/testdata/reference-runs/evolution_rl_lucb_seed109");
const REWARD = "rollout/Agg_avg_reward";

let db: TestDatabase;
let viewer: string;
let runId: string;

const get = (route: string, path: string) =>
  callApiV1(`app/api/v1/runs/[runId]/${route}/route.ts`, "GET", {
    path: `/api/v1/runs/${runId}/${path}`,
    token: viewer,
    params: { runId },
  });

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const project = await createProjectRow(db.prisma, "Run data");
  const user = await createUserRow(db.prisma, [{ projectId: project.id, role: "editor" }]);
  const editor = (
    await createApiTokenRow(db.prisma, { projectId: project.id, userId: user.id, role: "editor" })
  ).token;
  viewer = (await createApiTokenRow(db.prisma, { projectId: project.id, userId: user.id, role: "viewer" }))
    .token;
  const zip = join(mkdtempSync(join(tmpdir(), "espl-v1-import-")), "run.zip");
  execFileSync("zip", ["-qr", zip, "."], { cwd: FIXTURE });
  const { status, json } = await callApiV1("app/api/v1/imports/route.ts", "POST", {
    path: `/api/v1/imports?project=${project.slug}&format=zip&name=api%20v1`,
    token: editor,
    body: new Uint8Array(readFileSync(zip)),
  });
  expect(status, JSON.stringify(json)).toBe(200);
  runId = json.runId as string;
  // Every step of the fixture logged the same keys: one step that did not record the reward (as a line
  // cut short would) makes the null rule and the gaps in a series something the tests can see.
  const step = await db.prisma.step.findUniqueOrThrow({ where: { runId_step: { runId, step: 1 } } });
  const metrics = step.metrics as { logged: Record<string, Prisma.InputJsonValue> };
  const { [REWARD]: _dropped, ...logged } = metrics.logged;
  await db.prisma.step.update({ where: { id: step.id }, data: { metrics: { ...metrics, logged } } });
});
afterAll(() => db?.drop());

test("an imported archive answers the id of the run it became, with what was stored", async () => {
  const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
  expect(run).toMatchObject({ name: "api v1", source: "imported" });
  expect(await db.prisma.program.count({ where: { runId } })).toBeGreaterThan(1);
});

describe("steps", () => {
  async function readAllSteps(query: string) {
    const pages: StepPage[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${cursor}` : "";
      const { status, json } = await get("steps", `steps?limit=5${query}${after}`);
      expect(status, JSON.stringify(json)).toBe(200);
      pages.push(stepPageSchema.parse(json));
      cursor = pages.at(-1)!.nextCursor;
    } while (cursor);
    return pages;
  }

  const loggedOf = (metrics: unknown) => {
    const logged = (metrics as { logged?: unknown }).logged;
    expect(logged).toBeTypeOf("object");
    return logged as Record<string, unknown>;
  };

  test("pages through every stored step, each metric as stored and null where none was recorded", async () => {
    const stored = await db.prisma.step.findMany({ where: { runId }, orderBy: { step: "asc" } });
    const pages = await readAllSteps("");
    expect(pages.length).toBe(Math.ceil(stored.length / 5));
    const rows = pages.flatMap((p) => p.rows);
    expect(rows.map((r) => r.step)).toEqual(stored.map((s) => s.step));
    let nulls = 0;
    for (const [index, page] of pages.entries()) {
      const storedPage = stored.slice(index * 5, index * 5 + 5);
      // The keys are those recorded on the page's steps (but the line's own "step", a field of the row),
      // and every row names each of them.
      const recorded = storedPage.flatMap((s) => Object.keys(loggedOf(s.metrics)));
      expect(new Set(page.metricKeys)).toEqual(new Set(recorded.filter((key) => key !== "step")));
      for (const row of page.rows) {
        const step = storedPage.find((s) => s.step === row.step)!;
        const logged = loggedOf(step.metrics);
        expect(row).toMatchObject({
          epoch: step.epoch,
          batchIndex: step.batchIndex,
          selectedProgramIds: step.selectedProgramIds,
          testProgramId: step.testProgramId,
          committedAt: step.committedAt.toISOString(),
        });
        expect(Object.keys(row.metrics).sort()).toEqual([...page.metricKeys].sort());
        for (const key of page.metricKeys) expect(row.metrics[key], key).toEqual(logged[key] ?? null);
        nulls += Object.values(row.metrics).filter((v) => v === null).length;
      }
    }
    // Step 1 recorded no reward: null, where the other steps of its page have a number.
    expect(nulls).toBe(1);
    expect(rows.find((r) => r.step === 1)!.metrics[REWARD]).toBeNull();
  });

  test("named keys are served on every row, a key no step recorded as null throughout", async () => {
    const rows = (await readAllSteps(`&keys=${REWARD},no/such_key`)).flatMap((p) => p.rows);
    expect(rows.every((r) => Object.keys(r.metrics).join() === `${REWARD},no/such_key`)).toBe(true);
    expect(rows.every((r) => r.metrics["no/such_key"] === null)).toBe(true);
    expect(rows.some((r) => typeof r.metrics[REWARD] === "number")).toBe(true);
  });

  test("a cursor the API did not write is a 400 in the one error shape", async () => {
    const { status, json } = await get("steps", "steps?cursor=bm90LWEtY3Vyc29y");
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: { code: "bad_request", fields: { cursor: expect.any(Array) } } });
  });
});

describe("metrics", () => {
  const storedValues = async () => {
    const steps = await db.prisma.step.findMany({ where: { runId }, orderBy: { step: "asc" } });
    return steps.flatMap((s) => {
      const value = (s.metrics as { logged: Record<string, unknown> }).logged[REWARD];
      return typeof value === "number" ? [{ step: s.step, value }] : [];
    });
  };

  test("every step's value of each key, in step order, steps without one left out", async () => {
    const { status, json } = await get("metrics", `metrics?keys=${REWARD},no/such_key`);
    expect(status, JSON.stringify(json)).toBe(200);
    const answer = metricSeriesSchema.parse(json);
    expect(answer.bucketWidth).toBeNull();
    const expected = await storedValues();
    expect(expected.length).toBe((await db.prisma.step.count({ where: { runId } })) - 1);
    expect(answer.series[REWARD]).toEqual(expected.map((p) => ({ ...p, min: p.value, max: p.value })));
    expect(answer.series["no/such_key"]).toEqual([]);
  });

  test("downsampled: the charts' buckets, each with the min, max and last stored value", async () => {
    const { json } = await get("metrics", `metrics?keys=${REWARD}&points=3`);
    const answer = metricSeriesSchema.parse(json);
    const { totalSteps } = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(answer.bucketWidth).toBe(getBucketWidth(totalSteps, 3));
    const width = answer.bucketWidth!;
    expect(width).toBeGreaterThan(1);
    const expected = await storedValues();
    const buckets = new Map<number, typeof expected>();
    for (const p of expected)
      buckets.set(Math.floor(p.step / width), [...(buckets.get(Math.floor(p.step / width)) ?? []), p]);
    expect(answer.series[REWARD]).toEqual(
      [...buckets.values()].map((points) => ({
        step: points.at(-1)!.step,
        value: points.at(-1)!.value,
        min: Math.min(...points.map((p) => p.value)),
        max: Math.max(...points.map((p) => p.value)),
      })),
    );
  });

  test("no keys is a 400 that says so", async () => {
    const { status, json } = await get("metrics", "metrics?keys=");
    expect(status).toBe(400);
    expect(JSON.stringify(json)).toContain("name at least one metric key");
  });
});

describe("programs and lineage", () => {
  test("programs page by pool id and equal the programs and program_edges tables", async () => {
    const rows: ProgramRow[] = [];
    let cursor: string | null = null;
    do {
      const { status, json } = await get("programs", `programs?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(status, JSON.stringify(json)).toBe(200);
      const page = programPageSchema.parse(json);
      rows.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    const stored = await db.prisma.program.findMany({
      where: { runId },
      orderBy: { programId: "asc" },
      include: { parentEdges: { include: { parent: true }, orderBy: { parentOrder: "asc" } } },
    });
    expect(rows).toEqual(
      stored.map((p) => ({
        programId: p.programId,
        origin: p.origin,
        birthStep: p.birthStep,
        evictedAtStep: p.evictedAtStep,
        mu: p.mu,
        sigma: p.sigma,
        timesSelected: p.timesSelected,
        principles: p.principles,
        parents: p.parentEdges.map((e) => ({
          programId: e.parent.programId,
          kind: e.kind,
          order: e.parentOrder,
        })),
      })),
    );
    expect(rows.some((r) => r.parents.length > 0)).toBe(true);
    expect(rows.some((r) => r.principles.length > 0)).toBe(true);
  });

  test("the lineage graph has every program as a node and every stored edge", async () => {
    const { status, json } = await get("lineage", "lineage");
    expect(status, JSON.stringify(json)).toBe(200);
    const lineage = runLineageSchema.parse(json);
    const programs = await db.prisma.program.findMany({ where: { runId }, orderBy: { programId: "asc" } });
    expect(lineage.nodes.map((n) => [n.id, n.mu, n.sigma, n.birthStep])).toEqual(
      programs.map((p) => [p.programId, p.mu, p.sigma, p.birthStep]),
    );
    const edges = await db.prisma.programEdge.findMany({
      where: { runId },
      include: { parent: true, child: true },
    });
    expect(edges.length).toBeGreaterThan(0);
    expect(new Set(lineage.edges.map((e) => `${e.parent}>${e.child}:${e.kind}:${e.order}`))).toEqual(
      new Set(edges.map((e) => `${e.parent.programId}>${e.child.programId}:${e.kind}:${e.parentOrder}`)),
    );
  });
});
