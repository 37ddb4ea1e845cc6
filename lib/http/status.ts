import { AppError, type AppErrorCode } from "@/lib/errors";

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

export interface ErrorBody {
  error: { code: AppErrorCode | "internal"; message: string; fields?: Record<string, string[]> };
}

/** The single mapping from thrown errors to an HTTP status and a JSON body safe to show a user. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return {
      status: STATUS[error.code],
      body: { error: { code: error.code, message: error.message, fields: error.fields } },
    };
  }
  // Unknown failures are logged server-side; the client sees no internals.
  console.error(error);
  return { status: 500, body: { error: { code: "internal", message: "Internal error" } } };
}
