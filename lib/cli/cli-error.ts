/**
 * An error the CLI reports as one line on stderr, without a stack trace, and exits with. Anything else
 * that escapes a command is a bug or an outage, and is reported as such (exit 1).
 */
import { describeDatabaseError, firstMeaningfulLine } from "@/lib/server/db/describe-db-error";
import { AppError } from "@/lib/domain/errors";

/** 0 done; 1 the run failed or was cancelled, or an operational error; 2 the request was refused. */
export const EXIT = { ok: 0, failed: 1, refused: 2, interrupted: 130 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.refused,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** A bad command line: the message and where to read the usage. */
export function usageError(message: string, command?: string): CliError {
  return new CliError(`${message} (see espl ${command ? `${command} ` : ""}--help)`);
}

/** How any error ends the process: a single line and an exit code. */
export function describeError(error: unknown): { line: string; exitCode: number } {
  if (error instanceof CliError) return { line: error.message, exitCode: error.exitCode };
  // Refusals from lib/ (bad input, unknown run, invalid transition) are the user's to fix: exit 2.
  if (error instanceof AppError) {
    const exitCode = error.code === "unavailable" ? EXIT.failed : EXIT.refused;
    return { line: error.message, exitCode };
  }
  const database = describeDatabaseError(error);
  if (database !== null) return { line: `error: ${database}`, exitCode: EXIT.failed };
  const message = firstMeaningfulLine(error instanceof Error ? error.message : String(error));
  // Never an empty line: a message-less error still says what kind it was.
  const named = error instanceof Error && error.name !== "Error" ? error.name : "an unexpected error";
  return { line: `error: ${message || named}`, exitCode: EXIT.failed };
}
