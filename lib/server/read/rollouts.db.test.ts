import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createRunningRun,
  executeRunDirectly,
  SMALL_RUN_CONFIG,
} from "@/lib/server/runner/testing/execute-run-directly";
import { rolloutPageQuerySchema, type RolloutPageQuery } from "@/lib/domain/rollouts/rollout-filters";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { getHeadToHead } from "./head-to-head";
import { listRollouts } from "./list-rollouts";
import { getRolloutDetail } from "./rollout-detail";
import { getRolloutFilterOptions } from "./rollout-filter-options";

let db: TestDatabase;
let projectId: string;
let runId: string;
let scope: { projectIds: string[] };

// A real simulated run: crossover every step, so every step has recorded winners to compare with.
const CONFIG = {
  ...SMALL_RUN_CONFIG,
  group_size: 3,
  crossover_prob: 1,
  program_selection_strategy: "lucb" as const,
};

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
  runId = await createRunningRun(db.prisma, { projectId, seed: 5, config: CONFIG });
  expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
  scope = { projectIds: [projectId] };
}, 120_000);
afterAll(() => db?.drop());

const query = (input: Record<string, unknown>): RolloutPageQuery => rolloutPageQuerySchema.parse(input);

/** Every page of a listing, following nextCursor. */
async function listAll(input: Record<string, unknown>, s = scope) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await listRollouts(s, runId, query({ ...input, cursor }));
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return { ids, first: await listRollouts(s, runId, query(input)) };
    cursor = page.nextCursor;
  }
  throw new Error("too many pages");
}

async function sqlIds(where: string, params: unknown[], order = "ASC") {
  const { rows } = await db.pool.query<{ id: string }>(
    `SELECT r.id::text AS id FROM rollouts r JOIN programs p ON p.id = r.program_id
     WHERE r.run_id = $1 ${where}
     ORDER BY r.step ${order}, r.split ${order}, r.slot ${order}, r.problem_index ${order}, r.sample_index ${order}`,
    [runId, ...params],
  );
  return rows.map((r) => r.id);
}

describe("listRollouts", () => {
  test("keyset pages cover every rollout once, in index order, both directions", async () => {
    const all = await sqlIds("", []);
    expect(all.length).toBeGreaterThan(100);
    const asc = await listAll({ limit: 37 });
    expect(asc.ids).toEqual(all);
    expect(asc.first.matched).toEqual({ count: all.length, capped: false });
    expect((await listAll({ limit: 41, sort: "newest" })).ids).toEqual([...all].reverse());
  });

  test("each filter and their combinations match the same filter in SQL", async () => {
    const { rows } = await db.pool.query<{ program_id: number; problem_id: number }>(
      `SELECT p.program_id, r.problem_id FROM rollouts r JOIN programs p ON p.id = r.program_id
       WHERE r.run_id = $1 AND r.split = 'train' AND r.step = 3 ORDER BY r.id LIMIT 1`,
      [runId],
    );
    const { program_id: program, problem_id: problem } = rows[0]!;
    const cases: [Record<string, unknown>, string, unknown[]][] = [
      [{ step: 3 }, "AND r.step = $2", [3]],
      [{ program }, "AND p.program_id = $2", [program]],
      [{ problem }, "AND r.problem_id = $2", [problem]],
      [{ split: "test" }, "AND r.split = 'test'", []],
      [{ correct: "yes" }, "AND r.reward > 0", []],
      [{ correct: "no", split: "train" }, "AND r.reward <= 0 AND r.split = 'train'", []],
      [
        { step: 3, program, problem },
        "AND r.step = $2 AND p.program_id = $3 AND r.problem_id = $4",
        [3, program, problem],
      ],
      [
        { step: 3, index: 1, correct: "yes" },
        "AND r.step = $2 AND r.problem_index = 1 AND r.reward > 0",
        [3],
      ],
      [{ program: 999 }, "AND false", []],
    ];
    for (const [filters, where, params] of cases) {
      const expected = await sqlIds(where, params);
      const got = await listAll({ ...filters, limit: 25 });
      expect(got.ids, JSON.stringify(filters)).toEqual(expected);
      expect(got.first.matched.count, JSON.stringify(filters)).toBe(expected.length);
    }
    expect((await sqlIds("AND r.step = $2 AND p.program_id = $3", [3, program])).length).toBeGreaterThan(0);
  });

  test("summaries carry the problem, ground truth and answer, but never the completion", async () => {
    const page = await listRollouts(scope, runId, query({ split: "train", limit: 5 }));
    const row = page.rows[0]!;
    const { rows } = await db.pool.query(
      `SELECT pr.question, pr.answer, r.extracted_answer, r.reward FROM rollouts r
       JOIN problems pr ON pr.id = r.problem_id WHERE r.id = $1`,
      [row.id],
    );
    expect(row.question).toBe(rows[0].question.slice(0, 160));
    expect(row.groundTruth).toBe(rows[0].answer.slice(0, 160));
    expect(row.extractedAnswer).toBe(rows[0].extracted_answer?.slice(0, 160) ?? null);
    expect(row.reward).toBe(rows[0].reward);
    expect(Object.keys(row)).not.toContain("completion");
  });

  test("a frozen share scope sees no step after its step; another project sees no run", async () => {
    const frozen = await listAll({ limit: 50 }, { ...scope, frozenAtStep: 2 } as typeof scope);
    expect(frozen.ids).toEqual(await sqlIds("AND r.step <= 2", []));
    await expect(listRollouts({ projectIds: [] }, runId, query({}))).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(listRollouts(scope, "not-a-uuid", query({}))).rejects.toMatchObject({ code: "not_found" });
  });

  test("a cursor that the list did not hand out is refused", () => {
    expect(rolloutPageQuerySchema.safeParse({ cursor: "garbage" }).success).toBe(false);
    expect(rolloutPageQuerySchema.safeParse({ correct: "maybe" }).success).toBe(false);
  });
});

describe("getRolloutDetail", () => {
  test("loads the completion, problem and principles of one rollout", async () => {
    const { rows } = await db.pool.query(
      `SELECT r.id::text AS id, t.completion, pr.question, pr.answer, p.principles, p.program_id
       FROM rollouts r JOIN rollout_texts t ON t.rollout_id = r.id JOIN programs p ON p.id = r.program_id
       JOIN problems pr ON pr.id = r.problem_id
       WHERE r.run_id = $1 AND jsonb_array_length(p.principles) > 0 ORDER BY r.id DESC LIMIT 1`,
      [runId],
    );
    const detail = await getRolloutDetail(scope, runId, rows[0].id);
    expect(detail).toMatchObject({
      id: rows[0].id,
      completion: rows[0].completion,
      question: rows[0].question,
      groundTruth: rows[0].answer,
      programId: rows[0].program_id,
    });
    expect(detail.principles.map((p) => p.text)).toEqual(
      (rows[0].principles as { text: string }[]).map((p) => p.text),
    );
  });

  test("a rollout of another run, after a frozen step or a malformed id is not found", async () => {
    const other = await createRunningRun(db.prisma, { projectId, seed: 6, config: CONFIG });
    const { rows } = await db.pool.query(
      `SELECT id::text AS id FROM rollouts WHERE run_id = $1 AND step = 5 LIMIT 1`,
      [runId],
    );
    await expect(getRolloutDetail(scope, other, rows[0].id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getRolloutDetail({ ...scope, frozenAtStep: 4 }, runId, rows[0].id)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getRolloutDetail(scope, runId, "1; DROP")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("getHeadToHead", () => {
  test("cell counts equal an independent SQL count per program and problem", async () => {
    for (const step of [0, 4, 7]) {
      const h2h = await getHeadToHead(scope, runId, step);
      const { rows } = await db.pool.query<{
        program_id: number;
        problem_index: number;
        n: number;
        k: number;
      }>(
        `SELECT p.program_id, r.problem_index, count(*)::int AS n, sum(CASE WHEN r.reward > 0 THEN 1 ELSE 0 END)::int AS k
         FROM rollouts r JOIN programs p ON p.id = r.program_id
         WHERE r.run_id = $1 AND r.step = $2 AND r.split = 'train' GROUP BY 1, 2`,
        [runId, step],
      );
      const got = h2h.grid.rows.flatMap((row) =>
        row.cells.flatMap((c) => (c ? [`${row.programId}:${c.problemIndex}:${c.successes}/${c.n}`] : [])),
      );
      expect(got.sort()).toEqual(rows.map((r) => `${r.program_id}:${r.problem_index}:${r.k}/${r.n}`).sort());
      expect(h2h.grid.columns).toHaveLength(CONFIG.batch_size);
      expect(h2h.grid.rankingSource).toBe("stored");
    }
  });

  test("winners are the ones crossover recorded at every step", async () => {
    let compared = 0;
    let won = 0;
    for (let step = 0; step < 8; step++) {
      const h2h = await getHeadToHead(scope, runId, step);
      if (!h2h.recordedWinners) continue;
      compared++;
      won += h2h.grid.columns.filter((c) => c.winnerProgramId !== null).length;
      for (const column of h2h.grid.columns)
        expect(column.winnerProgramId, `step ${step} problem ${column.problemIndex}`).toBe(
          h2h.recordedWinners[column.problemIndex] ?? null,
        );
    }
    expect(compared).toBeGreaterThan(0);
    expect(won).toBeGreaterThan(0);
  });

  test("the latest visible step by default; frozen scopes stop at their step", async () => {
    expect((await getHeadToHead(scope, runId)).step).toBe(7);
    const frozen = await getHeadToHead({ ...scope, frozenAtStep: 3 }, runId, 6);
    expect([frozen.step, frozen.lastStep]).toEqual([3, 3]);
    const options = await getRolloutFilterOptions(scope, runId);
    expect(options.lastStep).toBe(7);
    expect(options.programs.length).toBeGreaterThan(1);
  });
});

describe("afterStep: what a live view does not hold yet", () => {
  test("a page says through which step it reads; afterStep returns exactly the later steps' rows", async () => {
    const { rows } = await db.pool.query<{ max: number }>(
      "SELECT max(step)::int AS max FROM rollouts WHERE run_id = $1",
      [runId],
    );
    const last = rows[0]!.max;
    expect(last).toBeGreaterThan(0);
    const whole = await listRollouts(scope, runId, query({ sort: "newest" }));
    expect(whole.throughStep).toBe(last);
    const newer = await listRollouts(
      scope,
      runId,
      query({ sort: "newest", afterStep: String(last - 1), limit: "200" }),
    );
    expect(newer.rows.map((r) => r.id)).toEqual(await sqlIds("AND r.step > $2", [last - 1], "DESC"));
    expect(newer.matched.count).toBe(newer.rows.length);
    expect(newer.throughStep).toBe(last);
    const none = await listRollouts(scope, runId, query({ split: "train", afterStep: String(last) }));
    expect(none.rows).toEqual([]);
    expect(none.matched.count).toBe(0);
    // A frozen share link reads through its own step only.
    const frozen = await listRollouts({ ...scope, frozenAtStep: last - 1 }, runId, query({}));
    expect(frozen.throughStep).toBe(last - 1);
  });
});
