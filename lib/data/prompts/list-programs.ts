import "server-only";
import type { ReadScope } from "@/lib/auth/scope";
import { getPrisma } from "@/lib/db/client";
import type { ProgramOrigin } from "@/lib/generated/prisma/enums";
import { parsePrinciples, type StoredPrinciple } from "@/lib/prompts/principles";
import type { ProgramListQuery } from "@/lib/prompts/query";
import { findScopedRun } from "./scoped-run";

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
  total: number;
  page: number;
  pageSize: number;
  items: ProgramListItem[];
}

const SHOWN = 3;

/** `%`, `_` and `\` are LIKE syntax; a search for them means the characters themselves. */
function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface Row {
  program_id: number;
  origin: ProgramOrigin;
  birth_step: number;
  evicted_at_step: number | null;
  mu: number;
  sigma: number;
  principles: unknown;
  total: bigint;
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
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT program_id, origin, birth_step, evicted_at_step, mu, sigma, principles, count(*) OVER () AS total
    FROM programs
    WHERE run_id = ${run.id}::uuid AND birth_step <= ${run.maxStep}::int
      AND (${pattern}::text IS NULL OR principles_search_text(principles) LIKE ${pattern}::text)
    ORDER BY program_id DESC
    LIMIT ${query.pageSize}::int OFFSET ${offset}::int`;
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
  // An offset past the end returns no rows and so no window count; count separately only then.
  const total =
    rows.length > 0
      ? Number(rows[0]!.total)
      : offset === 0
        ? 0
        : Number(
            (
              await prisma.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM programs
          WHERE run_id = ${run.id}::uuid AND birth_step <= ${run.maxStep}::int
            AND (${pattern}::text IS NULL OR principles_search_text(principles) LIKE ${pattern}::text)`
            )[0]!.n,
          );
  return { total, page: query.page, pageSize: query.pageSize, items };
}
