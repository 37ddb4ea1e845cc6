import "server-only";
/**
 * The full-text searches' shared SQL (completions in list-rollouts.ts, critiques in search-critiques.ts):
 * the query as PostgreSQL parses a web search, and ts_headline's highlighted excerpt of a text, marked
 * with the control characters of highlight-parts.ts (removed from the text first, so only
 * PostgreSQL's marks remain and the browser renders the parts as text, never as markup).
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { getPrisma } from "@/lib/server/db/client";
import { FRAGMENT_GAP, HIGHLIGHT_MARKERS, HIT_END, HIT_START } from "@/lib/domain/rollouts/highlight-parts";

/** ts_headline reads this much of a text (a match past it shows the text's start unmarked). */
const HEADLINE_CHARS = 30_000;
const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, FragmentDelimiter=${FRAGMENT_GAP}, MaxFragments=2, MaxWords=16, MinWords=6`;

export const tsQuery = (q: string) => Prisma.sql`websearch_to_tsquery('english', ${q})`;

/** The highlighted excerpt of `text` (an SQL expression) for the search `q`. */
export function headlineSql(text: Prisma.Sql, q: string): Prisma.Sql {
  return Prisma.sql`ts_headline('english', translate(left(${text}, ${HEADLINE_CHARS}::int), ${HIGHLIGHT_MARKERS}, ''),
    ${tsQuery(q)}, ${HEADLINE_OPTIONS})`;
}

/** Whether the search holds a word to look for (websearch_to_tsquery drops punctuation and stop words). */
export async function searchHasWords(q: string): Promise<boolean> {
  const rows = await getPrisma().$queryRaw<{ n: number }[]>`SELECT numnode(${tsQuery(q)}) AS n`;
  return Number(rows[0]?.n ?? 0) > 0;
}
