import "server-only";
/**
 * One page of a run's rollouts for the rollouts browser: summaries only (the completion text stays in
 * rollout_texts until a rollout is opened), filtered by step, program, problem, split and correctness,
 * and paged by keyset in the order of the rollouts table's unique index (run, step, split, slot,
 * problem, sample). A program filter walks rollouts_program_keyset_idx in the same order, so a page
 * costs about the same at rollout 400,000 as at rollout one, whatever the filters.
 */
import type { ReadScope } from "@/lib/auth/scope";
import { getPrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  COUNT_CAP,
  encodeCursor,
  type RolloutKey,
  type RolloutPageQuery,
} from "@/lib/rollouts/rollout-filters";
import { findScopedRun, maxVisibleStep } from "./scoped-run";

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
}

export interface RolloutPage {
  rows: RolloutSummary[];
  nextCursor: string | null;
  /** Matching rollouts, counted up to COUNT_CAP; `capped` when there are more. */
  matched: { count: number; capped: boolean };
}

interface RawRow extends Omit<RolloutSummary, "id"> {
  id: bigint;
}

/** The program's row id in this run, or null when the run has no such pool id (then nothing matches). */
async function findProgramRowId(runId: string, programId: number): Promise<number | null> {
  const row = await getPrisma().program.findUnique({
    where: { runId_programId: { runId, programId } },
    select: { id: true },
  });
  return row?.id ?? null;
}

function buildWhere(runId: string, maxStep: number, q: RolloutPageQuery, programRowId: number | null) {
  const parts: Prisma.Sql[] = [Prisma.sql`r.run_id = ${runId}::uuid`, Prisma.sql`r.step <= ${maxStep}::int`];
  // With a program filter the run is implied by the program row, and leading with program_id lets the
  // planner take rollouts_program_keyset_idx in keyset order.
  if (q.program !== undefined) parts.push(Prisma.sql`r.program_id = ${programRowId ?? -1}::int`);
  if (q.step !== undefined) parts.push(Prisma.sql`r.step = ${q.step}::int`);
  if (q.problem !== undefined) parts.push(Prisma.sql`r.problem_id = ${q.problem}::int`);
  if (q.index !== undefined) parts.push(Prisma.sql`r.problem_index = ${q.index}::int`);
  if (q.split !== undefined) parts.push(Prisma.sql`r.split = ${q.split}::split`);
  if (q.correct === "yes") parts.push(Prisma.sql`r.reward > 0`);
  if (q.correct === "no") parts.push(Prisma.sql`r.reward <= 0`);
  return parts;
}

function keysetCondition(order: "asc" | "desc", key: RolloutKey): Prisma.Sql {
  const [step, split, slot, problemIndex, sampleIndex] = key;
  const tuple = Prisma.sql`(${step}::int, ${split}::split, ${slot}::int, ${problemIndex}::int, ${sampleIndex}::int)`;
  return order === "asc"
    ? Prisma.sql`(r.step, r.split, r.slot, r.problem_index, r.sample_index) > ${tuple}`
    : Prisma.sql`(r.step, r.split, r.slot, r.problem_index, r.sample_index) < ${tuple}`;
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
  const filters = buildWhere(runId, maxVisibleStep(scope), q, programRowId);
  const pageWhere = Prisma.join(
    q.cursor ? [...filters, keysetCondition(q.order, q.cursor)] : filters,
    " AND ",
  );
  const direction = q.order === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const [rows, counted] = await Promise.all([
    prisma.$queryRaw<RawRow[]>`
      SELECT r.id, r.step, r.split::text AS split, r.slot, p.program_id AS "programId", r.problem_id AS "problemId",
        r.problem_index AS "problemIndex", r.sample_index AS "sampleIndex", r.reward, r.advantage, r.trained,
        r.prompt_tokens AS "promptTokens", r.completion_tokens AS "completionTokens",
        r.completion_chars AS "completionChars", left(r.extracted_answer, ${SNIPPET_CHARS}::int) AS "extractedAnswer",
        left(pr.question, ${SNIPPET_CHARS}::int) AS question, left(pr.answer, ${SNIPPET_CHARS}::int) AS "groundTruth"
      FROM rollouts r
        JOIN programs p ON p.id = r.program_id
        LEFT JOIN problems pr ON pr.id = r.problem_id
      WHERE ${pageWhere}
      ORDER BY r.step ${direction}, r.split ${direction}, r.slot ${direction}, r.problem_index ${direction},
        r.sample_index ${direction}
      LIMIT ${q.limit + 1}::int`,
    prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (
        SELECT 1 FROM rollouts r WHERE ${Prisma.join(filters, " AND ")} LIMIT ${COUNT_CAP + 1}::int
      ) t`,
  ]);
  const page = rows.slice(0, q.limit).map((r) => ({ ...r, id: r.id.toString() }));
  const last = page.at(-1);
  const n = Number(counted[0]?.n ?? 0);
  return {
    rows: page,
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor([last.step, last.split, last.slot, last.problemIndex, last.sampleIndex])
        : null,
    matched: { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP },
  };
}
