/**
 * CSV (RFC 4180 quoting, via papaparse) into rows of text cells, each with the file line it starts on
 * (a quoted cell may span lines, so a row number is not a line number). Every problem is stated in plain
 * words; papaparse's own messages never reach the user.
 */
import Papa from "papaparse";
import type { ParsedRows, RowError } from "./parse-rows";

function lineOf(newlines: readonly number[], offset: number): number {
  let lo = 0;
  let hi = newlines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (newlines[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

export function parseCsv(text: string): ParsedRows {
  const newlines: number[] = [];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) newlines.push(i);
  // Step mode cannot detect the delimiter itself; a first look at the head of the file does.
  const delimiter = Papa.parse(text.slice(0, 64_000), { skipEmptyLines: true }).meta.delimiter || ",";
  const records: { cells: string[]; line: number; unclosedQuote: boolean }[] = [];
  let start = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step(result) {
      const cells = result.data;
      const line = lineOf(newlines, start);
      start = result.meta.cursor;
      if (cells.length === 1 && cells[0]!.trim() === "") return;
      records.push({ cells, line, unclosedQuote: result.errors.some((e) => e.code === "MissingQuotes") });
    },
  });
  const [header, ...body] = records;
  if (!header) return { ok: true, columns: [], rows: [], lines: [] };
  const columns = header.cells.map((c) => c.trim());
  const errors: RowError[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column))
      errors.push({
        line: header.line,
        field: column,
        message: `the header names the column "${column}" twice`,
      });
    seen.add(column);
  }
  const rows: Record<string, string>[] = [];
  const lines: number[] = [];
  for (const record of body) {
    if (record.unclosedQuote) {
      errors.push({
        line: record.line,
        field: null,
        message:
          'a quoted cell that starts on this line is never closed: add the closing " (or double a " inside a cell)',
      });
      continue;
    }
    if (record.cells.length !== columns.length) {
      errors.push({
        line: record.line,
        field: null,
        message: `this row has ${record.cells.length} cells but the header has ${columns.length} columns (a cell with a comma must be in double quotes)`,
      });
      continue;
    }
    rows.push(Object.fromEntries(columns.map((c, i) => [c, record.cells[i]!])));
    lines.push(record.line);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, columns, rows, lines };
}
