/**
 * The contract of an evaluation's export (route, download links, `espl export RUN --evaluation ID`): its
 * formats and the query the route reads, apart from the exporter so that the CLI's parser loads no
 * database code.
 */
import { z } from "zod";

export const EVALUATION_EXPORT_FORMATS = ["json", "csv"] as const;
export type EvaluationExportFormat = (typeof EVALUATION_EXPORT_FORMATS)[number];

/** `format` of the JSON export, so a reader can recognise one. */
export const EVALUATION_JSON_FORMAT = "espl-studio/evaluation";
export const EVALUATION_JSON_VERSION = 1;

export const evaluationExportQuerySchema = z.object({
  format: z.enum(EVALUATION_EXPORT_FORMATS, {
    error: `the format is one of ${EVALUATION_EXPORT_FORMATS.join(", ")}`,
  }),
});
export type EvaluationExportQuery = z.output<typeof evaluationExportQuerySchema>;

export const EVALUATION_EXPORT_CONTENT_TYPES: Record<EvaluationExportFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8; header=present",
};

/** The route's path: the download links and the tests build it the same way. */
export function evaluationExportPath(
  runId: string,
  evaluationId: string,
  format: EvaluationExportFormat,
): string {
  return `/api/runs/${runId}/evaluations/${evaluationId}/export?format=${format}`;
}
