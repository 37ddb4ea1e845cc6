import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { stopSharedBoss } from "@/lib/server/queue/boss";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { configToFormValues } from "@/lib/domain/launch/form-values";
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
    // Out of range, and in range but past a resource limit: both beside their field, in words.
    const tooBig = await launchRun(projectId, null, form({}, { n_epochs: "100000000", group_size: "1000" }));
    expect(tooBig.ok).toBe(false);
    if (tooBig.ok) return;
    expect(tooBig.fieldErrors).toEqual({ "config.n_epochs": ["must be an integer from 1 to 10,000"] });
    const tooMany = await launchRun(projectId, null, form({}, { batch_size: "100", group_size: "100" }));
    expect(tooMany.ok).toBe(false);
    if (tooMany.ok) return;
    expect(tooMany.fieldErrors["config.group_size"]?.join(" ")).toMatch(
      /a step would sample 30,300 rollouts .*the limit is 20,000 \(ESPL_MAX_STEP_SAMPLES\)/,
    );
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

  test("a sampling-only backend is refused for rl and evolution_rl, accepted for evolution", async () => {
    const sampler = await db.prisma.modelBackend.create({
      data: {
        projectId,
        name: "vllm",
        kind: "openai_compatible",
        baseUrl: "http://127.0.0.1:9/v1",
        capabilities: { sampling: true, logprobs: true, training: false, models: ["m"], error: null },
        lastTestedAt: new Date(),
      },
    });
    const untested = await db.prisma.modelBackend.create({
      data: { projectId, name: "untested", kind: "openai_compatible", baseUrl: "http://127.0.0.1:9/v1" },
    });
    const before = await db.prisma.run.count();
    for (const mode of ["rl", "evolution_rl"]) {
      const refused = await launchRun(
        projectId,
        null,
        form({ policyBackendId: sampler.id }, { train_mode: mode }),
      );
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.fieldErrors["config.train_mode"]?.join(" ")).toMatch(/samples only \(no training\)/);
    }
    const notTested = await launchRun(
      projectId,
      null,
      form({ policyBackendId: untested.id }, { train_mode: "rl" }),
    );
    expect(notTested.ok).toBe(false);
    if (!notTested.ok)
      expect(notTested.fieldErrors["config.train_mode"]?.join(" ")).toMatch(/not been tested/);
    // `current` needs the policy's own weights: not with a separate reflection backend.
    const current = await launchRun(
      projectId,
      null,
      form(
        { policyBackendId: "", reflectionBackendId: sampler.id },
        { train_mode: "evolution_rl", evolution_sample_client: "current" },
      ),
    );
    expect(current.ok).toBe(false);
    if (!current.ok) expect(Object.keys(current.fieldErrors)).toEqual(["config.evolution_sample_client"]);
    expect(await db.prisma.run.count()).toBe(before);

    const evolution = await launchRun(
      projectId,
      null,
      form({ policyBackendId: sampler.id, reflectionBackendId: untested.id }, { train_mode: "evolution" }),
    );
    expect(evolution.ok).toBe(true);
    if (!evolution.ok) return;
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: evolution.runId } });
    expect(run).toMatchObject({
      policyBackendId: sampler.id,
      reflectionBackendId: untested.id,
      trainMode: "evolution",
    });
    // The simulator keeps serving every mode, with `current` when it reflects too.
    const sim = await launchRun(
      projectId,
      null,
      form({}, { train_mode: "rl", evolution_sample_client: "current" }),
    );
    expect(sim.ok).toBe(true);
  });

  test("the form's dataset checks are createRun's: no test split and a dataset_size past the data", async () => {
    const dataset = await db.prisma.dataset.create({
      data: { projectId, name: "train only", source: "upload", trainCount: 40, testCount: 0 },
    });
    const refused = await launchRun(
      projectId,
      null,
      form({ datasetId: dataset.id }, { dataset_size: "256" }),
    );
    expect(refused).toEqual({
      ok: false,
      message: "The run was not created: fix the marked fields.",
      fieldErrors: {
        datasetId: [
          'the dataset "train only" has no test split: every step is evaluated on its test rows; upload it with a split column that marks some rows "test"',
        ],
        "config.dataset_size": [
          'must be at most 40: the dataset "train only" has 40 training problems (0 or less uses all of them)',
        ],
      },
    });
    expect(await db.prisma.run.count({ where: { datasetId: dataset.id } })).toBe(0);
  });
});
