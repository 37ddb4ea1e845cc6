/** What every command gets: the database, where to write, and the Ctrl-C signal. */
import type { EnvVars } from "@/lib/server/db/resolve-database";
import type { CliDatabase } from "./cli-database";

export interface CliContext {
  db: CliDatabase;
  /** A line of the command's output (stdout). */
  out(line: string): void;
  /** A remark about what the command does (stderr), kept out of output that scripts capture. */
  note(line: string): void;
  stdout: NodeJS.WritableStream;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM. */
  signal: AbortSignal;
  env: EnvVars;
}
