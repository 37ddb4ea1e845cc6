import "server-only";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ProgramOrigin } from "@/lib/generated/prisma/enums";
import { parsePrinciples, type StoredPrinciple } from "@/lib/view/prompts/principles";
import type { ProgramListQuery } from "@/lib/domain/prompts/query";
import { likePattern } from "@/lib/domain/prompts/search-pattern";
import { findScopedRun } from "../scoped-run";

export interface ProgramListItem {
  programId: number;
  origin: ProgramOrigin;
  birthStep: number;
  evictedAtStep: number | null;
  mu: number;
  sigma: number;
  principleCount: number;
  /** The principles that contain the search text (all of them, up to a few, without a search). */
  shown: StoredPrinciple[];
}

export interface ProgramList {
  /** Matching programs, counted up to COUNT_CAP. */
  total: number;
  /** More than COUNT_CAP matched (the total shows the cap). */
  totalCapped: boolean;
  page: number;
  pageSize: number;
  items: ProgramListItem[];
}

const SHOWN = 3;
/** Counting every match of a word most programs contain costs a recheck per row; beyond this, "1,000+". */
export const COUNT_CAP = 1_000;

interface Row {
  program_id: number;
  origin: ProgramOrigin;
  birth_step: number;
  evicted_at_step: number | null;
  mu: number;
  sigma: number;
  principles: unknown;
}

/**
 * A page of the run's programs, newest first, optionally only those whose principle text contains `q`
 * (case-insensitive substring). The search runs in PostgreSQL on principles_search_text(principles),
 * which a trigram GIN index serves (migration 20261203510000_principle_search).
 */
export async function listPrograms(
  scope: ReadScope,
  runId: string,
  query: ProgramListQuery,
): Promise<ProgramList> {
  const run = await findScopedRun(scope, runId);
  const prisma = getPrisma();
  const offset = (query.page - 1) * query.pageSize;
  const pattern = query.q ? likePattern(query.q) : null;
  // Two statements, not one "$1 IS NULL OR …": a generic plan for that could never use the index.
  const where = Prisma.sql`run_id = ${run.id}::uuid AND birth_step <= ${run.maxStep}::int ${
    pattern ? Prisma.sql`AND principles_search_text(principles) LIKE ${pattern}::text` : Prisma.empty
  }`;
  // Counted apart from the page, and only up to the cap: a window count would recheck every match.
  const counted = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM programs WHERE ${where} LIMIT ${COUNT_CAP + 1}::int) AS capped`;
  const n = counted[0]?.n ?? 0;
  const page = Prisma.sql`
    SELECT program_id, origin, birth_step, evicted_at_step, mu, sigma, principles FROM programs WHERE ${where}
    ORDER BY program_id DESC LIMIT ${query.pageSize}::int OFFSET ${offset}::int`;
  // A word most programs contain makes the trigram index useless for a newest-first page: walking the
  // (run_id, program_id) index backwards stops after one page of matches instead of rechecking them all.
  const rows =
    pattern && n > COUNT_CAP
      ? await prisma.$transaction(async (tx) => {
          // The planner's estimate for a LIKE on the expression is tiny whatever the word, so it would
          // otherwise scan the whole table and sort.
          await tx.$executeRaw`SET LOCAL enable_bitmapscan = off`;
          await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
          return tx.$queryRaw<Row[]>(page);
        })
      : await prisma.$queryRaw<Row[]>(page);
  const needle = query.q?.toLowerCase();
  const items = rows.map((r): ProgramListItem => {
    const principles = parsePrinciples(r.principles);
    const shown = needle ? principles.filter((p) => p.text.toLowerCase().includes(needle)) : principles;
    return {
      programId: r.program_id,
      origin: r.origin,
      birthStep: r.birth_step,
      evictedAtStep: r.evicted_at_step,
      mu: r.mu,
      sigma: r.sigma,
      principleCount: principles.length,
      shown: shown.slice(0, SHOWN),
    };
  });
  return {
    total: Math.min(n, COUNT_CAP),
    totalCapped: n > COUNT_CAP,
    page: query.page,
    pageSize: query.pageSize,
    items,
  };
}
