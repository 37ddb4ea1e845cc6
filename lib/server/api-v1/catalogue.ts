import "server-only";
/**
 * Every operation of /api/v1, with the zod schemas its route validates with: the routes under
 * app/api/v1 take their schemas from here, and the OpenAPI document (openapi.ts) is generated from the
 * same objects, so the document cannot describe an input the server does not check. A db test checks
 * that every route handler under app/api/v1 has exactly one operation here.
 */
import type { z } from "zod";
import { evaluationExportQuerySchema } from "@/lib/domain/evaluations/evaluation-export";
import { evaluationSpecSchema } from "@/lib/domain/evaluations/evaluation-spec";
import { experimentGroupQuerySchema } from "@/lib/domain/experiments/group-query";
import { experimentControlSchema } from "@/lib/domain/experiments/launch-spec";
import { runControlBodySchema } from "@/lib/domain/runs/run-control-input";
import {
  groupListQuerySchema,
  runExportQuerySchema,
  runPageQuerySchema,
} from "@/lib/domain/api-v1/api-v1-schemas";
import {
  externalRunCreateSchema,
  externalRunFinishSchema,
  externalStepSchema,
} from "@/lib/domain/api-v1/external-run-schemas";
import { apiGroupLaunchSchema } from "./api-groups";
import { apiCreateRunSchema } from "./api-runs";
import { BACKEND_OPERATIONS } from "./api-backends";
import { RUN_DATA_OPERATIONS } from "./catalogue-data";

export interface ApiOperation {
  method: "GET" | "POST";
  /** OpenAPI path, parameters in braces. */
  path: string;
  /** The route module, for the consistency test. */
  file: string;
  operationId: string;
  tag: "runs" | "datasets" | "groups" | "evaluations" | "account" | "backends" | "meta";
  summary: string;
  /** Who may call it, in words (the route's access rule). */
  access: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A raw request body (a file upload), streamed by the route instead of parsed as JSON. */
  upload?: { description: string; mediaTypes: string[] };
  /** The success response: JSON unless a media type is named; its schema where one is declared. */
  response: { description: string; mediaTypes?: string[]; schema?: z.ZodType };
}

const V1 = "app/api/v1";

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: "GET",
    path: "/api/v1/me",
    file: `${V1}/me/route.ts`,
    operationId: "getMe",
    tag: "account",
    summary: "The caller: their user, and the projects and roles the credential reaches",
    access: "any token or session",
    response: { description: "{ user, projects: [{ projectId, slug, name, role }], token }" },
  },
  {
    method: "GET",
    path: "/api/v1/runs",
    file: `${V1}/runs/route.ts`,
    operationId: "listRuns",
    tag: "runs",
    summary: "Runs the caller may read, newest first, paged by cursor",
    access: "any token or session (its projects only)",
    query: runPageQuerySchema,
    response: { description: "{ rows: RunListRow[], nextCursor: string | null }" },
  },
  {
    method: "POST",
    path: "/api/v1/runs",
    file: `${V1}/runs/route.ts`,
    operationId: "createRun",
    tag: "runs",
    summary: "Create a run and queue it (config keys over the defaults or a preset, each checked)",
    access: "editor or owner of the project",
    body: apiCreateRunSchema,
    response: { description: "{ id, name, totalSteps, status }" },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{runId}",
    file: `${V1}/runs/[runId]/route.ts`,
    operationId: "getRun",
    tag: "runs",
    summary: "One run: status, progress, best results, error",
    access: "viewer, editor or owner of the run's project",
    response: { description: "RunDetail" },
  },
  {
    method: "POST",
    path: "/api/v1/runs/{runId}/control",
    file: `${V1}/runs/[runId]/control/route.ts`,
    operationId: "controlRun",
    tag: "runs",
    summary: "Pause, resume or cancel a run (hard_cancel aborts in-flight model calls)",
    access: "editor or owner of the run's project",
    body: runControlBodySchema,
    response: { description: "the control's outcome" },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{runId}/export",
    file: `${V1}/runs/[runId]/export/route.ts`,
    operationId: "exportRun",
    tag: "runs",
    summary: "A run as a streamed download: whole-run json, rollouts jsonl or metrics csv",
    access: "viewer, editor or owner of the run's project",
    query: runExportQuerySchema,
    response: {
      description: "the file",
      mediaTypes: ["application/json", "application/x-ndjson", "text/csv"],
    },
  },
  {
    method: "POST",
    path: "/api/v1/external-runs",
    file: `${V1}/external-runs/route.ts`,
    operationId: "createExternalRun",
    tag: "runs",
    summary: "Create a run a script outside the studio logs into (shown as imported; no worker runs it)",
    access: "editor or owner of the project",
    body: externalRunCreateSchema,
    response: { description: "{ id, name, totalSteps, status, unknownConfigKeys, invalidConfigKeys }" },
  },
  {
    method: "POST",
    path: "/api/v1/external-runs/{runId}/steps",
    file: `${V1}/external-runs/[runId]/steps/route.ts`,
    operationId: "logExternalStep",
    tag: "runs",
    summary:
      "Append one step (metrics, pools with ratings, rollouts, evolution events) as an import stores it; a step sent again is not stored twice",
    access: "editor or owner of the run's project",
    body: externalStepSchema,
    response: { description: '{ step, outcome: "written" | "already", notes: string[] }' },
  },
  {
    method: "POST",
    path: "/api/v1/external-runs/{runId}/finish",
    file: `${V1}/external-runs/[runId]/finish/route.ts`,
    operationId: "finishExternalRun",
    tag: "runs",
    summary: "Mark an external run completed or failed",
    access: "editor or owner of the run's project",
    body: externalRunFinishSchema,
    response: { description: "{ id, status }" },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{runId}/evaluations",
    file: `${V1}/runs/[runId]/evaluations/route.ts`,
    operationId: "listEvaluations",
    tag: "evaluations",
    summary: "A run's evaluations, newest first, with status and progress",
    access: "viewer, editor or owner of the run's project",
    response: { description: "EvaluationSummary[]" },
  },
  {
    method: "POST",
    path: "/api/v1/runs/{runId}/evaluations",
    file: `${V1}/runs/[runId]/evaluations/route.ts`,
    operationId: "createEvaluation",
    tag: "evaluations",
    summary: "Evaluate checkpoints × programs of a run",
    access: "editor or owner of the run's project",
    body: evaluationSpecSchema,
    response: { description: "the queued evaluation" },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{runId}/evaluations/{evaluationId}",
    file: `${V1}/runs/[runId]/evaluations/[evaluationId]/route.ts`,
    operationId: "getEvaluation",
    tag: "evaluations",
    summary: "One evaluation: progress, the grid and its attribution",
    access: "viewer, editor or owner of the run's project",
    response: { description: "EvaluationDetail" },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{runId}/evaluations/{evaluationId}/export",
    file: `${V1}/runs/[runId]/evaluations/[evaluationId]/export/route.ts`,
    operationId: "exportEvaluation",
    tag: "evaluations",
    summary: "One evaluation's cells as a JSON or CSV file: n, every Pass@k, mean reward and its 95% CI",
    access: "viewer, editor or owner of the run's project",
    query: evaluationExportQuerySchema,
    response: { description: "the file (application/json or text/csv)" },
  },
  {
    method: "GET",
    path: "/api/v1/groups",
    file: `${V1}/groups/route.ts`,
    operationId: "listGroups",
    tag: "groups",
    summary: "Groups of runs (experiments) the caller may read, newest first, paged by cursor",
    access: "any token or session (its projects only)",
    query: groupListQuerySchema,
    response: { description: "{ rows: GroupRow[], nextCursor: string | null }" },
  },
  {
    method: "POST",
    path: "/api/v1/groups",
    file: `${V1}/groups/route.ts`,
    operationId: "launchGroup",
    tag: "groups",
    summary:
      "Launch a group of runs (the cross product of sweep settings and seeds, at most 200) and queue them: all written or none",
    access: "editor or owner of the project",
    body: apiGroupLaunchSchema,
    response: { description: "{ id, projectId, name, runs: [{ id, name, seed, totalSteps, status }] }" },
  },
  {
    method: "POST",
    path: "/api/v1/groups/{groupId}/control",
    file: `${V1}/groups/[groupId]/control/route.ts`,
    operationId: "controlGroup",
    tag: "groups",
    summary:
      "Pause, resume or cancel every run of a group; a run the control does not apply to is left as it is and reported",
    access: "editor or owner of the group's project",
    body: experimentControlSchema,
    response: {
      description: "{ experimentId, changed: [{ runId, status, … }], skipped: [{ runId, reason }] }",
    },
  },
  {
    method: "GET",
    path: "/api/v1/groups/{groupId}",
    file: `${V1}/groups/[groupId]/route.ts`,
    operationId: "getGroup",
    tag: "groups",
    summary: "One group and its runs",
    access: "any member of the group's project",
    response: { description: "{ id, name, notes, createdAt, archivedAt, runs }" },
  },
  {
    method: "GET",
    path: "/api/v1/groups/{groupId}/results",
    file: `${V1}/groups/[groupId]/results/route.ts`,
    operationId: "getGroupResults",
    tag: "groups",
    summary: "A group's results table (mean ± 95% t-interval per group of runs) and aggregate curves",
    access: "any member of the group's project",
    query: experimentGroupQuerySchema,
    response: { description: "{ experiment, table, curves, metricKeys, curveKeys, bucketWidth }" },
  },
  {
    method: "GET",
    path: "/api/v1/openapi.json",
    file: `${V1}/openapi.json/route.ts`,
    operationId: "getOpenApi",
    tag: "meta",
    summary: "This document",
    access: "anyone",
    response: { description: "OpenAPI 3.1" },
  },
  ...RUN_DATA_OPERATIONS,
  ...BACKEND_OPERATIONS,
];

/** The operation a route serves: its schemas come from here. Throws at load time on a typo. */
export function findApiOperation(operationId: string): ApiOperation {
  const found = API_OPERATIONS.find((op) => op.operationId === operationId);
  if (!found) throw new Error(`no /api/v1 operation ${operationId}`);
  return found;
}
