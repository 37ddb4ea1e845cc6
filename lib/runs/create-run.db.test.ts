/**
 * Launching runs: the stored row, the job on the queue, the merged config and seed, and the refusals
 * (each naming the offending key) for bad input.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { AppError } from "@/lib/errors";
import { startBoss } from "@/lib/queue/boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createRun, ensureDefaultProject, type CreateRunInput } from "./create-run";

let db: TestDatabase;
let boss: PgBoss;
let projectId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  boss = await startBoss(db.url);
  projectId = (await ensureDefaultProject(db.prisma)).id;
});
afterAll(async () => {
  await boss?.stop({ graceful: false });
  await db?.drop();
});

const launch = (input: Omit<CreateRunInput, "projectId"> & { projectId?: string }) =>
  createRun(db.prisma, { projectId, ...input }, { boss });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("ensureDefaultProject", () => {
  test("creates the default project once", async () => {
    const again = await Promise.all([ensureDefaultProject(db.prisma), ensureDefaultProject(db.prisma)]);
    expect(again.map((p) => p.id)).toEqual([projectId, projectId]);
    expect(await db.prisma.project.count({ where: { slug: "default" } })).toBe(1);
  });
});

describe("createRun", () => {
  test("stores a queued run with the merged config and puts it on the queue", async () => {
    const run = await launch({
      preset: "espl-lucb",
      config: { batch_size: 4, n_epochs: 2, dataset_size: 10 },
      seed: 42,
      tags: ["a", "b", "a"],
      name: "  first  ",
    });
    expect(run).toMatchObject({
      status: "queued",
      trainMode: "evolution_rl",
      seed: 42,
      name: "first",
      tags: ["a", "b"],
      currentStep: 0,
      // ceil(10 / 4) batches × 2 epochs.
      totalSteps: 6,
    });
    expect(run.config).toEqual({
      ...getDefaultConfig(),
      program_selection_strategy: "lucb",
      crossover_prob: 0.2,
      max_pool_size: 200,
      choose_from_most_recent: 10,
      sampling_temperature: 0.6,
      batch_size: 4,
      n_epochs: 2,
      dataset_size: 10,
      seed: 42,
    });
    const { rows } = await db.pool.query(
      "SELECT count(*)::int AS n FROM pgboss.job WHERE singleton_key = $1 AND state = 'created'",
      [run.id],
    );
    expect(rows[0].n).toBe(1);
  });

  test("the caller's keys win over the preset, and the train mode column follows the config", async () => {
    const run = await launch({ preset: "rl", config: { train_mode: "evolution" } });
    expect(run.trainMode).toBe("evolution");
  });

  test("seed: the option, else config.seed, else a random one recorded in the config", async () => {
    const fromConfig = await launch({ config: { seed: 7 } });
    expect(fromConfig.seed).toBe(7);
    const both = await launch({ config: { seed: 7 }, seed: 9 });
    expect([both.seed, (both.config as { seed: number }).seed]).toEqual([9, 9]);
    const random = await launch({});
    expect((random.config as { seed: number }).seed).toBe(random.seed);
    expect(random.name).toBe(`evolution_rl · seed ${random.seed}`);
  });

  test("without a dataset the step count is that of the built-in suite (256 problems by default)", async () => {
    const run = await launch({ config: { dataset_size: 0, batch_size: 100, n_epochs: 1 } });
    expect(run.totalSteps).toBe(3);
  });

  test("an unknown config key is refused, naming the key", async () => {
    const error = await refusal(launch({ config: { batch_sise: 4 } }));
    expect(error.code).toBe("bad_request");
    expect(error.message).toBe("invalid config: batch_sise: unknown configuration key");
    expect(error.fields).toEqual({ "config.batch_sise": ["batch_sise: unknown configuration key"] });
  });

  test("a bad value is refused, naming the key; every problem is reported", async () => {
    const error = await refusal(launch({ config: { batch_size: 0, train_mode: "both" } }));
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["config.batch_size", "config.train_mode"]);
    expect(error.message).toMatch(/^invalid config: /);
    expect(error.message).toMatch(/batch_size: Too small/);
    expect(error.message).toMatch(/train_mode: Invalid option/);
  });

  test("a seed beyond the database's integer is refused", async () => {
    const error = await refusal(launch({ config: { seed: 2 ** 40 } }));
    expect(error.fields).toHaveProperty(["config.seed"]);
  });

  test("bad input fields are refused with their names", async () => {
    const error = await refusal(
      launch({ projectId: "nope", name: "", tags: [""], preset: "fast" as "rl", seed: -1 }),
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["name", "preset", "projectId", "seed", "tags.0"]);
    expect(error.message).toMatch(/^invalid run: /);
  });

  test("references outside the project are refused and nothing is stored", async () => {
    const before = await db.prisma.run.count();
    const other = await db.prisma.project.create({ data: { name: "Other", slug: "other" } });
    const dataset = await db.prisma.dataset.create({
      data: { projectId: other.id, name: "d", source: "upload", trainCount: 3 },
    });
    const backend = await db.prisma.modelBackend.create({
      data: { projectId: other.id, name: "b", kind: "sim" },
    });
    expect((await refusal(launch({ datasetId: dataset.id }))).message).toMatch(/datasetId/);
    expect((await refusal(launch({ policyBackendId: backend.id }))).message).toMatch(/policyBackendId/);
    expect((await refusal(launch({ projectId: "00000000-0000-4000-8000-000000000000" }))).message).toMatch(
      /projectId: no such project/,
    );
    expect(await db.prisma.run.count()).toBe(before);
  });

  test("with a dataset the step count follows its training set", async () => {
    const dataset = await db.prisma.dataset.create({
      data: { projectId, name: "small", source: "upload", trainCount: 9 },
    });
    const run = await launch({ datasetId: dataset.id, config: { batch_size: 4, n_epochs: 3 } });
    expect(run.totalSteps).toBe(9);
    expect(run.datasetId).toBe(dataset.id);
  });
});
