/**
 * Reads an uploaded dataset file into rows of text cells, before any mapping: JSONL (one object a line),
 * JSON (an array of objects) or CSV (RFC 4180 quoting, via papaparse). Every error names the file line
 * the bad row starts on and, where one is at fault, the field, in plain words (no parser messages).
 */
import { z } from "zod";
import { parseCsv } from "./parse-csv";
import { readJsonArray } from "./parse-json";

export const DATASET_FORMATS = ["jsonl", "json", "csv"] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** The largest file accepted, in characters: big enough for tens of thousands of problems. */
export const MAX_DATASET_CHARS = 10_000_000;
/** The largest upload in bytes, enforced while the body streams; UTF-8 never has more characters than bytes. */
export const MAX_DATASET_BYTES = 10_000_000;
export const MAX_DATASET_ROWS = 100_000;

const number = (n: number) => n.toLocaleString("en-US");

/** The limits in words, as the form states them and the refusals repeat them. */
export const DATASET_LIMITS_TEXT =
  `at most ${number(MAX_DATASET_BYTES)} bytes (10 MB), ${number(MAX_DATASET_CHARS)} characters ` +
  `and ${number(MAX_DATASET_ROWS)} rows`;

export const datasetTooLarge = (bytes?: number) =>
  `the file is too large${bytes === undefined ? "" : ` (${number(bytes)} bytes)`}: a dataset may have ${DATASET_LIMITS_TEXT}`;

/** One bad row (or the whole file, line 0), in plain words: where it is, which field, what is wrong. */
export interface RowError {
  /** The file line the row starts on; 0 for the file as a whole. */
  line: number;
  /** The column (or JSON field) at fault; null when the row as a whole is. */
  field: string | null;
  message: string;
}

export type ParsedRows =
  | {
      ok: true;
      columns: string[];
      rows: Record<string, string>[];
      /** File line of each row. */ lines: number[];
    }
  | { ok: false; errors: RowError[] };

const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "a nested object";
  return "a value that is not text";
}

function collectObjects(values: { line: number; value: unknown }[]): ParsedRows {
  const errors: RowError[] = [];
  const rows: Record<string, string>[] = [];
  const lines: number[] = [];
  const columns = new Set<string>();
  for (const { line, value } of values) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      errors.push({
        line,
        field: null,
        message: 'this row is not an object: write it as {"column": "value", …}',
      });
      continue;
    }
    const cells: Record<string, string> = {};
    let bad = false;
    for (const [key, cell] of Object.entries(value)) {
      if (!cellSchema.safeParse(cell).success) {
        bad = true;
        errors.push({
          line,
          field: key,
          message: `the field "${key}" holds ${describeValue(cell)}: use text, a number, true/false or null`,
        });
        continue;
      }
      cells[key] = cell === null ? "" : String(cell);
      columns.add(key);
    }
    if (bad) continue;
    rows.push(cells);
    lines.push(line);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, columns: [...columns], rows, lines };
}

function parseJsonl(text: string): ParsedRows {
  const values: { line: number; value: unknown }[] = [];
  const errors: RowError[] = [];
  text.split(/\r?\n/).forEach((text, index) => {
    if (text.trim() === "") return;
    try {
      values.push({ line: index + 1, value: JSON.parse(text) });
    } catch {
      errors.push({
        line: index + 1,
        field: null,
        message: "this line is not valid JSON: check its braces, commas and quotes (one object a line)",
      });
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  return collectObjects(values);
}

function parseJson(text: string): ParsedRows {
  const read = readJsonArray(text);
  if (!read.ok) return { ok: false, errors: [{ line: read.line, field: null, message: read.message }] };
  return collectObjects(read.values);
}

export function parseRows(text: string, format: DatasetFormat): ParsedRows {
  if (text.length > MAX_DATASET_CHARS)
    return {
      ok: false,
      errors: [{ line: 0, field: null, message: datasetTooLarge() }],
    };
  const parsed = format === "jsonl" ? parseJsonl(text) : format === "json" ? parseJson(text) : parseCsv(text);
  if (parsed.ok && parsed.rows.length === 0)
    return { ok: false, errors: [{ line: 0, field: null, message: "the file has no rows" }] };
  if (parsed.ok && parsed.rows.length > MAX_DATASET_ROWS)
    return {
      ok: false,
      errors: [
        {
          line: 0,
          field: null,
          message: `more than ${number(MAX_DATASET_ROWS)} rows: a dataset may have ${DATASET_LIMITS_TEXT}`,
        },
      ],
    };
  return parsed;
}

/** The format a file name suggests (the form lets the user change it). */
export function guessFormat(fileName: string): DatasetFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".json")) return "json";
  return "jsonl";
}
