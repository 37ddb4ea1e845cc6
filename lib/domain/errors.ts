/**
 * Typed application errors. Code throws these; lib/server/http/status.ts is the one place that maps them to
 * HTTP statuses, so routes and server actions report failures the same way.
 */
export type AppErrorCode =
  "bad_request" | "unauthenticated" | "forbidden" | "not_found" | "conflict" | "rate_limited" | "unavailable";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field-level messages, e.g. from zod, keyed by dotted path. */
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, fields?: Record<string, string[]>) =>
  new AppError("bad_request", message, fields);
export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const conflict = (message: string) => new AppError("conflict", message);
export const unavailable = (message: string) => new AppError("unavailable", message);
export const unauthenticated = (message = "sign in to continue") => new AppError("unauthenticated", message);
export const forbidden = (message = "your role in this project does not allow this") =>
  new AppError("forbidden", message);
export const rateLimited = (message: string) => new AppError("rate_limited", message);

// An absolute POSIX path of two or more segments where a path starts (text start, a space, a quote or
// an opening bracket: not inside a word, URL or pattern like data/<domain>/), or a Windows drive path.
const SERVER_PATH =
  /(?<=^|[\s"'`(=[])\/(?:[^\s/"'`<>|:;,()[\]{}]+\/)+[^\s/"'`<>|:;,()[\]{}]*|\b[A-Za-z]:\\[^\s"'`<>|]+/g;

/**
 * The message with server paths cut down to their last name: filesystem errors and checks name the
 * temporary folders an upload is unpacked into, which say nothing useful to a user and map the server.
 */
export function scrubServerPaths(message: string): string {
  return message.replace(SERVER_PATH, (path) => {
    const name = path
      .replace(/[\\/]+$/, "")
      .split(/[\\/]/)
      .pop();
    return name ? `…/${name}` : "…";
  });
}
