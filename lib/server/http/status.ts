import "server-only";
import { randomBytes } from "node:crypto";
import { AppError, scrubServerPaths, type AppErrorCode } from "@/lib/domain/errors";

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
  error: {
    code: AppErrorCode | "internal";
    message: string;
    fields?: Record<string, string[]>;
    /** Unexpected failures only: the id the server logged the failure under, to quote when reporting it. */
    requestId?: string;
  };
}

/** A short id for one failed request, printed in the server log and shown to the user. */
export const newRequestId = () => randomBytes(6).toString("hex");

function scrubFields(fields: Record<string, string[]> | undefined): Record<string, string[]> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.map(scrubServerPaths)]));
}

/**
 * The single mapping from thrown errors to an HTTP status and a JSON body safe to show a user. Typed
 * errors keep their words (server paths scrubbed); anything else (a database refusal, a bug) is logged
 * here with its stack under a fresh request id, and the user sees plain words and that id, never the
 * raw message.
 */
export function toErrorResponse(
  error: unknown,
  requestId = newRequestId(),
): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return {
      status: STATUS[error.code],
      body: {
        error: {
          code: error.code,
          message: scrubServerPaths(error.message),
          fields: scrubFields(error.fields),
        },
      },
    };
  }
  console.error(`[request ${requestId}] unexpected error:`, error);
  return {
    status: 500,
    body: {
      error: {
        code: "internal",
        message: `Something went wrong on our side (request id ${requestId}). It has been logged; quote the id when reporting it.`,
        requestId,
      },
    },
  };
}
