import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { getLineageNode } from "./lineage-node";
import { getRunLineage, searchLineage } from "./run-lineage";
import { getRatingsSelection, getRunRatings } from "./run-ratings";

let db: TestDatabase;
let projectId: string;
let runId: string;
const LONG = "Always check the units of every quantity before you add them together, then ".repeat(3);

/**
 * A small run by hand: root 0; 1 and 2 mutated from 0 at steps 0 and 1; 3 a crossover of 2 (Set A)
 * and 1 at step 3; 4 mutated from 3 at step 5. FIFO evicted 0 at step 3 and 1 at step 5. Steps 0..5,
 * with rating updates of the selected programs at each step.
 */
beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const p = db.prisma;
  projectId = (await p.project.create({ data: { name: "L", slug: "l" } })).id;
  runId = (
    await p.run.create({
      data: {
        projectId,
        name: "lineage",
        status: "completed",
        trainMode: "evolution_rl",
        config: {},
        seed: 1,
        totalSteps: 6,
      },
    })
  ).id;
  const programs = [
    {
      programId: 0,
      origin: "root",
      birthStep: -1,
      evictedAtStep: 3,
      mu: 24,
      sigma: 5,
      timesSelected: 3,
      principles: [],
    },
    {
      programId: 1,
      origin: "mutation",
      birthStep: 0,
      evictedAtStep: 5,
      mu: 27,
      sigma: 4,
      timesSelected: 3,
      principles: [{ id: 1, text: LONG }],
    },
    {
      programId: 2,
      origin: "mutation",
      birthStep: 1,
      evictedAtStep: null,
      mu: 30,
      sigma: 2,
      timesSelected: 4,
      principles: [
        { id: 1, text: "Draw a diagram" },
        { id: 2, text: "Check the UNITS twice" },
      ],
    },
    {
      programId: 3,
      origin: "crossover",
      birthStep: 3,
      evictedAtStep: null,
      mu: 26,
      sigma: 6,
      timesSelected: 2,
      principles: [{ id: 1, text: "Work backwards" }],
    },
    {
      programId: 4,
      origin: "mutation",
      birthStep: 5,
      evictedAtStep: null,
      mu: 25,
      sigma: 8,
      timesSelected: 0,
      principles: [{ id: 1, text: "100% sure_" }],
    },
  ] as const;
  await p.program.createMany({ data: programs.map((x) => ({ runId, ...x, principles: [...x.principles] })) });
  const rows = await p.program.findMany({ where: { runId }, select: { id: true, programId: true } });
  const row = (pid: number) => rows.find((r) => r.programId === pid)!.id;
  await p.programEdge.createMany({
    data: [
      { runId, parentId: row(0), childId: row(1), kind: "mutation" },
      { runId, parentId: row(0), childId: row(2), kind: "mutation" },
      { runId, parentId: row(2), childId: row(3), kind: "crossover", parentOrder: 0 },
      { runId, parentId: row(1), childId: row(3), kind: "crossover", parentOrder: 1 },
      { runId, parentId: row(3), childId: row(4), kind: "mutation" },
    ],
  });
  await p.step.createMany({
    data: [0, 1, 2, 3, 4, 5].map((step) => ({
      runId,
      step,
      epoch: 0,
      metrics: {},
      selectedProgramIds: step < 2 ? [0, 1] : step < 4 ? [1, 2] : [2, 3],
      startedAt: new Date(),
    })),
  });
  // Ratings: selected pairs per step; ties at step 2.
  const updates: {
    step: number;
    pid: number;
    mb: number;
    sb: number;
    ma: number;
    sa: number;
    score: number;
    rank: number;
    tie: number;
  }[] = [
    { step: 0, pid: 0, mb: 25, sb: 8, ma: 24, sa: 7, score: 0.2, rank: 1, tie: 1 },
    { step: 0, pid: 1, mb: 25, sb: 8, ma: 26, sa: 7, score: 0.6, rank: 0, tie: 0 },
    { step: 1, pid: 0, mb: 24, sb: 7, ma: 24, sa: 5, score: 0.3, rank: 1, tie: 1 },
    { step: 1, pid: 1, mb: 26, sb: 7, ma: 27, sa: 6, score: 0.7, rank: 0, tie: 0 },
    { step: 2, pid: 1, mb: 27, sb: 6, ma: 27, sa: 5, score: 0.5, rank: 0, tie: 0 },
    { step: 2, pid: 2, mb: 25, sb: 8, ma: 27, sa: 5, score: 0.5, rank: 0, tie: 0 },
    { step: 3, pid: 1, mb: 27, sb: 5, ma: 27, sa: 4, score: 0.4, rank: 1, tie: 1 },
    { step: 3, pid: 2, mb: 27, sb: 5, ma: 29, sa: 3, score: 0.8, rank: 0, tie: 0 },
    { step: 4, pid: 2, mb: 29, sb: 3, ma: 30, sa: 2, score: 0.9, rank: 0, tie: 0 },
    { step: 4, pid: 3, mb: 25, sb: 8, ma: 26, sa: 6, score: 0.4, rank: 1, tie: 1 },
  ];
  await p.ratingUpdate.createMany({
    data: updates.map((u) => ({
      runId,
      step: u.step,
      programId: row(u.pid),
      muBefore: u.mb,
      sigmaBefore: u.sb,
      muAfter: u.ma,
      sigmaAfter: u.sa,
      score: u.score,
      rank: u.rank,
      tieGroup: u.tie,
    })),
  });
  await p.evolutionEvent.createMany({
    data: [
      {
        runId,
        step: 0,
        kind: "mutation",
        status: "ok",
        parentProgramIds: [0],
        childId: row(1),
        details: { critiqueOperations: [1], suggestions: [], newPrinciples: [{}] },
      },
      {
        runId,
        step: 3,
        kind: "crossover",
        status: "ok",
        parentProgramIds: [2, 1],
        childId: row(3),
        details: { includedSlots: [0, 1], winners: [{}, {}], operationOutcomes: [{ status: "applied" }] },
      },
    ],
  });
});

afterAll(async () => {
  await db?.drop();
});

const member = () => ({ projectIds: [projectId] });

describe("getRunLineage", () => {
  test("every program as a summary (evicted kept, preview cut) and every edge with its kind and order", async () => {
    const l = await getRunLineage(member(), runId);
    expect(l.lastStep).toBe(5);
    expect(
      l.nodes.map((n) => [n.id, n.birthStep, n.evictedAtStep, n.timesSelected, n.principleCount]),
    ).toEqual([
      [0, -1, 3, 3, 0],
      [1, 0, 5, 3, 1],
      [2, 1, null, 4, 2],
      [3, 3, null, 2, 1],
      [4, 5, null, 0, 1],
    ]);
    expect(l.nodes[1]!.preview.length).toBe(90);
    expect(LONG.startsWith(l.nodes[1]!.preview)).toBe(true);
    expect(l.nodes[0]!.preview).toBe("");
    expect(l.edges).toEqual([
      { parent: 0, child: 1, kind: "mutation", order: 0 },
      { parent: 0, child: 2, kind: "mutation", order: 0 },
      { parent: 2, child: 3, kind: "crossover", order: 0 },
      { parent: 1, child: 3, kind: "crossover", order: 1 },
      { parent: 3, child: 4, kind: "mutation", order: 0 },
    ]);
    expect(JSON.stringify(l)).not.toContain("Work backwards twice"); // summaries, not texts
  });

  test("another project's scope, a share link to another run and a malformed id find nothing", async () => {
    await expect(getRunLineage({ projectIds: [] }, runId)).rejects.toMatchObject({ code: "not_found" });
    await expect(getRunLineage({ projectIds: [projectId], runIds: [] }, runId)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getRunLineage(member(), "nope")).rejects.toMatchObject({ code: "not_found" });
  });

  test("a link frozen at step 3 sees the run as it was then", async () => {
    const l = await getRunLineage({ ...member(), runIds: [runId], frozenAtStep: 3 }, runId);
    expect(l.lastStep).toBe(3);
    expect(l.nodes.map((n) => n.id)).toEqual([0, 1, 2, 3]);
    expect(l.nodes.find((n) => n.id === 1)).toMatchObject({
      evictedAtStep: null,
      mu: 27,
      sigma: 4,
      timesSelected: 4,
    });
    expect(l.nodes.find((n) => n.id === 0)).toMatchObject({
      evictedAtStep: 3,
      mu: 24,
      sigma: 5,
      timesSelected: 2,
    });
    // 3 was never rated by step 3: its prior (μ/σ before its first update).
    expect(l.nodes.find((n) => n.id === 3)).toMatchObject({ mu: 25, sigma: 8 });
    expect(l.edges.map((e) => e.child)).toEqual([1, 2, 3, 3]);
  });
});

describe("getLineageNode", () => {
  test("a crossover child: all its parents in order, its event with a summary, principles, history", async () => {
    const n = await getLineageNode(member(), runId, 3);
    expect(n.parents).toEqual([
      { id: 2, kind: "crossover", order: 0 },
      { id: 1, kind: "crossover", order: 1 },
    ]);
    expect(n.children).toEqual([{ id: 4, kind: "mutation", birthStep: 5 }]);
    expect(n.event).toMatchObject({ step: 3, kind: "crossover", status: "ok" });
    expect(n.event!.summary).toBe(
      "crossover of #2 + #1, ok: 2 sets, 2 problem winners, operations 1 applied, 0 ignored, 0 failed",
    );
    expect(n.principles).toEqual([{ id: 1, text: "Work backwards" }]);
    expect(n.history).toEqual([
      { step: 4, muBefore: 25, sigmaBefore: 8, mu: 26, sigma: 6, score: 0.4, rank: 1, tieGroup: 1 },
    ]);
  });

  test("the root has no parents and no event; unknown and later programs are not found", async () => {
    const root = await getLineageNode(member(), runId, 0);
    expect(root.parents).toEqual([]);
    expect(root.event).toBeNull();
    expect(root.children.map((c) => c.id)).toEqual([1, 2]);
    await expect(getLineageNode(member(), runId, 99)).rejects.toMatchObject({ code: "not_found" });
    await expect(getLineageNode({ ...member(), frozenAtStep: 3 }, runId, 4)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getLineageNode({ projectIds: [] }, runId, 0)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("searchLineage", () => {
  test("matches any principle, case-insensitively; LIKE wildcards are literal", async () => {
    expect(await searchLineage(member(), runId, "units")).toEqual([1, 2]);
    expect(await searchLineage(member(), runId, "100%")).toEqual([4]);
    expect(await searchLineage(member(), runId, "%")).toEqual([4]);
    expect(await searchLineage(member(), runId, "_")).toEqual([4]);
    expect(await searchLineage({ ...member(), frozenAtStep: 2 }, runId, "units")).toEqual([1, 2]);
    expect(await searchLineage({ ...member(), frozenAtStep: 0 }, runId, "units")).toEqual([1]);
  });
});

describe("getRunRatings", () => {
  test("leaderboard by μ − 3σ with mean scores; default chosen = top by μ − 3σ; strip by step and rank", async () => {
    const r = await getRunRatings(member(), runId);
    expect(r.leaderboard.map((x) => x.id)).toEqual([2, 1, 0, 3, 4]); // 24, 15, 9, 8, 1
    expect(r.leaderboard[0]).toMatchObject({
      conservative: 24,
      timesSelected: 4,
      birthStep: 1,
      evictedAtStep: null,
    });
    expect(r.leaderboard[0]!.meanScore).toBeCloseTo((0.5 + 0.8 + 0.9) / 3);
    expect(r.leaderboard.find((x) => x.id === 4)!.meanScore).toBeNull();
    expect(r.chosen).toEqual([2, 1, 0, 3, 4]);
    expect(r.histories.find((h) => h.id === 2)!.points.map((p) => p.mu)).toEqual([27, 29, 30]);
    expect(r.strip).toMatchObject({ from: -1, to: 5 });
    expect(r.strip.steps.map((s) => s.step)).toEqual([0, 1, 2, 3, 4]);
    expect(r.strip.steps[0]!.entries).toEqual([
      { id: 1, rank: 0, tieGroup: 0, score: 0.6 },
      { id: 0, rank: 1, tieGroup: 1, score: 0.2 },
    ]);
  });

  test("a chosen set and a window; a frozen link sees no later updates", async () => {
    const s = await getRatingsSelection(member(), runId, { programs: [3, 0], from: 1, to: 2 });
    expect(s.chosen).toEqual([3, 0]);
    expect(s.histories.map((h) => h.points.length)).toEqual([1, 2]);
    expect(s.strip.steps.map((x) => x.step)).toEqual([1, 2]);
    const frozen = await getRunRatings({ ...member(), frozenAtStep: 1 }, runId);
    // At step 1: 0 and 1 both have μ − 3σ = 9 (the tie goes to the lower id), 2 its prior 25 − 24 = 1.
    expect(frozen.leaderboard.map((x) => x.id)).toEqual([0, 1, 2]);
    expect(frozen.strip.to).toBe(1);
    expect(frozen.histories.find((h) => h.id === 1)!.points.map((p) => p.step)).toEqual([0, 1]);
    await expect(getRatingsSelection({ projectIds: [] }, runId, {})).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
