/**
 * The run header's dataset line reads what createRun recorded: the dataset's name at launch (a later
 * rename does not change it) and its content hash; a run that recorded none reads null ("not recorded").
 * The config views read the stored dataset_pair against it: not used when the run trained on an upload.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { stopSharedBoss } from "@/lib/server/queue/boss";
import { createRun } from "@/lib/server/runs/create-run";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { buildConfigRows } from "@/lib/view/compare/config-diff";
import { prepareConfigEntries } from "@/lib/view/runs/config-display";
import { getComparison } from "./compare-runs";
import { getRunOverview } from "./run-overview";

let db: TestDatabase;
let projectId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
});
afterAll(async () => {
  await stopSharedBoss();
  await db?.drop();
});

test("the overview names the dataset recorded at launch and its version, even after a rename", async () => {
  const dataset = await db.prisma.dataset.create({
    data: { projectId, name: "forty", source: "upload", trainCount: 1, testCount: 1 },
  });
  await db.prisma.problem.createMany({
    data: [
      { datasetId: dataset.id, split: "train", position: 0, question: "1+1", answer: "2" },
      { datasetId: dataset.id, split: "test", position: 0, question: "2+2", answer: "4" },
    ],
  });
  const run = await createRun(db.prisma, { projectId, datasetId: dataset.id });
  await db.prisma.dataset.update({ where: { id: dataset.id }, data: { name: "renamed" } });
  const { contentHash } = await db.prisma.dataset.findUniqueOrThrow({ where: { id: dataset.id } });
  const overview = await getRunOverview({ projectIds: [projectId] }, run.id);
  expect(overview.run).toMatchObject({
    datasetId: dataset.id,
    datasetName: "forty",
    datasetVersion: contentHash,
  });
  expect(contentHash).toMatch(/^[0-9a-f]{64}$/);

  // The stored config keeps the engine default; the run page and the compare view say it was not used.
  const stored = await db.prisma.run.findUniqueOrThrow({ where: { id: run.id } });
  expect((stored.config as Record<string, unknown>).dataset_pair).toBe("aimo_beyondaime");
  const entry = prepareConfigEntries(overview.run).find((e) => e.key === "dataset_pair");
  expect(entry).toEqual({ key: "dataset_pair", value: "not used (trained on forty)", unused: true });
  const comparison = await getComparison({ projectIds: [projectId] }, [run.id], "rollout/Agg_avg_reward");
  const row = buildConfigRows(comparison.runs).find((r) => r.key === "dataset_pair");
  expect(row?.values).toEqual(["not used (trained on forty)"]);
});

test("a run that recorded no dataset reads null, never a made-up name", async () => {
  const run = await db.prisma.run.create({
    data: { projectId, name: "old", status: "completed", trainMode: "rl", config: {}, seed: 1 },
  });
  const overview = await getRunOverview({ projectIds: [projectId] }, run.id);
  expect(overview.run).toMatchObject({ datasetId: null, datasetName: null, datasetVersion: null });
});
