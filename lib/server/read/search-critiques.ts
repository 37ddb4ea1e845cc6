import "server-only";
/**
 * Full-text search over a run's reflection critiques (llm_calls of purpose 'mutation.critique', or
 * 'critique' when imported), one page at a time by search rank: the GIN index on llm_calls.search finds
 * the matching replies, the event scopes them to the run (and its visible steps), and each hit carries a
 * highlighted excerpt and what it links to: its evolution event and the rollouts it critiqued (the
 * event's step and first parent).
 */
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { EvolutionKind } from "@/lib/generated/prisma/enums";
import { COUNT_CAP } from "@/lib/domain/rollouts/rollout-filters";
import { encodeCritiqueCursor, type CritiqueSearchQuery } from "@/lib/domain/rollouts/critique-search";
import { splitHeadline, type HighlightPart } from "@/lib/domain/rollouts/highlight-parts";
import { findScopedRun, maxVisibleStep } from "./scoped-run";
import { headlineSql, searchHasWords, tsQuery } from "./search-headline";

export interface CritiqueHit {
  /** llm_calls.id as a string (bigint). */
  callId: string;
  /** Position of the call within its event (1-based as stored). */
  ordinal: number;
  eventId: number;
  step: number;
  kind: EvolutionKind;
  /** Pool ids of the event's parents: the mutated program, or the crossover's sets. */
  parentProgramIds: number[];
  childProgramId: number | null;
  /** Where the critique matches, as text parts (hits flagged). */
  snippet: HighlightPart[];
}

export interface CritiquePage {
  rows: CritiqueHit[];
  nextCursor: string | null;
  matched: { count: number; capped: boolean };
  searchHasNoWords: boolean;
}

interface RawHit extends Omit<CritiqueHit, "callId" | "snippet"> {
  callId: bigint;
  rank: number;
  reply: string | null;
  headline: string | null;
}

export async function searchCritiques(
  scope: ReadScope,
  runId: string,
  q: CritiqueSearchQuery,
): Promise<CritiquePage> {
  await findScopedRun(scope, runId);
  const prisma = getPrisma();
  const rank = Prisma.sql`ts_rank(c.search, ${tsQuery(q.q)})::float8`;
  const filters: Prisma.Sql[] = [
    Prisma.sql`e.run_id = ${runId}::uuid`,
    Prisma.sql`e.step <= ${maxVisibleStep(scope)}::int`,
    Prisma.sql`c.search @@ ${tsQuery(q.q)}`,
  ];
  if (q.step !== undefined) filters.push(Prisma.sql`e.step = ${q.step}::int`);
  if (q.program !== undefined) filters.push(Prisma.sql`${q.program}::int = ANY(e.parent_program_ids)`);
  const page = q.cursor
    ? [...filters, Prisma.sql`(${rank}, c.id) < (${q.cursor.rank}::float8, ${q.cursor.id}::bigint)`]
    : filters;
  const [rows, counted, hasWords] = await Promise.all([
    // ts_headline runs in the outer query, on the page's rows only.
    prisma.$queryRaw<RawHit[]>`
      SELECT h.*, ${headlineSql(Prisma.sql`h.reply`, q.q)} AS headline FROM (
        SELECT c.id AS "callId", c.ordinal, e.id AS "eventId", e.step, e.kind::text AS kind,
          e.parent_program_ids AS "parentProgramIds", ch.program_id AS "childProgramId",
          c.raw_reply AS reply, ${rank} AS rank
        FROM llm_calls c
          JOIN evolution_events e ON e.id = c.event_id
          LEFT JOIN programs ch ON ch.id = e.child_id
        WHERE ${Prisma.join(page, " AND ")}
        ORDER BY rank DESC, c.id DESC
        LIMIT ${q.limit + 1}::int
      ) h ORDER BY h.rank DESC, h."callId" DESC`,
    prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (
        SELECT 1 FROM llm_calls c JOIN evolution_events e ON e.id = c.event_id
        WHERE ${Prisma.join(filters, " AND ")} LIMIT ${COUNT_CAP + 1}::int
      ) t`,
    searchHasWords(q.q),
  ]);
  const shown = rows.slice(0, q.limit);
  const last = shown.at(-1);
  const n = Number(counted[0]?.n ?? 0);
  return {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- rank and reply only feed the cursor and headline
    rows: shown.map(({ rank, headline, reply, ...hit }) => ({
      ...hit,
      callId: hit.callId.toString(),
      snippet: splitHeadline(headline ?? ""),
    })),
    nextCursor:
      rows.length > q.limit && last ? encodeCritiqueCursor(last.rank, last.callId.toString()) : null,
    matched: { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP },
    searchHasNoWords: !hasWords,
  };
}
