import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { critiqueSearchQuerySchema } from "@/lib/domain/rollouts/critique-search";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { searchCritiques } from "./search-critiques";

let db: TestDatabase;
let projectId: string;
let runA: string;
let runB: string;
/** llm_calls ids by role. */
const calls: Record<string, string> = {};

async function createRun(name: string): Promise<string> {
  const run = await db.prisma.run.create({
    data: {
      projectId,
      name,
      trainMode: "evolution_rl",
      config: {},
      seed: 1,
      status: "running",
      currentStep: 3,
    },
  });
  return run.id;
}

/** One evolution event at `step` (mutating `parent`) with the given calls, as the step writer stores them. */
async function addEvent(runId: string, step: number, parent: number, replies: [string, string, string][]) {
  const { rows } = await db.pool.query<{ id: number }>(
    `INSERT INTO evolution_events (run_id, step, kind, status, parent_program_ids)
     VALUES ($1, $2, 'mutation', 'ok', $3::int[]) RETURNING id`,
    [runId, step, [parent]],
  );
  for (const [ordinal, [role, purpose, reply]] of replies.entries()) {
    const { rows: call } = await db.pool.query<{ id: string }>(
      `INSERT INTO llm_calls (event_id, ordinal, purpose, prompt, raw_reply) VALUES ($1, $2, $3, 'prompt', $4)
       RETURNING id::text`,
      [rows[0]!.id, ordinal + 1, purpose, reply],
    );
    calls[role] = call[0]!.id;
  }
  return rows[0]!.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
  runA = await createRun("A");
  runB = await createRun("B");
  await addEvent(runA, 1, 0, [
    ["summaryA", "mutation.summary", "The attempts kept forgetting to carry the remainder."],
    ["weak", "critique", "Add a principle: check units before answering."],
    // Native runs name the purpose after the engine's request, imported runs after the reference's file.
    [
      "strong",
      "mutation.critique",
      "The remainder was dropped; carry the remainder, always carry the remainder.",
    ],
  ]);
  await addEvent(runA, 2, 4, [
    ["later", "critique", "Carrying the remainder again went wrong."],
    ["hostile", "critique", 'A <script>alert("x")</script> \u0001remainder\u0002 <b>bold</b> & more'],
  ]);
  await addEvent(runB, 1, 0, [["otherRun", "critique", "Carry the remainder in run B too."]]);
}, 60_000);
afterAll(() => db?.drop());

const search = (input: Record<string, unknown>, runId = runA, scope: object = { projectIds: [projectId] }) =>
  searchCritiques(scope as { projectIds: string[] }, runId, critiqueSearchQuerySchema.parse(input));

describe("full-text search over critiques", () => {
  test("finds the run's critiques by a stemmed word, best match first, and no other reply", async () => {
    const got = await search({ q: "carried remainders" });
    // The summary says "carry the remainder" too, but only critiques are searched; run B's is not A's.
    expect(got.rows.map((r) => r.callId)).toEqual([calls.strong, calls.later]);
    expect(got.matched).toEqual({ count: 2, capped: false });
    expect(got.rows[0]).toMatchObject({ step: 1, kind: "mutation", parentProgramIds: [0], ordinal: 3 });
    expect(got.rows.map((r) => r.callId)).not.toContain(calls.otherRun);
    expect(got.searchHasNoWords).toBe(false);
  });

  test("another run's search and another project's scope see only their own", async () => {
    expect((await search({ q: "remainder" }, runB)).rows.map((r) => r.callId)).toEqual([calls.otherRun]);
    await expect(search({ q: "remainder" }, runA, { projectIds: [] })).rejects.toMatchObject({
      code: "not_found",
    });
    // A share link held back to step 1 does not see step 2's critiques.
    const held = await search({ q: "remainder" }, runA, { projectIds: [projectId], frozenAtStep: 1 });
    expect(held.rows.map((r) => r.step)).toEqual([1]);
  });

  test("step and program filters narrow the hits", async () => {
    expect((await search({ q: "remainder", step: "2" })).rows.map((r) => r.step)).toEqual([2, 2]);
    expect((await search({ q: "remainder", program: "4" })).rows.map((r) => r.callId).sort()).toEqual(
      [calls.later, calls.hostile].sort(),
    );
    expect((await search({ q: "remainder", program: "9" })).rows).toEqual([]);
  });

  test("pages by rank never skip or repeat a hit", async () => {
    const all = (await search({ q: "remainder" })).rows.map((r) => r.callId);
    expect(all).toHaveLength(3);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const got = await search({ q: "remainder", limit: "1", cursor });
      seen.push(...got.rows.map((r) => r.callId));
      if (!got.nextCursor) break;
      cursor = got.nextCursor;
    }
    expect(seen).toEqual(all);
  });

  test("the highlight marks the words only, never the reply's own marker characters", async () => {
    const strong = (await search({ q: "remainder", step: "1" })).rows[0]!;
    expect(strong.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toContain("remainder");
    const hostile = (await search({ q: "bold", step: "2" })).rows[0]!;
    expect(hostile.callId).toBe(calls.hostile);
    const text = hostile.snippet.map((p) => p.text).join("");
    // The reply's own marker characters are dropped, so its fake "hit" stays plain text.
    expect(text).not.toMatch(/[\u0001-\u0003]/);
    expect(hostile.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(["bold"]);
    expect(hostile.snippet.find((p) => p.text.includes("remainder"))?.hit).toBe(false);
  });

  test("a search of only common words says so; an empty one is refused", async () => {
    expect((await search({ q: "the" })).searchHasNoWords).toBe(true);
    expect(critiqueSearchQuerySchema.safeParse({ q: "  " }).success).toBe(false);
  });
});
