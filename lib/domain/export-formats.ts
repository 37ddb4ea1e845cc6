/**
 * The export formats and how they are served, apart from the exporters themselves so that callers that
 * only name a format (the CLI's argument parser, a download menu) load no database code.
 */
/** `format` and `version` of the JSON export, so a reader (or `espl run --config`) can recognise one. */
export const RUN_JSON_FORMAT = "espl-studio/run";
export const RUN_JSON_VERSION = 1;

export const EXPORT_FORMATS = ["json", "jsonl", "csv"] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFormatInfo {
  contentType: string;
  /** Suffix of a download's file name: `<run name>.<suffix>`. */
  fileSuffix: string;
  description: string;
}

export const EXPORT_FORMAT_INFO: Record<ExportFormat, ExportFormatInfo> = {
  json: {
    contentType: "application/json; charset=utf-8",
    fileSuffix: "run.json",
    description: "the whole run: summary, config, steps, programs with lineage and ratings, evolution events",
  },
  jsonl: {
    contentType: "application/x-ndjson; charset=utf-8",
    fileSuffix: "rollouts.jsonl",
    description: "one rollout per line, with its completion text",
  },
  csv: {
    contentType: "text/csv; charset=utf-8; header=present",
    fileSuffix: "metrics.csv",
    description: "per-step metrics, one column per metric",
  },
};

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}
