/**
 * The browser's ways to launch many runs: the launch form's seeds × sweep (one experiment, refused as a
 * whole with field errors keyed like the form's inputs) and the "Reproduce the paper" template (exactly
 * three modes × N seeds in one experiment); and the step costs the form's estimate scales from.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildReproduceLaunch } from "@/lib/domain/experiments/reproduce-template";
import { EMPTY_EXPERIMENT_FIELDS } from "@/lib/domain/launch/experiment-form";
import { configToFormValues } from "@/lib/domain/launch/form-values";
import { getDefaultConfig } from "@/lib/espl/config";
import { stopSharedBoss } from "@/lib/server/queue/boss";
import { readStepCosts } from "@/lib/server/read/step-costs";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { launchExperiment } from "./launch-experiment";
import { launchExperimentFromForm } from "./launch-from-form";

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

const small = { dataset_size: "4", batch_size: "2", n_epochs: "1" };

const form = (experiment: Partial<typeof EMPTY_EXPERIMENT_FIELDS>, over: Record<string, unknown> = {}) => ({
  projectId,
  name: "",
  tags: "sweep",
  seed: "",
  datasetId: "",
  policyBackendId: "",
  initialPrinciples: "Show your work.",
  config: { ...configToFormValues(getDefaultConfig()), ...small },
  ...EMPTY_EXPERIMENT_FIELDS,
  ...experiment,
  ...over,
});

describe("launchExperimentFromForm", () => {
  test("3 seeds × 2 settings: one experiment of 6 queued runs with the form's settings", async () => {
    const result = await launchExperimentFromForm(
      projectId,
      null,
      form({ experimentName: "from the form", seeds: "1-3", sweep: "crossover_prob=0,0.5\n" }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const runs = await db.prisma.run.findMany({ where: { experimentId: result.experimentId } });
    expect(runs.map((r) => r.id).sort()).toEqual([...result.runIds].sort());
    const cells = runs.map((r) => `${(r.config as Record<string, unknown>).crossover_prob}/${r.seed}`);
    expect(cells.sort()).toEqual(["0.5/1", "0.5/2", "0.5/3", "0/1", "0/2", "0/3"]);
    for (const run of runs) {
      expect(run.status).toBe("queued");
      expect(run.tags).toEqual(["sweep"]);
      expect(run.initialPrinciples).toEqual(["Show your work."]);
      expect((run.config as Record<string, unknown>).batch_size).toBe(2);
    }
  });

  test("bad seeds, sweep and name are refused together, keyed like the form, creating nothing", async () => {
    const before = await db.prisma.run.count();
    const result = await launchExperimentFromForm(
      projectId,
      null,
      form({ experimentName: " ", seeds: "3-1", sweep: "crossover_prob=2" }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["experimentName", "seeds", "sweep"]);
    expect(result.fieldErrors.seeds![0]).toContain('range "3-1" runs backwards');
    expect(await db.prisma.run.count()).toBe(before);
  });

  test("a seed and a seed list at once, and a taken experiment name, are named on their fields", async () => {
    const both = await launchExperimentFromForm(projectId, null, form({ seeds: "1,2" }, { seed: "5" }));
    expect(!both.ok && both.fieldErrors.seed).toEqual(["give one seed or a list of seeds, not both"]);
    const taken = await launchExperimentFromForm(
      projectId,
      null,
      form({ experimentName: "from the form", seeds: "9" }),
    );
    expect(!taken.ok && taken.fieldErrors.experimentName?.[0]).toContain("already exists");
  });
});

describe("the reproduce template", () => {
  test("creates exactly E-SPL, RL only and evolution only × N seeds in one experiment", async () => {
    const { experiment, runs } = await launchExperiment(
      db.prisma,
      buildReproduceLaunch({
        projectId,
        seeds: "1-4",
        datasetName: "the built-in suite",
        backendName: "the simulator",
        config: { dataset_size: 4, batch_size: 2, n_epochs: 1 },
      }),
    );
    const stored = await db.prisma.run.findMany({ where: { experimentId: experiment.id } });
    expect(stored).toHaveLength(12);
    expect(runs.map((r) => r.id).sort()).toEqual(stored.map((r) => r.id).sort());
    const cells = new Set(stored.map((r) => `${r.trainMode}/${r.seed}`));
    expect(cells.size).toBe(12);
    for (const mode of ["evolution_rl", "rl", "evolution"])
      for (const seed of [1, 2, 3, 4]) expect(cells.has(`${mode}/${seed}`)).toBe(true);
    // Every arm is the same preset: the arms differ in their mode alone.
    const strip = (config: unknown) => {
      const { train_mode: _mode, seed: _seed, ...rest } = config as Record<string, unknown>;
      void _mode;
      void _seed;
      return rest;
    };
    for (const run of stored) expect(strip(run.config)).toEqual(strip(stored[0]!.config));
    expect((stored[0]!.config as Record<string, unknown>).program_selection_strategy).toBe("lucb");
    expect(experiment.name).toBe("Reproduce the paper · the built-in suite · the simulator");
  });
});

describe("readStepCosts", () => {
  test("sums the committed steps of earlier runs per backend; no tokens recorded reads as unknown", async () => {
    const run = await db.prisma.run.findFirstOrThrow({ where: { projectId } });
    const started = new Date("2026-01-01T00:00:00Z");
    for (const step of [0, 1])
      await db.prisma.step.create({
        data: {
          runId: run.id,
          step,
          epoch: 0,
          metrics: {},
          samplesConsumed: 40,
          startedAt: started,
          committedAt: new Date(started.getTime() + 1500),
        },
      });
    const rows = await readStepCosts(db.prisma, { projectIds: [projectId] });
    expect(rows).toEqual([
      { projectId, policyBackendId: null, runs: 1, steps: 2, samples: 80, seconds: 3, tokens: null },
    ]);
    expect(await readStepCosts(db.prisma, { projectIds: [] })).toEqual([]);
  });
});
