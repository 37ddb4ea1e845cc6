import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createRunningRun,
  executeRunDirectly,
  SMALL_RUN_CONFIG,
} from "@/lib/server/runner/testing/execute-run-directly";
import { rolloutPageQuerySchema } from "@/lib/domain/rollouts/rollout-filters";
import { HIGHLIGHT_MARKERS } from "@/lib/domain/rollouts/highlight-parts";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { listRollouts } from "./list-rollouts";

let db: TestDatabase;
let runId: string;
let scope: { projectIds: string[] };
/** Rollouts whose completions this file rewrote, by role. */
const ids: Record<"boil" | "stir" | "decoy" | "hostile", string> = {
  boil: "",
  stir: "",
  decoy: "",
  hostile: "",
};

const CONFIG = {
  ...SMALL_RUN_CONFIG,
  group_size: 3,
  n_epochs: 1,
};

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
  runId = await createRunningRun(db.prisma, { projectId, seed: 11, config: CONFIG });
  expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
  scope = { projectIds: [projectId] };
  const { rows } = await db.pool.query<{ id: string }>(
    "SELECT id::text AS id FROM rollouts WHERE run_id = $1 ORDER BY id LIMIT 4 OFFSET 7",
    [runId],
  );
  const texts = {
    boil: "First the wort. Then the yeast keeps fermenting for a week, and we wait patiently.",
    stir: "It ferments. The fermenter hums.",
    decoy: "Fermium is element 100; nothing here brews.",
    hostile: 'A <script>alert("x")</script> \u0001tag\u0002 and fermenting <b>bold</b> & more',
  };
  for (const [i, role] of (["boil", "stir", "decoy", "hostile"] as const).entries()) {
    ids[role] = rows[i]!.id;
    await db.pool.query("UPDATE rollout_texts SET completion = $2 WHERE rollout_id = $1", [
      ids[role],
      texts[role],
    ]);
  }
}, 120_000);
afterAll(() => db?.drop());

const page = (input: Record<string, unknown>) =>
  listRollouts(scope, runId, rolloutPageQuerySchema.parse(input));

/** Every page of a listing, following nextCursor. */
async function listAll(input: Record<string, unknown>) {
  const rows: Awaited<ReturnType<typeof page>>["rows"] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const got = await page({ ...input, cursor });
    rows.push(...got.rows);
    if (!got.nextCursor) return rows;
    cursor = got.nextCursor;
  }
  throw new Error("too many pages");
}

async function sqlIds(sql: string, params: unknown[]) {
  return (await db.pool.query<{ id: string }>(sql, [runId, ...params])).rows.map((r) => r.id);
}

describe("full-text search over completions", () => {
  test("finds completions by a stemmed word and misses the others", async () => {
    const got = await page({ q: "fermented" });
    expect(got.rows.map((r) => r.id).sort()).toEqual([ids.boil, ids.stir, ids.hostile].sort());
    expect(got.matched).toEqual({ count: 3, capped: false });
    expect(got.searchHasNoWords).toBe(false);
    // The same set as PostgreSQL's own match over the stored texts (the index answers the route).
    expect(
      await sqlIds(
        `SELECT r.id::text AS id FROM rollouts r JOIN rollout_texts t ON t.rollout_id = r.id
         WHERE r.run_id = $1 AND to_tsvector('english', t.completion) @@ websearch_to_tsquery('english', $2)`,
        ["fermented"],
      ).then((x) => x.sort()),
    ).toEqual(got.rows.map((r) => r.id).sort());
    expect((await page({ q: "fermium" })).rows.map((r) => r.id)).toEqual([ids.decoy]);
    expect((await page({ q: "fermented -week" })).rows.map((r) => r.id).sort()).toEqual(
      [ids.stir, ids.hostile].sort(),
    );
  });

  test("highlight parts mark exactly the matched words, as plain text", async () => {
    const got = await page({ q: "ferment" });
    const byId = new Map(got.rows.map((r) => [r.id, r.snippet!]));
    const hits = (id: string) =>
      byId
        .get(id)!
        .filter((p) => p.hit)
        .map((p) => p.text);
    expect(hits(ids.boil)).toEqual(["fermenting"]);
    expect(hits(ids.stir)).toEqual(["ferments", "fermenter"]);
    expect(hits(ids.hostile)).toEqual(["fermenting"]);
    for (const parts of byId.values())
      for (const part of parts)
        for (const marker of HIGHLIGHT_MARKERS) expect(part.text).not.toContain(marker);
    // The snippet is the completion's own words around the hit.
    expect(
      byId
        .get(ids.boil)!
        .map((p) => p.text)
        .join(""),
    ).toContain("yeast keeps fermenting for a week");
    // Without a search there is no snippet.
    expect((await page({ limit: 1 })).rows[0]!.snippet).toBeNull();
  });

  test("a hostile or wordless query is an empty result (or a plain 400 from the schema), never a failure", async () => {
    // No word to look for: an empty page that says so.
    for (const q of [`'&|!:(`, "the", "!!!", "\\", "& | !"]) {
      expect(await page({ q }), q).toMatchObject({ rows: [], searchHasNoWords: true, nextCursor: null });
    }
    // Operators and quotes in web-search syntax are words and signs, never a syntax error.
    for (const q of [`"unclosed`, "a & b | c", "fermenting:*", "(fermenting", "-"]) {
      const got = await page({ q });
      expect(
        got.rows.some((r) => r.id === ids.decoy),
        q,
      ).toBe(false);
    }
    expect((await page({ q: "(fermenting" })).rows.length).toBe(3);
    expect(await page({ q: `'&|!:(` })).toMatchObject({ rows: [], searchHasNoWords: true, nextCursor: null });
    const tooLong = rolloutPageQuerySchema.safeParse({ q: "x".repeat(201) });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error!.issues[0]!.path).toEqual(["q"]);
    const matchWithout = rolloutPageQuerySchema.safeParse({ sort: "match" });
    expect(matchWithout.error!.issues[0]).toMatchObject({
      path: ["sort"],
      message: expect.stringMatching(/search/),
    });
  });
});

describe("problem text filter", () => {
  test("matches a substring of the problem, case-insensitive, wildcards taken literally", async () => {
    const { rows } = await db.pool.query<{ question: string }>(
      `SELECT pr.question FROM rollouts r JOIN problems pr ON pr.id = r.problem_id WHERE r.run_id = $1 LIMIT 1`,
      [runId],
    );
    const needle = rows[0]!.question.slice(2, 12).toUpperCase();
    const expected = await sqlIds(
      `SELECT r.id::text AS id FROM rollouts r JOIN problems pr ON pr.id = r.problem_id
       WHERE r.run_id = $1 AND strpos(lower(pr.question), lower($2)) > 0
       ORDER BY r.step, r.split, r.slot, r.problem_index, r.sample_index`,
      [needle],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect((await listAll({ question: needle, limit: 9 })).map((r) => r.id)).toEqual(expected);
    // "%" and "_" are characters, not wildcards: no problem holds them, so nothing matches.
    for (const wild of ["%", "_", "\\%"]) expect((await page({ question: wild })).rows).toEqual([]);
  });
});

describe("sorts", () => {
  test("best: reward, then newest; newest is oldest reversed; pages cover each row once", async () => {
    const order = "r.step DESC, r.split DESC, r.slot DESC, r.problem_index DESC, r.sample_index DESC";
    const best = await sqlIds(
      `SELECT r.id::text AS id FROM rollouts r WHERE r.run_id = $1 ORDER BY r.reward DESC, ${order}`,
      [],
    );
    expect(best.length).toBeGreaterThan(50);
    expect((await listAll({ sort: "best", limit: 13 })).map((r) => r.id)).toEqual(best);
    const oldest = (await listAll({ limit: 17 })).map((r) => r.id);
    expect((await listAll({ sort: "newest", limit: 11 })).map((r) => r.id)).toEqual([...oldest].reverse());
    const rewards = (await page({ sort: "best", limit: 200 })).rows.map((r) => r.reward);
    expect(new Set(rewards).size).toBeGreaterThan(1);
    expect(rewards).toEqual([...rewards].sort((a, b) => b - a));
  });

  test("match: by search rank, then id; with filters and pages", async () => {
    const expected = await sqlIds(
      `SELECT r.id::text AS id FROM rollouts r JOIN rollout_texts t ON t.rollout_id = r.id
       WHERE r.run_id = $1 AND t.search @@ websearch_to_tsquery('english', $2)
       ORDER BY ts_rank(t.search, websearch_to_tsquery('english', $2)) DESC, r.id DESC`,
      ["ferment"],
    );
    expect(expected[0]).toBe(ids.stir); // two hits rank first
    expect((await listAll({ q: "ferment", sort: "match", limit: 1 })).map((r) => r.id)).toEqual(expected);
    expect((await listAll({ q: "ferment", sort: "best", limit: 1 })).length).toBe(expected.length);
    // A cursor of one sort is refused by another.
    const first = await page({ q: "ferment", sort: "match", limit: 1 });
    expect(
      rolloutPageQuerySchema.safeParse({ q: "ferment", sort: "oldest", cursor: first.nextCursor }).success,
    ).toBe(false);
  });
});
