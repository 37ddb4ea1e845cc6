/**
 * Reads an uploaded dataset file into rows of text cells, before any mapping: JSONL (one object a line),
 * JSON (an array of objects) or CSV (RFC 4180 quoting, via papaparse). Errors carry the 1-based row
 * number (for CSV and JSONL the data row; a header is not counted) so the form can point at them.
 */
import Papa from "papaparse";
import { z } from "zod";

export const DATASET_FORMATS = ["jsonl", "json", "csv"] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** The largest file accepted, in characters: big enough for tens of thousands of problems. */
export const MAX_DATASET_CHARS = 10_000_000;
export const MAX_DATASET_ROWS = 100_000;

export interface RowError {
  row: number;
  message: string;
}

export type ParsedRows =
  { ok: true; columns: string[]; rows: Record<string, string>[] } | { ok: false; errors: RowError[] };

const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const objectRowSchema = z.record(z.string(), cellSchema);

function toCells(value: Record<string, string | number | boolean | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null ? "" : String(v)]));
}

function collectObjects(values: { row: number; value: unknown }[]): ParsedRows {
  const errors: RowError[] = [];
  const rows: Record<string, string>[] = [];
  const columns = new Set<string>();
  for (const { row, value } of values) {
    const parsed = objectRowSchema.safeParse(value);
    if (!parsed.success) {
      errors.push({ row, message: "expected an object whose values are text, numbers or booleans" });
      continue;
    }
    const cells = toCells(parsed.data);
    Object.keys(cells).forEach((k) => columns.add(k));
    rows.push(cells);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, columns: [...columns], rows };
}

function parseJsonl(text: string): ParsedRows {
  const values: { row: number; value: unknown }[] = [];
  const errors: RowError[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      values.push({ row: index + 1, value: JSON.parse(line) });
    } catch {
      errors.push({ row: index + 1, message: "not valid JSON" });
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  return collectObjects(values);
}

function parseJson(text: string): ParsedRows {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ row: 0, message: `not valid JSON (${(error as Error).message})` }] };
  }
  if (!Array.isArray(value))
    return { ok: false, errors: [{ row: 0, message: "expected a JSON array of rows" }] };
  return collectObjects(value.map((v, i) => ({ row: i + 1, value: v })));
}

function parseCsv(text: string): ParsedRows {
  const result = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (result.errors.length > 0)
    return {
      ok: false,
      errors: result.errors.map((e) => ({ row: (e.row ?? -1) + 1, message: e.message })),
    };
  return { ok: true, columns: result.meta.fields ?? [], rows: result.data };
}

export function parseRows(text: string, format: DatasetFormat): ParsedRows {
  if (text.length > MAX_DATASET_CHARS)
    return {
      ok: false,
      errors: [{ row: 0, message: `the file is larger than ${MAX_DATASET_CHARS} characters` }],
    };
  const parsed = format === "jsonl" ? parseJsonl(text) : format === "json" ? parseJson(text) : parseCsv(text);
  if (parsed.ok && parsed.rows.length === 0)
    return { ok: false, errors: [{ row: 0, message: "the file has no rows" }] };
  if (parsed.ok && parsed.rows.length > MAX_DATASET_ROWS)
    return { ok: false, errors: [{ row: 0, message: `more than ${MAX_DATASET_ROWS} rows` }] };
  return parsed;
}

/** The format a file name suggests (the form lets the user change it). */
export function guessFormat(fileName: string): DatasetFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".json")) return "json";
  return "jsonl";
}
