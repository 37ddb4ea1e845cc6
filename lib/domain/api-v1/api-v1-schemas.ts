/**
 * The query strings of /api/v1 that are its own (cursor pages, group lookup); everything else reuses the
 * dashboard's schemas as they are. The OpenAPI document is generated from these same objects
 * (lib/server/api-v1/openapi.ts).
 */
import { z } from "zod";
import { EXPORT_FORMATS } from "@/lib/domain/export-formats";
import { runListQuerySchema } from "@/lib/domain/runs/list/list-query";

export const API_PAGE_LIMIT = { default: 50, max: 100 } as const;

export const cursorSchema = z.string().min(1).max(200).optional().describe("nextCursor of the previous page");
export const limitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(API_PAGE_LIMIT.max)
  .default(API_PAGE_LIMIT.default)
  .describe("rows per page");

/** The runs list's filters (the dashboard's), paged by cursor instead of page numbers. */
export const runPageQuerySchema = runListQuerySchema
  .pick({ q: true, status: true, mode: true, tag: true })
  .extend({ cursor: cursorSchema, limit: limitSchema });

export type RunPageQuery = z.output<typeof runPageQuerySchema>;

export const groupListQuerySchema = z.object({
  name: z.string().trim().min(1).max(200).optional().describe("only the group with this exact name"),
  cursor: cursorSchema,
  limit: limitSchema,
});

export type GroupListQuery = z.output<typeof groupListQuerySchema>;

export const runExportQuerySchema = z.object({ format: z.enum(EXPORT_FORMATS) });

/** The one error shape of every route (lib/server/http/status.ts writes it). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum([
      "bad_request",
      "unauthenticated",
      "forbidden",
      "not_found",
      "conflict",
      "rate_limited",
      "unavailable",
      "internal",
    ]),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
    requestId: z.string().optional(),
  }),
});
