/**
 * Ratings in replay: scrubbed to step s, every program's μ and σ are those of its last rating update
 * by s (the prior before its first update, if not rated yet), not the final ones; selections, mean
 * scores and evictions count only what had happened by s; a frozen share link cannot replay past its
 * step.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { getRatingsAt } from "./ratings-at";
import { getRunLineage } from "./run-lineage";
import { getRunRatings } from "./run-ratings";

let db: TestDatabase;
let projectId: string;
let runId: string;
const STEPS = 8;

// Program 0 rated every step; program 1 born at step 2 and rated from step 3; program 2 born at 5,
// evicted at 7. μ moves by a known amount per update so every step's value differs from the final one.
const muAfter = (pid: number, step: number) => 25 + pid * 2 + step * 0.5;
const sigmaAfter = (pid: number, step: number) => 8 - step * 0.4 - pid * 0.1;
const rated = (pid: number, step: number) => (pid === 0 ? true : pid === 1 ? step >= 3 : step >= 5);

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "Replay", slug: "replay" } })).id;
  runId = (
    await db.prisma.run.create({
      data: {
        projectId,
        name: "r",
        status: "completed",
        trainMode: "evolution_rl",
        config: {},
        seed: 1,
        totalSteps: STEPS,
      },
    })
  ).id;
  const births = [-1, 2, 5];
  const rows: { id: number }[] = [];
  for (const [pid, birthStep] of births.entries()) {
    const final = STEPS - 1;
    rows.push(
      await db.prisma.program.create({
        data: {
          runId,
          programId: pid,
          principles: [],
          origin: pid === 0 ? "root" : "mutation",
          birthStep,
          evictedAtStep: pid === 2 ? 7 : null,
          mu: muAfter(pid, final),
          sigma: sigmaAfter(pid, final),
          timesSelected: 99,
        },
      }),
    );
  }
  await db.prisma.step.createMany({
    data: Array.from({ length: STEPS }, (_, step) => ({
      runId,
      step,
      epoch: 0,
      metrics: {},
      selectedProgramIds: [0, ...(step >= 3 ? [1] : []), ...(step >= 5 ? [2, 2] : [])],
      startedAt: new Date(),
    })),
  });
  await db.prisma.ratingUpdate.createMany({
    data: Array.from({ length: STEPS }).flatMap((_, step) =>
      [0, 1, 2]
        .filter((pid) => rated(pid, step))
        .map((pid) => ({
          runId,
          step,
          programId: rows[pid]!.id,
          muBefore: step === 0 || !rated(pid, step - 1) ? 25 : muAfter(pid, step - 1),
          sigmaBefore: step === 0 || !rated(pid, step - 1) ? 8.3 : sigmaAfter(pid, step - 1),
          muAfter: muAfter(pid, step),
          sigmaAfter: sigmaAfter(pid, step),
          score: (step + pid) / 10,
          rank: pid,
          tieGroup: pid,
        })),
    ),
  });
});

afterAll(async () => {
  await db?.drop();
});

const member = () => ({ projectIds: [projectId] });

describe("getRatingsAt", () => {
  test("at each step, μ/σ are the last update by then and only programs born by then appear", async () => {
    for (let s = 0; s < STEPS; s++) {
      const at = await getRatingsAt(member(), runId, s);
      expect(at.step).toBe(s);
      const born = [0, 1, 2].filter((pid) => [-1, 2, 5][pid]! <= s);
      expect(at.programs.map((p) => p.id)).toEqual(born);
      for (const p of at.programs) {
        if (rated(p.id, s)) {
          expect(p.mu).toBeCloseTo(muAfter(p.id, s), 10);
          expect(p.sigma).toBeCloseTo(sigmaAfter(p.id, s), 10);
        } else {
          // Born but not rated yet: the prior its first update started from.
          expect([p.mu, p.sigma]).toEqual([25, 8.3]);
        }
      }
    }
  });

  test("selections, mean scores and evictions as of the step", async () => {
    const at4 = await getRatingsAt(member(), runId, 4);
    const byId = new Map(at4.programs.map((p) => [p.id, p]));
    expect(byId.get(0)).toMatchObject({ timesSelected: 5, evictedAtStep: null });
    expect(byId.get(0)!.meanScore).toBeCloseTo((0 + 1 + 2 + 3 + 4) / 5 / 10, 10);
    expect(byId.get(1)).toMatchObject({ timesSelected: 2 });
    expect(byId.get(1)!.meanScore).toBeCloseTo((4 + 5) / 2 / 10, 10);
    const at6 = await getRatingsAt(member(), runId, 6);
    expect(at6.programs.find((p) => p.id === 2)).toMatchObject({ timesSelected: 4, evictedAtStep: null });
    const at7 = await getRatingsAt(member(), runId, 7);
    expect(at7.programs.find((p) => p.id === 2)!.evictedAtStep).toBe(7);
  });

  test("the last step gives the final rows the leaderboard and lineage show", async () => {
    const at = await getRatingsAt(member(), runId, STEPS - 1);
    const board = await getRunRatings(member(), runId);
    for (const row of board.leaderboard) {
      const p = at.programs.find((x) => x.id === row.id)!;
      expect([p.mu, p.sigma]).toEqual([row.mu, row.sigma]);
    }
  });

  test("a frozen share link replays at most its step; other projects see nothing", async () => {
    const frozen = { projectIds: [projectId], runIds: [runId], frozenAtStep: 3 };
    const at = await getRatingsAt(frozen, runId, 6);
    expect(at.step).toBe(3);
    expect(at.programs.map((p) => p.id)).toEqual([0, 1]);
    // And the frozen lineage (sharing the same as-of-step query) agrees with the replay at its step.
    const lineage = await getRunLineage(frozen, runId);
    for (const n of lineage.nodes) {
      const p = at.programs.find((x) => x.id === n.id)!;
      expect([n.mu, n.sigma, n.timesSelected]).toEqual([p.mu, p.sigma, p.timesSelected]);
    }
    await expect(getRatingsAt({ projectIds: [] }, runId, 3)).rejects.toMatchObject({ code: "not_found" });
  });
});
