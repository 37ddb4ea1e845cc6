import "server-only";
/**
 * One page of a run's rollouts for the rollouts browser: summaries only (the completion text stays in
 * rollout_texts until a rollout is opened, save a highlighted snippet when searching), filtered by step,
 * program, problem, problem text, split, correctness and a full-text search over the completions, and
 * paged by keyset. Sorts: oldest/newest walk the rollouts table's unique index (run, step, split, slot,
 * problem, sample), so a page costs about the same at rollout 400,000 as at rollout one; best orders by
 * reward then newest; match by search rank. Every sort ends in a unique tuple, so pages never overlap.
 * A page covers the steps up to its `throughStep`, so a live view can ask for only the rollouts after it
 * (`afterStep`) and add them to what it holds (lib/client/live/merge-newer-rollouts.ts).
 */
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  COUNT_CAP,
  encodeCursor,
  type RolloutCursor,
  type RolloutKey,
  type RolloutPageQuery,
} from "@/lib/domain/rollouts/rollout-filters";
import { splitHeadline, type HighlightPart } from "@/lib/domain/rollouts/highlight-parts";
import { findScopedRun, maxVisibleStep } from "./scoped-run";
import { headlineSql, searchHasWords, tsQuery } from "./search-headline";

/** Text columns of a summary are cut to this many characters; the detail has them whole. */
const SNIPPET_CHARS = 160;

export interface RolloutSummary {
  /** rollouts.id as a string (bigint). */
  id: string;
  step: number;
  split: "train" | "test";
  slot: number;
  programId: number;
  problemId: number | null;
  problemIndex: number;
  sampleIndex: number;
  reward: number;
  advantage: number | null;
  trained: boolean;
  promptTokens: number | null;
  completionTokens: number | null;
  completionChars: number;
  extractedAnswer: string | null;
  question: string | null;
  groundTruth: string | null;
  /** With a search: where the completion matches, as text parts (hits flagged); null without one. */
  snippet: HighlightPart[] | null;
}

export interface RolloutPage {
  rows: RolloutSummary[];
  nextCursor: string | null;
  /** Matching rollouts, counted up to COUNT_CAP; `capped` when there are more. */
  matched: { count: number; capped: boolean };
  /** The search holds no word to look for (only punctuation or common words such as "the"). */
  searchHasNoWords: boolean;
  /**
   * The run's newest step with rollouts when the page was read (null: none yet); rows and count cover
   * the steps up to it, so `afterStep: throughStep` asks for exactly what this page could not hold.
   */
  throughStep: number | null;
}

interface RawRow extends Omit<RolloutSummary, "id" | "snippet"> {
  id: bigint;
  rank: number | null;
}

/** The program's row id in this run, or null when the run has no such pool id (then nothing matches). */
async function findProgramRowId(runId: string, programId: number): Promise<number | null> {
  const row = await getPrisma().program.findUnique({
    where: { runId_programId: { runId, programId } },
    select: { id: true },
  });
  return row?.id ?? null;
}

/** A LIKE pattern matching `text` anywhere, its wildcards and escape character taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function buildWhere(runId: string, maxStep: number, q: RolloutPageQuery, programRowId: number | null) {
  const parts: Prisma.Sql[] = [Prisma.sql`r.run_id = ${runId}::uuid`, Prisma.sql`r.step <= ${maxStep}::int`];
  if (q.afterStep !== undefined) parts.push(Prisma.sql`r.step > ${q.afterStep}::int`);
  // With a program filter the run is implied by the program row, and leading with program_id lets the
  // planner take rollouts_program_keyset_idx in keyset order.
  if (q.program !== undefined) parts.push(Prisma.sql`r.program_id = ${programRowId ?? -1}::int`);
  if (q.step !== undefined) parts.push(Prisma.sql`r.step = ${q.step}::int`);
  if (q.problem !== undefined) parts.push(Prisma.sql`r.problem_id = ${q.problem}::int`);
  if (q.index !== undefined) parts.push(Prisma.sql`r.problem_index = ${q.index}::int`);
  if (q.split !== undefined) parts.push(Prisma.sql`r.split = ${q.split}::split`);
  if (q.correct === "yes") parts.push(Prisma.sql`r.reward > 0`);
  if (q.correct === "no") parts.push(Prisma.sql`r.reward <= 0`);
  if (q.question !== undefined)
    parts.push(
      Prisma.sql`r.problem_id IN (SELECT pq.id FROM problems pq WHERE pq.question ILIKE ${containsPattern(q.question)})`,
    );
  // The GIN index on rollout_texts.search answers this; rollouts without a stored text never match.
  if (q.q !== undefined) parts.push(Prisma.sql`t.search @@ ${tsQuery(q.q)}`);
  return parts;
}

const KEY_COLUMNS = Prisma.sql`r.step, r.split, r.slot, r.problem_index, r.sample_index`;

function keyTuple([step, split, slot, problemIndex, sampleIndex]: RolloutKey): Prisma.Sql {
  return Prisma.sql`${step}::int, ${split}::split, ${slot}::int, ${problemIndex}::int, ${sampleIndex}::int`;
}

/** The ts_rank of a row for the search (float8, so a cursor's JSON number compares exactly). */
const rankOf = (q: string) => Prisma.sql`ts_rank(t.search, ${tsQuery(q)})::float8`;

function orderBy(q: RolloutPageQuery): Prisma.Sql {
  switch (q.sort) {
    case "oldest":
      return Prisma.sql`r.step ASC, r.split ASC, r.slot ASC, r.problem_index ASC, r.sample_index ASC`;
    case "newest":
      return Prisma.sql`r.step DESC, r.split DESC, r.slot DESC, r.problem_index DESC, r.sample_index DESC`;
    case "best":
      return Prisma.sql`r.reward DESC, r.step DESC, r.split DESC, r.slot DESC, r.problem_index DESC, r.sample_index DESC`;
    case "match":
      return Prisma.sql`rank DESC, r.id DESC`;
  }
}

function afterCursor(q: RolloutPageQuery, cursor: RolloutCursor): Prisma.Sql {
  switch (cursor.sort) {
    case "oldest":
      return Prisma.sql`(${KEY_COLUMNS}) > (${keyTuple(cursor.key)})`;
    case "newest":
      return Prisma.sql`(${KEY_COLUMNS}) < (${keyTuple(cursor.key)})`;
    case "best":
      return Prisma.sql`(r.reward, ${KEY_COLUMNS}) < (${cursor.reward}::float8, ${keyTuple(cursor.key)})`;
    case "match":
      return Prisma.sql`(${rankOf(q.q ?? "")}, r.id) < (${cursor.rank}::float8, ${cursor.id}::bigint)`;
  }
}

function cursorOf(sort: RolloutPageQuery["sort"], row: RawRow): RolloutCursor {
  const key = [row.step, row.split, row.slot, row.problemIndex, row.sampleIndex] as const;
  if (sort === "best") return { sort, reward: row.reward, key: [...key] };
  if (sort === "match") return { sort, rank: row.rank ?? 0, id: row.id.toString() };
  return { sort, key: [...key] };
}

/**
 * The page's highlighted snippets, one ts_headline per row (only the page's rows pay for it), from the
 * text with the characters that mark hits removed, so only PostgreSQL's marks remain.
 */
async function findHeadlines(q: string, rows: RawRow[]): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const found = await getPrisma().$queryRaw<{ id: bigint; headline: string }[]>`
    SELECT t.rollout_id AS id, ${headlineSql(Prisma.sql`t.completion`, q)} AS headline
    FROM rollout_texts t WHERE t.rollout_id = ANY(${rows.map((r) => r.id)}::bigint[])`;
  return new Map(found.map((h) => [h.id.toString(), h.headline]));
}

/** Rollout summaries of one run, one page at a time. A run outside the scope is "not found". */
export async function listRollouts(
  scope: ReadScope,
  runId: string,
  q: RolloutPageQuery,
): Promise<RolloutPage> {
  await findScopedRun(scope, runId);
  const prisma = getPrisma();
  const programRowId = q.program === undefined ? null : await findProgramRowId(runId, q.program);
  // Read first, so the rows and the count below (other statements, other snapshots) stop at the same
  // step even when one commits meanwhile: a step's rollouts are written in one transaction.
  const [{ through }] = await prisma.$queryRaw<[{ through: number | null }]>`
    SELECT max(step) AS through FROM rollouts WHERE run_id = ${runId}::uuid AND step <= ${maxVisibleStep(scope)}::int`;
  const filters = buildWhere(runId, through ?? -1, q, programRowId);
  const pageWhere = Prisma.join(q.cursor ? [...filters, afterCursor(q, q.cursor)] : filters, " AND ");
  const texts = q.q === undefined ? Prisma.empty : Prisma.sql`JOIN rollout_texts t ON t.rollout_id = r.id`;
  const rank = q.q === undefined ? Prisma.sql`NULL::float8` : rankOf(q.q);
  const [rows, counted, hasWords] = await Promise.all([
    prisma.$queryRaw<RawRow[]>`
      SELECT r.id, r.step, r.split::text AS split, r.slot, p.program_id AS "programId", r.problem_id AS "problemId",
        r.problem_index AS "problemIndex", r.sample_index AS "sampleIndex", r.reward, r.advantage, r.trained,
        r.prompt_tokens AS "promptTokens", r.completion_tokens AS "completionTokens",
        r.completion_chars AS "completionChars", left(r.extracted_answer, ${SNIPPET_CHARS}::int) AS "extractedAnswer",
        left(pr.question, ${SNIPPET_CHARS}::int) AS question, left(pr.answer, ${SNIPPET_CHARS}::int) AS "groundTruth",
        ${rank} AS rank
      FROM rollouts r
        JOIN programs p ON p.id = r.program_id
        LEFT JOIN problems pr ON pr.id = r.problem_id
        ${texts}
      WHERE ${pageWhere}
      ORDER BY ${orderBy(q)}
      LIMIT ${q.limit + 1}::int`,
    prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (
        SELECT 1 FROM rollouts r ${texts} WHERE ${Prisma.join(filters, " AND ")} LIMIT ${COUNT_CAP + 1}::int
      ) t`,
    q.q === undefined ? Promise.resolve(true) : searchHasWords(q.q),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const n = Number(counted[0]?.n ?? 0);
  const headlines = q.q === undefined ? new Map<string, string>() : await findHeadlines(q.q, page);
  return {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the rank only feeds the cursor
    rows: page.map(({ rank, ...r }) => {
      const id = r.id.toString();
      const headline = headlines.get(id);
      return { ...r, id, snippet: q.q === undefined ? null : splitHeadline(headline ?? "") };
    }),
    nextCursor: rows.length > q.limit && last ? encodeCursor(cursorOf(q.sort, last)) : null,
    matched: { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP },
    searchHasNoWords: !hasWords,
    throughStep: through,
  };
}
