/**
 * Live logging from outside, end to end: a reference experiment folder is replayed step by step through
 * the TypeScript client over real HTTP (the app's /api/v1 route handlers behind a node:http server) with
 * an editor's API token. The run it builds must show the same overview as a direct import of the same
 * folder (series, steps, events, best and newest program), a resent step must not be stored twice, and a
 * viewer's token must be refused.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { EsplApiError, EsplClient } from "@/lib/client-sdk/espl-client";
import { RUN_CHANGE_CHANNEL, runChangeSchema, type RunChange } from "@/lib/domain/run-change";
import { createApiTokenRow } from "@/lib/server/auth/testing/api-token-fixtures";
import { createProjectRow, createUserRow } from "@/lib/server/auth/testing/auth-fixtures";
import { startRouteServer } from "@/lib/server/http/testing/route-server";
import { importRun } from "@/lib/server/io/import/import-run";
import { getRunOverview } from "@/lib/server/read/run-overview";
import { claimRun } from "@/lib/server/runner/lease";
import { findStrandedRuns } from "@/lib/server/runner/reaper";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { readExperimentSteps } from "./read-experiment-steps";

const FOLDER = join(process.cwd(), "lib/espl/testdata/reference-runs/evolution_rl_lucb_seed109");

let db: TestDatabase;
let server: { url: string; close(): Promise<void> };
let projectId: string;
let editorClient: EsplClient;
let viewerClient: EsplClient;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const project = await createProjectRow(db.prisma, "Ingest");
  projectId = project.id;
  const editor = await createUserRow(db.prisma, [{ projectId, role: "editor" }]);
  const viewer = await createUserRow(db.prisma, [{ projectId, role: "viewer" }]);
  server = await startRouteServer("app/api/v1");
  const editorToken = await createApiTokenRow(db.prisma, { projectId, userId: editor.id, role: "editor" });
  const viewerToken = await createApiTokenRow(db.prisma, { projectId, userId: viewer.id, role: "viewer" });
  editorClient = new EsplClient({ url: server.url, token: editorToken.token, backoffMs: 20 });
  viewerClient = new EsplClient({ url: server.url, token: viewerToken.token, maxAttempts: 1 });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

/** What the overview page shows of a run's content (not its name, times or how it got there). */
async function overviewFigures(runId: string) {
  const o = await getRunOverview({ projectIds: [projectId] }, runId);
  // An event names its child by database row; the pool id is what two runs can share.
  const children = await db.prisma.program.findMany({
    where: { runId, id: { in: o.events.flatMap((e) => (e.childId === null ? [] : [e.childId])) } },
    select: { id: true, programId: true },
  });
  const poolId = new Map(children.map((c) => [c.id, c.programId]));
  return {
    stepCount: o.stepCount,
    lastStep: o.lastStep,
    currentStep: o.run.currentStep,
    totalSteps: o.run.totalSteps,
    config: o.run.config,
    metricKeys: o.metricKeys,
    // Bucket times are when each step was committed: the only figure that depends on when it arrived.
    series: Object.fromEntries(
      Object.entries(o.series).map(([key, buckets]) => [key, buckets.map(({ time: _t, ...b }) => b)]),
    ),
    events: o.events.map((e) => ({ ...e, childId: e.childId === null ? null : poolId.get(e.childId) })),
    best: o.best,
    newest: o.newest,
  };
}

describe("replaying a reference run through the client", () => {
  let runId: string;

  test("the live-logged run shows the numbers of a direct import of the same folder", async () => {
    const experiment = await readExperimentSteps(FOLDER);
    expect(experiment.stepNumbers.length).toBeGreaterThan(1);
    // What live views hear (lib/server/live/run-change-hub.ts listens on this channel).
    const listener = await db.pool.connect();
    const heard: RunChange[] = [];
    listener.on("notification", (n) => heard.push(runChangeSchema.parse(JSON.parse(n.payload ?? "{}"))));
    await listener.query(`LISTEN ${RUN_CHANGE_CHANNEL}`);
    const run = await editorClient.createRun({ ...experiment.run, projectId });
    runId = run.id;
    expect(run.status).toBe("running");
    // Running with no lease, yet no worker's: the reaper does not requeue it and a claim does not take it.
    expect((await findStrandedRuns(db.prisma, 0)).map((r) => r.runId)).not.toContain(runId);
    expect(await claimRun(db.prisma, runId, "test-worker", 60_000)).toBeNull();
    for (const step of experiment.stepNumbers) {
      const outcome = await editorClient.logStep(runId, await experiment.readStep(step));
      expect(outcome).toMatchObject({ step, outcome: "written" });
    }
    // Live: the run is running and counts its steps while they arrive.
    const live = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(live).toMatchObject({ status: "running", currentStep: experiment.stepNumbers.at(-1)! + 1 });
    expect(await editorClient.finish(runId)).toEqual({ id: runId, status: "completed" });
    // Every step and the finish were announced: the last announcement is the completed run at its last step.
    await expect
      .poll(() => heard.filter((c) => c.runId === runId).at(-1))
      .toMatchObject({ status: "completed", currentStep: experiment.stepNumbers.at(-1)! + 1 });
    const steps = new Set(heard.filter((c) => c.runId === runId).map((c) => c.currentStep));
    expect(steps.size).toBeGreaterThanOrEqual(experiment.stepNumbers.length);
    listener.release();

    const direct = await importRun({ prisma: db.prisma, pool: db.pool }, { path: FOLDER, projectId });
    const [logged, imported] = await Promise.all([overviewFigures(runId), overviewFigures(direct.runId)]);
    expect(logged.stepCount).toBe(direct.counts.steps);
    expect(Object.keys(logged.series).length).toBeGreaterThan(0);
    expect(logged).toEqual(imported);

    const counts = async (id: string) =>
      Promise.all([
        db.prisma.program.count({ where: { runId: id } }),
        db.prisma.rollout.count({ where: { runId: id } }),
        db.prisma.evolutionEvent.count({ where: { runId: id } }),
      ]);
    expect(await counts(runId)).toEqual(await counts(direct.runId));
    const finished = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(finished).toMatchObject({
      status: "completed",
      source: "imported",
      tags: ["imported", "external"],
    });
  });

  test("a step sent again is not stored twice, and a finished run takes no more steps", async () => {
    const experiment = await readExperimentSteps(FOLDER);
    const again = await db.prisma.run.create({
      data: { projectId, name: "again", source: "imported", trainMode: "rl", config: {}, seed: 0 },
    });
    const run = await editorClient.createRun({ ...experiment.run, projectId, name: "resent" });
    const first = await experiment.readStep(experiment.stepNumbers[0]!);
    expect((await editorClient.logStep(run.id, first)).outcome).toBe("written");
    const rollouts = await db.prisma.rollout.count({ where: { runId: run.id } });
    expect(rollouts).toBe(first.rollouts.length);
    expect((await editorClient.logStep(run.id, first)).outcome).toBe("already");
    expect(await db.prisma.step.count({ where: { runId: run.id } })).toBe(1);
    expect(await db.prisma.rollout.count({ where: { runId: run.id } })).toBe(rollouts);

    expect(await editorClient.finish(run.id, { status: "failed", error: "trainer crashed" })).toEqual({
      id: run.id,
      status: "failed",
    });
    const second = await experiment.readStep(experiment.stepNumbers[1]!);
    await expect(editorClient.logStep(run.id, second)).rejects.toMatchObject({
      status: 409,
      code: "conflict",
    });
    // Only runs created for logging from outside take steps.
    await expect(editorClient.logStep(again.id, first)).rejects.toMatchObject({ status: 409 });
  });

  test("a viewer's token may not create a run nor log into one", async () => {
    const experiment = await readExperimentSteps(FOLDER);
    const refused = viewerClient.createRun({ ...experiment.run, projectId });
    await expect(refused).rejects.toBeInstanceOf(EsplApiError);
    await expect(refused).rejects.toMatchObject({ status: 403 });
    await expect(
      viewerClient.logStep(runId, await experiment.readStep(experiment.stepNumbers[0]!)),
    ).rejects.toMatchObject({ status: 403 });
  });
});
