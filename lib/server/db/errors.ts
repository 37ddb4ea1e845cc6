import "server-only";

/** The database could not be brought up; the message is meant for a person, not a stack trace. */
export class DatabaseStartError extends Error {
  override name = "DatabaseStartError";
}
