/**
 * Launching runs: the stored row, the job on the queue, the merged config and seed, and the refusals
 * (each naming the offending key) for bad input.
 */
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { startBoss } from "@/lib/server/queue/boss";
import { refusal } from "@/lib/tools/testing/refusal";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
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
    expect(error.message).toMatch(/batch_size: must be an integer from 1 to 10,000/);
    expect(error.message).toMatch(/train_mode: Invalid option/);
  });

  test("a run past a resource limit is refused before anything is stored, naming key and limit", async () => {
    const before = await db.prisma.run.count();
    const steps = await refusal(launch({ config: { dataset_size: 0, batch_size: 1, n_epochs: 1000 } }));
    expect(steps.fields).toEqual({
      "config.n_epochs": [
        "the run would take 256,000 steps (⌈problems ÷ batch_size⌉ × n_epochs); the limit is 100,000 " +
          "(ESPL_MAX_TOTAL_STEPS)",
      ],
    });
    const samples = await refusal(
      launch({ config: { batch_size: 100, group_size: 100, num_parallel_programs: 3 } }),
    );
    expect(samples.message).toBe(
      "invalid config: group_size: a step would sample 30,300 rollouts (batch_size × group_size × " +
        "num_parallel_programs + test problems × test_group_size); the limit is 20,000 (ESPL_MAX_STEP_SAMPLES)",
    );
    const tokens = await refusal(launch({ config: { max_tokens: 200_000 } }));
    expect(tokens.fields).toEqual({
      "config.max_tokens": ["200,000 tokens is above the limit of 131,072 (ESPL_MAX_TOKENS)"],
    });
    expect(await db.prisma.run.count()).toBe(before);
  });

  test("operators set the limits with ESPL_MAX_* variables", async () => {
    process.env.ESPL_MAX_TOTAL_STEPS = "2";
    try {
      const error = await refusal(launch({ config: { dataset_size: 12, batch_size: 4, n_epochs: 1 } }));
      expect(error.message).toMatch(
        /n_epochs: the run would take 3 steps .*the limit is 2 \(ESPL_MAX_TOTAL_STEPS\)/,
      );
      expect((await launch({ config: { dataset_size: 8, batch_size: 4, n_epochs: 1 } })).totalSteps).toBe(2);
    } finally {
      delete process.env.ESPL_MAX_TOTAL_STEPS;
    }
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
      data: { projectId, name: "small", source: "upload", trainCount: 9, testCount: 2 },
    });
    const run = await launch({ datasetId: dataset.id, config: { batch_size: 4, n_epochs: 3 } });
    expect(run.totalSteps).toBe(9);
    expect(run.datasetId).toBe(dataset.id);
  });
});

describe("createRun and its dataset", () => {
  async function uploaded(name: string, train: number, test: number) {
    const dataset = await db.prisma.dataset.create({
      data: { projectId, name, source: "upload", trainCount: train, testCount: test },
    });
    const rows = [
      ...Array.from({ length: train }, (_, i) => ({ split: "train" as const, position: i })),
      ...Array.from({ length: test }, (_, i) => ({ split: "test" as const, position: i })),
    ];
    await db.prisma.problem.createMany({
      data: rows.map((r) => ({
        ...r,
        datasetId: dataset.id,
        question: `q ${r.split} ${r.position}`,
        answer: "1",
      })),
    });
    return dataset;
  }

  test("a dataset without a test split is refused naming the split; nothing is stored", async () => {
    const dataset = await uploaded("train only", 40, 0);
    const before = await db.prisma.run.count();
    const error = await refusal(launch({ datasetId: dataset.id }));
    expect(error.fields).toEqual({
      datasetId: [
        'the dataset "train only" has no test split: every step is evaluated on its test rows; upload it with a split column that marks some rows "test"',
      ],
    });
    expect(error.message).toMatch(/^invalid run: datasetId: the dataset "train only" has no test split/);
    expect(await db.prisma.run.count()).toBe(before);
  });

  test("a dataset_size the caller asked for past the training split is refused naming the limit", async () => {
    const dataset = await uploaded("forty", 40, 5);
    const error = await refusal(launch({ datasetId: dataset.id, config: { dataset_size: 256 } }));
    expect(error.fields).toEqual({
      "config.dataset_size": [
        'must be at most 40: the dataset "forty" has 40 training problems (0 or less uses all of them)',
      ],
    });
  });

  test("the default dataset_size is brought within the data, and the config records what is used", async () => {
    const dataset = await uploaded("forty again", 40, 5);
    const run = await launch({ datasetId: dataset.id, config: { batch_size: 10, n_epochs: 1 } });
    expect((run.config as { dataset_size: number }).dataset_size).toBe(40);
    expect(run.totalSteps).toBe(4);
  });

  test("the run records the dataset's name and content hash; a rename later does not change them", async () => {
    const dataset = await uploaded("versioned", 4, 2);
    const run = await launch({ datasetId: dataset.id, config: { dataset_size: 0 } });
    const hashed = await db.prisma.$queryRaw<{ hash: string }[]>`
      SELECT encode(sha256(convert_to(${[
        "train\t0\tq train 0\t1",
        "train\t1\tq train 1\t1",
        "train\t2\tq train 2\t1",
        "train\t3\tq train 3\t1",
        "test\t0\tq test 0\t1",
        "test\t1\tq test 1\t1",
      ].join("\n")}, 'UTF8')), 'hex') AS hash`;
    const hash = hashed[0]!.hash;
    expect(run).toMatchObject({ datasetName: "versioned", datasetVersion: hash });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    await db.prisma.dataset.update({ where: { id: dataset.id }, data: { name: "renamed" } });
    const again = await launch({ datasetId: dataset.id, config: { dataset_size: 0 } });
    expect(again).toMatchObject({ datasetName: "renamed", datasetVersion: hash });
    const first = await db.prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(first.datasetName).toBe("versioned");
  });

  test("without a dataset the run records the project's built-in suite, created at launch", async () => {
    const project = await db.prisma.project.create({ data: { name: "Fresh", slug: "fresh" } });
    const run = await launch({ projectId: project.id, config: { dataset_size: 0 } });
    const builtin = await db.prisma.dataset.findFirstOrThrow({ where: { projectId: project.id } });
    expect(run).toMatchObject({ datasetId: builtin.id, datasetName: builtin.name });
    expect(run.datasetVersion).toMatch(/^[0-9a-f]{64}$/);
  });
});
