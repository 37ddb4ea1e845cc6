import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { stopSharedBoss } from "@/lib/queue/boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { configToFormValues } from "./form-values";
import { launchRun } from "./launch-run";

let db: TestDatabase;
let projectId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
});
afterAll(async () => {
  await stopSharedBoss();
  await db.drop();
});

const form = (over: Record<string, unknown> = {}, config: Record<string, string> = {}) => ({
  projectId,
  name: "from the form",
  tags: "a, b",
  seed: "7",
  datasetId: "",
  policyBackendId: "",
  config: { ...configToFormValues(getDefaultConfig()), ...config },
  ...over,
});

describe("launchRun", () => {
  test("bad input is refused with field errors keyed like the form, and creates nothing", async () => {
    const bad = await launchRun(
      projectId,
      null,
      form({ seed: "x" }, { batch_size: "0", train_mode: "both" }),
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(["config.batch_size", "config.train_mode", "seed"]);
    const badConfig = await launchRun(projectId, null, form({}, { batch_size: "0", train_mode: "both" }));
    expect(badConfig.ok).toBe(false);
    if (badConfig.ok) return;
    expect(Object.keys(badConfig.fieldErrors).sort()).toEqual(["config.batch_size", "config.train_mode"]);
    const missingDataset = await launchRun(
      projectId,
      null,
      form({ datasetId: "00000000-0000-4000-8000-0000000000aa" }),
    );
    expect(missingDataset.ok).toBe(false);
    expect(await db.prisma.run.count()).toBe(0);
  });

  test("good input creates a queued run with the form's config and enqueues it", async () => {
    const result = await launchRun(projectId, null, form({}, { batch_size: "4", n_epochs: "1" }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({
      status: "queued",
      name: "from the form",
      seed: 7,
      tags: ["a", "b"],
      projectId,
    });
    expect((run.config as { batch_size: number }).batch_size).toBe(4);
    expect(run.totalSteps).toBe(Math.ceil(256 / 4));
    const jobs = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM pgboss.job WHERE data->>'runId' = $1`,
      run.id,
    );
    expect(Number(jobs[0]!.n)).toBe(1);
  });
});
