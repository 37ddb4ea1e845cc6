/**
 * The contracts of /api/v1's reads of a run's data (steps, metric series, programs, lineage) and of the
 * datasets list: query strings and answers, one zod schema each. The routes validate with the query
 * schemas and the OpenAPI document is generated from all of them (lib/server/api-v1/catalogue-data.ts).
 */
import { z } from "zod";
import { cursorSchema, limitSchema } from "./api-v1-schemas";

/** "a,b,c" → ["a", "b", "c"]: metric keys in a query string (the reference's names hold no commas). */
export const metricKeysSchema = z
  .string()
  .max(4000)
  .transform((s) =>
    s
      .split(",")
      .map((k) => k.trim())
      .filter((k) => k.length > 0),
  )
  .pipe(
    z
      .array(z.string().max(200, "a metric key is at most 200 characters"))
      .min(1, "name at least one metric key")
      .max(50, "at most 50 metric keys"),
  );

export const datasetPageQuerySchema = z.object({
  projectId: z.uuid("not a project id").optional().describe("only this project's datasets"),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type DatasetPageQuery = z.output<typeof datasetPageQuerySchema>;

export const stepPageQuerySchema = z.object({
  keys: metricKeysSchema
    .optional()
    .describe("metric keys, comma-separated; default: every key recorded on the page's steps"),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type StepPageQuery = z.output<typeof stepPageQuerySchema>;

export const programPageQuerySchema = z.object({ cursor: cursorSchema, limit: limitSchema });
export type ProgramPageQuery = z.output<typeof programPageQuerySchema>;

const nextCursor = z.string().nullable().describe("pass as cursor for the next page; null on the last");
const isoTime = z.string().describe("ISO 8601");

export const datasetRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  source: z.string(),
  projectName: z.string(),
  projectSlug: z.string(),
  trainCount: z.int(),
  testCount: z.int(),
  builtin: z.boolean().describe("the simulator's generated suite"),
  createdAt: isoTime,
});
export const datasetPageSchema = z.object({ rows: z.array(datasetRowSchema), nextCursor });

export const datasetUploadedSchema = z.object({
  datasetId: z.string(),
  trainCount: z.int(),
  testCount: z.int(),
});

const metricValueSchema = z.union([z.number(), z.string(), z.boolean()]).nullable();

export const stepRowSchema = z.object({
  step: z.int(),
  epoch: z.int(),
  batchIndex: z.int(),
  selectedProgramIds: z.array(z.int()),
  testProgramId: z.int().nullable(),
  startedAt: isoTime,
  committedAt: isoTime,
  metrics: z
    .record(z.string(), metricValueSchema)
    .describe("one entry per metricKeys key; null where the step recorded no value"),
});
export type StepRow = z.infer<typeof stepRowSchema>;

export const stepPageSchema = z.object({
  metricKeys: z.array(z.string()),
  rows: z.array(stepRowSchema),
  nextCursor,
});
export type StepPage = z.infer<typeof stepPageSchema>;

const seriesPointSchema = z.object({
  step: z.int().describe("the step of the value (a bucket's highest step with one)"),
  value: z.number(),
  min: z.number(),
  max: z.number(),
});

export const metricSeriesSchema = z.object({
  runId: z.string(),
  bucketWidth: z.int().nullable().describe("steps per bucket; null when not downsampled"),
  series: z
    .record(z.string(), z.array(seriesPointSchema))
    .describe("per key, its numeric values in step order; steps without one are left out"),
});
export type MetricSeries = z.infer<typeof metricSeriesSchema>;

const edgeKindSchema = z.enum(["mutation", "crossover"]);

export const programRowSchema = z.object({
  programId: z.int().describe("the pool id (0 = root)"),
  origin: z.enum(["root", "mutation", "crossover", "manual"]),
  birthStep: z.int().describe("-1 for the root"),
  evictedAtStep: z.int().nullable(),
  mu: z.number(),
  sigma: z.number(),
  timesSelected: z.int(),
  principles: z.array(z.object({ id: z.union([z.number(), z.string()]), text: z.string() })),
  parents: z.array(z.object({ programId: z.int(), kind: edgeKindSchema, order: z.int() })),
});
export type ProgramRow = z.infer<typeof programRowSchema>;

export const programPageSchema = z.object({ rows: z.array(programRowSchema), nextCursor });

export const runLineageSchema = z.object({
  runId: z.string(),
  runName: z.string(),
  lastStep: z.int().nullable(),
  nodes: z.array(
    z.object({
      id: z.int(),
      origin: programRowSchema.shape.origin,
      birthStep: z.int(),
      evictedAtStep: z.int().nullable(),
      mu: z.number(),
      sigma: z.number(),
      timesSelected: z.int(),
      principleCount: z.int(),
      preview: z.string(),
    }),
  ),
  edges: z.array(z.object({ parent: z.int(), child: z.int(), kind: edgeKindSchema, order: z.int() })),
});

/**
 * Cursors of lists ordered by a number (steps, pool ids): the last number served. Opaque like the
 * time-ordered cursors (run-cursor.ts), so clients pass them back instead of building them.
 */
export function encodeNumberCursor(last: number): string {
  return Buffer.from(JSON.stringify(["after", last])).toString("base64url");
}

const numberPositionSchema = z.tuple([z.literal("after"), z.int().min(-1)]);

/** The number a cursor names, or null when it is not one of ours. */
export function decodeNumberCursor(cursor: string): number | null {
  try {
    const parsed = numberPositionSchema.safeParse(
      JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")),
    );
    return parsed.success ? parsed.data[1] : null;
  } catch {
    return null;
  }
}
