import "server-only";
/**
 * The /api/v1 operations on datasets, imports and a run's data (steps, metric series, programs,
 * lineage), with the schemas their routes validate with and the schemas of their answers: the OpenAPI
 * document (openapi.ts) describes them from these objects, as the rest of the catalogue (catalogue.ts).
 */
import { z } from "zod";
import {
  datasetPageQuerySchema,
  datasetPageSchema,
  datasetUploadedSchema,
  metricSeriesSchema,
  programPageQuerySchema,
  programPageSchema,
  runLineageSchema,
  stepPageQuerySchema,
  stepPageSchema,
} from "@/lib/domain/api-v1/run-data-schemas";
import { datasetUploadQuerySchema } from "@/lib/domain/datasets/import-input";
import { importUploadQuerySchema } from "@/lib/server/io/import/import-upload";
import { metricSeriesQuerySchema } from "./api-run-steps";
import type { ApiOperation } from "./catalogue";

const V1 = "app/api/v1";

/** The outcome of an import (lib/server/io/import/import-run.ts ImportRunResult). */
const importedRunSchema = z.object({
  runId: z.string().describe("the run the archive became (or was added to)"),
  created: z.boolean().describe("false: the experiment was imported before; only new steps were added"),
  stepsAdded: z.int(),
  stepsAlreadyStored: z.int(),
  counts: z.object({
    steps: z.int(),
    programs: z.int(),
    rollouts: z.int(),
    evolutionEvents: z.int(),
    checkpoints: z.int(),
  }),
  configAside: z.object({
    unknownKeys: z.record(z.string(), z.unknown()),
    invalidKeys: z.record(z.string(), z.object({ value: z.unknown(), reason: z.string() })),
  }),
  problems: z.array(z.object({ file: z.string(), reason: z.string() })),
});

const RUN_READER = "viewer, editor or owner of the run's project";

export const RUN_DATA_OPERATIONS: ApiOperation[] = [
  {
    method: "GET",
    path: "/api/v1/datasets",
    file: `${V1}/datasets/route.ts`,
    operationId: "listDatasets",
    tag: "datasets",
    summary: "Datasets of the caller's projects, newest first, paged by cursor",
    access: "any token or session (its projects only)",
    query: datasetPageQuerySchema,
    response: { description: "{ rows: Dataset[], nextCursor }", schema: datasetPageSchema },
  },
  {
    method: "POST",
    path: "/api/v1/datasets",
    file: `${V1}/datasets/route.ts`,
    operationId: "uploadDataset",
    tag: "datasets",
    summary:
      "Upload a dataset file (csv, jsonl or json; at most 10 MB) as the body: all rows are stored or none. " +
      "A refused file answers 400 with `rowErrors: [{ line, field, message }]` beside the error",
    access: "editor or owner of the project",
    query: datasetUploadQuerySchema,
    upload: { description: "the dataset file", mediaTypes: ["application/octet-stream", "text/plain"] },
    response: { description: "{ datasetId, trainCount, testCount }", schema: datasetUploadedSchema },
  },
  {
    method: "POST",
    path: "/api/v1/imports",
    file: `${V1}/imports/route.ts`,
    operationId: "importRun",
    tag: "runs",
    summary:
      "Import a reference experiment archive (.tar.gz or .zip, the body) as a read-only run; the same " +
      "experiment again adds only the steps not stored yet",
    access: "editor or owner of the project",
    query: importUploadQuerySchema,
    upload: {
      description: "the archive (streamed; refused past the server's size limit)",
      mediaTypes: ["application/gzip", "application/zip", "application/octet-stream"],
    },
    response: { description: "{ runId, created, stepsAdded, … }", schema: importedRunSchema },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{runId}/steps",
    file: `${V1}/runs/[runId]/steps/route.ts`,
    operationId: "listRunSteps",
    tag: "runs",
    summary: "A run's steps in order with their metrics (null where a step recorded none), paged by cursor",
    access: RUN_READER,
    query: stepPageQuerySchema,
    response: { description: "{ metricKeys, rows: Step[], nextCursor }", schema: stepPageSchema },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{runId}/metrics",
    file: `${V1}/runs/[runId]/metrics/route.ts`,
    operationId: "getRunMetrics",
    tag: "runs",
    summary: "Series of the named metrics: every step's value, or downsampled to `points` buckets",
    access: RUN_READER,
    query: metricSeriesQuerySchema,
    response: { description: "{ runId, bucketWidth, series }", schema: metricSeriesSchema },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{runId}/programs",
    file: `${V1}/runs/[runId]/programs/route.ts`,
    operationId: "listRunPrograms",
    tag: "runs",
    summary:
      "A run's programs by pool id: principles, rating μ/σ, origin, birth step, parents; paged by cursor",
    access: RUN_READER,
    query: programPageQuerySchema,
    response: { description: "{ rows: Program[], nextCursor }", schema: programPageSchema },
  },
  {
    method: "GET",
    path: "/api/v1/runs/{runId}/lineage",
    file: `${V1}/runs/[runId]/lineage/route.ts`,
    operationId: "getRunLineage",
    tag: "runs",
    summary: "A run's lineage graph: every program as a summary, and parent → child edges",
    access: RUN_READER,
    response: { description: "{ runId, runName, lastStep, nodes, edges }", schema: runLineageSchema },
  },
];
