/**
 * The runs list as a researcher's table: config-key and last-metric columns, sorting and filtering by
 * them, starred and archived runs, and groups by experiment or config key with their counts and means.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { groupSearchParams, parseRunListQuery } from "@/lib/domain/runs/list/list-query";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { listRuns } from "./list-runs";

let db: TestDatabase;
let projectIds: string[];
const PASS = "testing/Pass@1";

/** Six runs: crossover_prob 0 / 0.5 / absent, strategies uniform / lucb, and last Pass@1 values. */
const RUNS = [
  { name: "a", prob: 0, strategy: "uniform", pass: [0.1, 0.3], star: true, archived: false, exp: "sweep" },
  { name: "b", prob: 0.5, strategy: "lucb", pass: [0.6, 0.5], star: false, archived: false, exp: "sweep" },
  { name: "c", prob: 0.5, strategy: "uniform", pass: [0.9], star: false, archived: false, exp: "sweep" },
  { name: "d", prob: 0, strategy: "lucb", pass: [], star: true, archived: false, exp: null },
  { name: "e", prob: null, strategy: "lucb", pass: [0.2], star: false, archived: false, exp: null },
  { name: "f", prob: 0.5, strategy: "lucb", pass: [0.95], star: false, archived: true, exp: "sweep" },
] as const;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const mine = await db.prisma.project.create({ data: { name: "Mine", slug: "mine" } });
  const other = await db.prisma.project.create({ data: { name: "Other", slug: "other" } });
  projectIds = [mine.id];
  const sweep = await db.prisma.experiment.create({ data: { projectId: mine.id, name: "sweep" } });
  for (const [i, r] of RUNS.entries()) {
    const run = await db.prisma.run.create({
      data: {
        projectId: mine.id,
        name: r.name,
        trainMode: "evolution_rl",
        seed: 1,
        config: {
          program_selection_strategy: r.strategy,
          ...(r.prob === null ? {} : { crossover_prob: r.prob }),
        },
        starred: r.star,
        archivedAt: r.archived ? new Date() : null,
        experimentId: r.exp ? sweep.id : null,
        createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
      },
    });
    // The last step that logged the key counts, not the last step: step 3 below logs only a rollout metric.
    const steps = r.pass.map((value, step) => ({
      step: step + 1,
      metrics: { [PASS]: value, "rollout/x": 1 },
    }));
    if (r.pass.length > 0) steps.push({ step: r.pass.length + 1, metrics: { "rollout/x": 2 } as never });
    await db.prisma.step.createMany({
      data: steps.map((s) => ({
        runId: run.id,
        step: s.step,
        epoch: 0,
        selectedProgramIds: [],
        metrics: s.metrics,
        startedAt: new Date(),
      })),
    });
  }
  // Another project's run with the best value of all: it must never appear, sorted or grouped.
  await db.prisma.run.create({
    data: { projectId: other.id, name: "secret", trainMode: "rl", seed: 1, config: { crossover_prob: 0.5 } },
  });
});
afterAll(() => db.drop());

const list = (search: string) =>
  listRuns({ projectIds }, parseRunListQuery(groupSearchParams(new URLSearchParams(search))));
const names = (page: Awaited<ReturnType<typeof list>>) => page.rows.map((r) => r.name);

describe("runs list view", () => {
  test("archived runs are hidden unless asked for; starred only narrows", async () => {
    expect(names(await list(""))).toEqual(["e", "d", "c", "b", "a"]);
    expect(names(await list("archived=1"))).toEqual(["f", "e", "d", "c", "b", "a"]);
    expect(names(await list("starred=1"))).toEqual(["d", "a"]);
  });

  test("chosen columns carry the config value and the last logged metric; missing ones are null", async () => {
    const page = await list(`cols=config:crossover_prob,final:${PASS}`);
    const byName = new Map(page.rows.map((r) => [r.name, r.values]));
    expect(byName.get("a")).toEqual({ "config:crossover_prob": 0, [`final:${PASS}`]: 0.3 });
    expect(byName.get("d")).toEqual({ "config:crossover_prob": 0, [`final:${PASS}`]: null });
    expect(byName.get("e")).toEqual({ "config:crossover_prob": null, [`final:${PASS}`]: 0.2 });
  });

  test("sorts by a final metric and by a config key, missing values last either way", async () => {
    expect(names(await list(`sort=final:${PASS}&dir=desc`))).toEqual(["c", "b", "a", "e", "d"]);
    expect(names(await list(`sort=final:${PASS}&dir=asc`))).toEqual(["e", "a", "b", "c", "d"]);
    // Ties on the key break by id; only the order of the values is asserted.
    const byProb = await list("sort=config:crossover_prob&dir=asc&cols=config:crossover_prob");
    expect(byProb.rows.map((r) => r.values["config:crossover_prob"])).toEqual([0, 0, 0.5, 0.5, null]);
  });

  test("filters by a config key (JSON equality) and by a metric comparison", async () => {
    expect(names(await list("where=config:program_selection_strategy|eq|lucb"))).toEqual(["e", "d", "b"]);
    expect(names(await list("where=config:crossover_prob|eq|0.50"))).toEqual(["c", "b"]);
    expect(names(await list("where=config:crossover_prob|ne|0.5"))).toEqual(["e", "d", "a"]);
    expect(names(await list(`where=final:${PASS}|gte|0.3`))).toEqual(["c", "b", "a"]);
    const both = await list(`where=final:${PASS}|gte|0.3&where=config:program_selection_strategy|eq|uniform`);
    expect(names(both)).toEqual(["c", "a"]);
    expect(both.total).toBe(2);
  });

  test("groups by a config key: rows come group by group, headers count and average the whole list", async () => {
    const page = await list(`group=config:crossover_prob&cols=best,final:${PASS}&size=25`);
    expect(page.groups).toEqual([
      { key: "0", label: "0", count: 2, means: { best: null, [`final:${PASS}`]: 0.3 } },
      { key: "0.5", label: "0.5", count: 2, means: { best: null, [`final:${PASS}`]: 0.7 } },
      { key: null, label: null, count: 1, means: { best: null, [`final:${PASS}`]: 0.2 } },
    ]);
    expect(page.rows.map((r) => r.groupKey)).toEqual(["0", "0", "0.5", "0.5", null]);
  });

  test("groups by experiment, archived runs counted only when shown", async () => {
    const page = await list("group=experiment");
    expect(page.groups?.map((g) => [g.label, g.count])).toEqual([
      ["sweep", 3],
      [null, 2],
    ]);
    const withArchived = await list("group=experiment&archived=1");
    expect(withArchived.groups?.map((g) => [g.label, g.count])).toEqual([
      ["sweep", 4],
      [null, 2],
    ]);
  });

  test("a page of a grouped list still pages over the whole list", async () => {
    const first = await list("group=experiment&size=25&page=1");
    expect(first.total).toBe(5);
    expect(first.rows.map((r) => r.experiment?.name ?? null)).toEqual([
      "sweep",
      "sweep",
      "sweep",
      null,
      null,
    ]);
  });
});
