/**
 * The Prompts and Evolution data functions on a real simulated run (crossover and eviction included)
 * executed into a real PostgreSQL, plus hand-made rows for search edge cases and a failed reply.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getDefaultConfig } from "@/lib/espl/config";
import { createRunningRun, executeRunDirectly } from "@/lib/server/runner/testing/execute-run-directly";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { getEventChain } from "../evolution/event-chain";
import { listEvolutionEvents } from "../evolution/list-events";
import { getLlmCallText } from "../evolution/llm-call-text";
import { COUNT_CAP, listPrograms } from "./list-programs";
import { loadAncestorIds, loadChain } from "./load-chain";
import { getProgramDetail } from "./program-detail";
import { getProgramDiff } from "./program-diff";

let db: TestDatabase;
let projectId: string;
let otherProjectId: string;
let runId: string;
let scope: ReadScope;

const CONFIG = {
  ...getDefaultConfig(),
  dataset_size: 24,
  batch_size: 4,
  group_size: 2,
  test_group_size: 2,
  n_epochs: 2,
  max_pool_size: 4,
  choose_from_most_recent: 4,
  crossover_prob: 1,
  program_selection_strategy: "lucb" as const,
};

const listQuery = { page: 1, pageSize: 50 };

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  projectId = (await db.prisma.project.create({ data: { name: "P", slug: "p" } })).id;
  otherProjectId = (await db.prisma.project.create({ data: { name: "Q", slug: "q" } })).id;
  runId = await createRunningRun(db.prisma, { projectId, seed: 5, config: CONFIG });
  expect(await executeRunDirectly(db.prisma, runId)).toEqual({ kind: "completed" });
  scope = { projectIds: [projectId] };
}, 120_000);
afterAll(() => db.drop());

async function childEvents() {
  return db.prisma.evolutionEvent.findMany({
    where: { runId, childId: { not: null } },
    select: { id: true, kind: true, child: { select: { programId: true } } },
    orderBy: { id: "asc" },
  });
}

describe("provenance on a real run", () => {
  test("the run evolved by both operators and evicted programs", async () => {
    const events = await childEvents();
    expect(events.some((e) => e.kind === "mutation")).toBe(true);
    expect(events.some((e) => e.kind === "crossover")).toBe(true);
    expect(await db.prisma.program.count({ where: { runId, evictedAtStep: { not: null } } })).toBeGreaterThan(
      0,
    );
  });

  test("every stored child is derived from its operations, never by guessing from texts", async () => {
    const seen = new Set<string>();
    for (const event of await childEvents()) {
      const ids = await loadAncestorIds(db.prisma, runId, event.child!.programId, 1e9, 1);
      expect(ids).toHaveLength(2);
      const chain = await loadChain(db.prisma, ids.map((i) => i.rowId).reverse());
      expect(chain[1]!.eventId).toBe(event.id);
      expect(chain[1]!.hop!.alignedBy, `event ${event.id} (${event.kind})`).toBe("provenance");
      for (const e of chain[1]!.hop!.entries) if (e.operation) seen.add(`${e.operation.stage}:${e.kind}`);
    }
    // Not vacuous: the run's operations introduced and rewrote principles through each kind of reply.
    expect(seen).toContain("critique:added");
    expect(seen).toContain("crossover:added");
    expect([...seen].some((k) => k.startsWith("revision:"))).toBe(true);
  });

  test("each principle's last change points at a stored event of an ancestor, with its operation", async () => {
    const newest = (await childEvents()).at(-1)!;
    const detail = await getProgramDetail(scope, runId, newest.child!.programId);
    expect(detail.eventId).toBe(newest.id);
    const changes = detail.principles.map((p) => p.lastChange).filter((c) => c !== null);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      const event = await db.prisma.evolutionEvent.findUnique({
        where: { id: change!.eventId! },
        select: { child: { select: { programId: true } }, step: true },
      });
      expect(event?.child?.programId).toBe(change!.programId);
      expect(event?.step).toBe(change!.step);
      expect(change!.operation).not.toBeNull();
    }
  });

  test("a principle's history walks back to where it was introduced", async () => {
    const newest = (await childEvents()).at(-1)!;
    const detail = await getProgramDetail(scope, runId, newest.child!.programId, "G0");
    const history = detail.selected!.history;
    expect(history.end).toBe("introduced");
    const origin = history.steps.at(-1)!;
    expect(["added", "merged"]).toContain(origin.kind);
    // Every hop's text is the principle's text in that program.
    for (const step of history.steps) {
      const program = await db.prisma.program.findFirst({ where: { runId, programId: step.programId } });
      expect(
        (program!.principles as { id: string; text: string }[]).find((p) => p.id === step.principleId)?.text,
      ).toBe(step.text);
    }
  });

  test("diffing a child against its parent agrees with the event's own hop", async () => {
    for (const event of (await childEvents()).slice(0, 6)) {
      const chain = await getEventChain(scope, runId, { event: event.id });
      const parent = chain.parents[0]!.programId;
      const diff = await getProgramDiff(scope, runId, parent, chain.child!.programId);
      expect(diff.commonAncestor).toBe(parent);
      expect(diff.alignedBy).toBe("provenance");
      const entries = chain.hop!.entries;
      const count = (pred: (e: (typeof entries)[number]) => boolean) => entries.filter(pred).length;
      expect(diff.diff.counts.added).toBe(
        count((e) => e.kind === "added" || (e.kind === "merged" && e.sources.length === 0)),
      );
      expect(diff.diff.counts.merged).toBe(count((e) => e.kind === "merged" && e.sources.length > 0));
      expect(diff.diff.counts.modified).toBe(count((e) => e.kind === "modified"));
      expect(diff.diff.counts.unchanged).toBe(count((e) => e.kind === "unchanged"));
      expect(diff.diff.counts.removed).toBe(chain.hop!.removed.length);
    }
  });
});

describe("reflection chain", () => {
  test("a mutation chain lists the mutated slot's rollouts and its calls without their texts", async () => {
    const event = (await childEvents()).find((e) => e.kind === "mutation")!;
    const chain = await getEventChain(scope, runId, { event: event.id });
    expect(chain.rollouts!.problems.length).toBe(CONFIG.batch_size);
    expect(chain.rollouts!.problems.every((p) => p.rewards.length === CONFIG.group_size)).toBe(true);
    expect(chain.calls.some((c) => c.stage === "revision")).toBe(true);
    for (const call of chain.calls) {
      expect(call).not.toHaveProperty("prompt");
      expect((call.replyPreview ?? "").length).toBeLessThanOrEqual(280);
    }
    const text = await getLlmCallText(scope, runId, BigInt(chain.calls.at(-1)!.id));
    expect(text.prompt.length).toBe(chain.calls.at(-1)!.promptChars);
  });

  test("a crossover chain is found by its child and has per-problem winners", async () => {
    const event = (await childEvents()).find((e) => e.kind === "crossover")!;
    const chain = await getEventChain(scope, runId, { child: event.child!.programId });
    expect(chain.event.id).toBe(event.id);
    expect(chain.winners).toHaveLength(CONFIG.batch_size);
    expect(chain.winners.some((w) => w.programId !== null)).toBe(true);
    expect(chain.includedSlots.length).toBeGreaterThanOrEqual(2);
    expect(chain.calls.map((c) => c.stage)).toEqual(["crossover"]);
  });

  test("events filter by kind, status and step; other projects see nothing", async () => {
    const crossovers = await listEvolutionEvents(scope, runId, { ...listQuery, kind: "crossover" });
    expect(crossovers.total).toBeGreaterThan(0);
    expect(crossovers.items.every((e) => e.kind === "crossover")).toBe(true);
    const step1 = await listEvolutionEvents(scope, runId, { ...listQuery, step: 1 });
    expect(step1.items.every((e) => e.step === 1)).toBe(true);
    const all = await listEvolutionEvents(scope, runId, listQuery);
    expect(step1.total).toBeLessThan(all.total);
    const other = { projectIds: [otherProjectId] };
    await expect(listEvolutionEvents(other, runId, listQuery)).rejects.toMatchObject({ code: "not_found" });
    const callId = BigInt(all.items[0]!.id); // any id: the run is out of scope first
    await expect(getLlmCallText(other, runId, callId)).rejects.toMatchObject({ code: "not_found" });
  });

  test("a share link frozen at a step sees no later events or programs", async () => {
    const frozen = { projectIds: [projectId], runIds: [runId], frozenAtStep: 1 };
    const events = await listEvolutionEvents(frozen, runId, listQuery);
    expect(events.items.every((e) => e.step <= 1)).toBe(true);
    const programs = await listPrograms(frozen, runId, listQuery);
    expect(programs.items.every((p) => p.birthStep <= 1)).toBe(true);
  });
});

describe("principle search", () => {
  let searchRun: string;
  beforeAll(async () => {
    const run = await db.prisma.run.create({
      data: { projectId, name: "search", trainMode: "evolution", config: {}, seed: 1 },
    });
    searchRun = run.id;
    await db.prisma.program.createMany({
      data: [
        { principles: [{ id: "G0", text: "Reduce modulo 9 first." }], programId: 0 },
        { principles: [{ id: "G0", text: "Aim for 100% coverage_of cases." }], programId: 1 },
        {
          principles: [
            { id: "G0", text: "Check PARITY." },
            { id: "G1", text: "Bound it." },
          ],
          programId: 2,
        },
        ...Array.from({ length: 60 }, (_, i) => ({
          principles: [{ id: "G0", text: `Filler principle ${i}.` }],
          programId: 3 + i,
        })),
      ].map((p) => ({ ...p, runId: searchRun, origin: "mutation" as const, birthStep: 0, mu: 25, sigma: 8 })),
    });
  });

  test("finds a substring case-insensitively and shows only the matching principles", async () => {
    const list = await listPrograms(scope, searchRun, { ...listQuery, q: "parity" });
    expect(list.total).toBe(1);
    expect(list.items[0]!.programId).toBe(2);
    expect(list.items[0]!.shown.map((p) => p.text)).toEqual(["Check PARITY."]);
    expect(list.items[0]!.principleCount).toBe(2);
  });

  test("LIKE wildcards in the search are literal characters", async () => {
    expect((await listPrograms(scope, searchRun, { ...listQuery, q: "100%" })).total).toBe(1);
    expect((await listPrograms(scope, searchRun, { ...listQuery, q: "e_of" })).total).toBe(1);
    expect((await listPrograms(scope, searchRun, { ...listQuery, q: "%" })).total).toBe(1);
    expect((await listPrograms(scope, searchRun, { ...listQuery, q: "modulo_9" })).total).toBe(0);
  });

  test("pages newest first with a total, also past the last page", async () => {
    const page1 = await listPrograms(scope, searchRun, { page: 1, pageSize: 25 });
    expect(page1.total).toBe(63);
    expect(page1.items[0]!.programId).toBe(62);
    const page3 = await listPrograms(scope, searchRun, { page: 3, pageSize: 25 });
    expect(page3.items.map((p) => p.programId).at(-1)).toBe(0);
    const beyond = await listPrograms(scope, searchRun, { page: 9, pageSize: 25 });
    expect(beyond).toMatchObject({ total: 63, items: [] });
  });

  test("a word in more programs than the count cap is capped and still pages newest first", async () => {
    const run = await db.prisma.run.create({
      data: { projectId, name: "common", trainMode: "evolution", config: {}, seed: 1 },
    });
    await db.pool.query(
      `INSERT INTO programs (run_id, program_id, principles, origin, birth_step, mu, sigma)
       SELECT $1, i, jsonb_build_array(jsonb_build_object('id', 'G0', 'text', 'A common idea ' || i)), 'mutation', 0, 25, 8
       FROM generate_series(0, $2::int) i`,
      [run.id, COUNT_CAP + 5],
    );
    const list = await listPrograms(scope, run.id, { page: 2, pageSize: 10, q: "COMMON idea" });
    expect(list).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    expect(list.items.map((p) => p.programId)).toEqual(
      Array.from({ length: 10 }, (_, i) => COUNT_CAP + 5 - 10 - i),
    );
  });

  test("the search is served by the trigram index", async () => {
    await db.pool.query("SET enable_seqscan = off");
    const { rows } = await db.pool.query(
      `EXPLAIN SELECT program_id FROM programs WHERE principles_search_text(principles) LIKE '%parity%'`,
    );
    await db.pool.query("RESET enable_seqscan");
    expect(rows.map((r: { "QUERY PLAN": string }) => r["QUERY PLAN"]).join("\n")).toContain(
      "programs_principles_search_idx",
    );
  });

  test("programs without a common ancestor are diffed by text", async () => {
    const diff = await getProgramDiff(scope, searchRun, 2, 0);
    expect(diff.alignedBy).toBe("text");
    expect(diff.diff.counts).toMatchObject({ added: 1, removed: 2 });
  });
});
