/** RFC 4180 output: CRLF line ends; a field is quoted when it holds a comma, quote, CR or LF. */
export type CsvValue = string | number | boolean | null | undefined;

export function formatCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatCsvRow(values: readonly CsvValue[]): string {
  return `${values.map(formatCsvField).join(",")}\r\n`;
}
