import "server-only";
/**
 * The OpenAPI 3.1 document of /api/v1, generated from the catalogue's zod schemas with zod's own
 * z.toJSONSchema (the input side: what a client sends, before defaults and transforms).
 */
import { z } from "zod";
import { errorBodySchema } from "@/lib/domain/api-v1/api-v1-schemas";
import { API_OPERATIONS, type ApiOperation } from "./catalogue";

type JsonSchema = Record<string, unknown>;

/** Requests are described as a client sends them (before defaults and transforms), answers as sent. */
const toSchema = (schema: z.ZodType, io: "input" | "output" = "input"): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
};

function requestBody(op: ApiOperation) {
  if (op.body)
    return {
      requestBody: { required: true, content: { "application/json": { schema: toSchema(op.body) } } },
    };
  if (op.upload) {
    const file = { schema: { type: "string", format: "binary" } };
    return {
      requestBody: {
        required: true,
        description: op.upload.description,
        content: Object.fromEntries(op.upload.mediaTypes.map((type) => [type, file])),
      },
    };
  }
  return {};
}

/** Query schemas become one parameter per property. */
function queryParameters(schema: z.ZodType) {
  const json = toSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1]!,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
}

const ERROR_RESPONSES: Record<string, string> = {
  "400": "the input is invalid (code bad_request; fields name each problem)",
  "401": "no credential, or an unknown, expired or revoked token (unauthenticated)",
  "403": "the role is too low for this (forbidden)",
  "404": "not found, or outside the credential's projects (not_found)",
  "409": "the request conflicts with the current state (conflict)",
  "429": "too many requests with this token (rate_limited)",
};

function describeOperation(op: ApiOperation) {
  const error = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  const success = op.response.mediaTypes
    ? Object.fromEntries(op.response.mediaTypes.map((type) => [type, {}]))
    : { "application/json": op.response.schema ? { schema: toSchema(op.response.schema, "output") } : {} };
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: `Access: ${op.access}.`,
    ...(op.access === "anyone" ? { security: [] } : {}),
    parameters: [...pathParameters(op.path), ...(op.query ? queryParameters(op.query) : [])],
    ...requestBody(op),
    responses: {
      "200": { description: op.response.description, content: success },
      ...Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([status, description]) => [status, { description, ...error }]),
      ),
    },
  };
}

export function buildOpenApiDocument(operations: readonly ApiOperation[] = API_OPERATIONS) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method.toLowerCase()] = describeOperation(op);
  return {
    openapi: "3.1.0",
    info: {
      title: "E-SPL Studio API",
      version: "1",
      description:
        "Send a personal access token or a project service token (Settings → API tokens) as " +
        "`Authorization: Bearer espl_…`. A token reaches one project with its role; the rules are the " +
        "browser's. Errors share one JSON shape with a stable `code`.",
    },
    security: [{ bearerToken: [] }],
    components: {
      securitySchemes: { bearerToken: { type: "http", scheme: "bearer" } },
      schemas: { Error: toSchema(errorBodySchema) },
    },
    paths,
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
