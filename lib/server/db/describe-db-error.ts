/**
 * Database errors in plain words. Prisma's messages start with a newline and quote the calling source
 * ("Invalid `prisma.run.create()` invocation in …"), which is noise at best and, cut at its first line,
 * an empty message: `espl: error: ` said nothing when an integer column overflowed. A person is told
 * what kind of problem it was; the code stays for whoever reads the logs.
 */
import "server-only";

const PLAIN_WORDS: Record<string, string> = {
  P2000: "a value is too long for the database",
  P2002: "it already exists",
  P2003: "it refers to something that does not exist",
  P2020: "a number is too large for the database",
  P2024: "the database is busy (no connection came free in time); try again",
  P2025: "it was not found",
  P2034: "a concurrent change conflicted with it; try again",
  P1001: "the database cannot be reached",
  P1002: "the database did not answer in time",
  P1008: "the database did not answer in time",
  P1017: "the database closed the connection",
};

// PostgreSQL SQLSTATE classes for errors that did not come through Prisma (pg, raw queries).
const SQLSTATE_WORDS: Record<string, string> = {
  "22003": "a number is too large for the database",
  "22001": "a value is too long for the database",
  "23505": "it already exists",
  "23503": "it refers to something that does not exist",
  "57P01": "the database closed the connection",
  "53300": "the database has too many connections; try again",
};

function codeOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : null;
}

/** True for Prisma's client errors, by name: importing their classes would load the generated client. */
function isPrismaError(error: unknown): boolean {
  return error instanceof Error && error.name.startsWith("PrismaClient");
}

/** Plain words for a database error, or null when the error is not one. */
export function describeDatabaseError(error: unknown): string | null {
  const code = codeOf(error);
  if (isPrismaError(error)) {
    const words = (code && PLAIN_WORDS[code]) ?? "the database refused the request";
    return code ? `${words} (database error ${code})` : words;
  }
  if (code && /^[0-9A-Z]{5}$/.test(code) && SQLSTATE_WORDS[code])
    return `${SQLSTATE_WORDS[code]} (database error ${code})`;
  return null;
}

/** The first line of a message that says something; messages may start with blank lines. */
export function firstMeaningfulLine(message: string): string {
  return (
    message
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line !== "") ?? ""
  );
}
