/** The CSV writer lives in the domain layer so pure exporters (lib/view) write the same RFC 4180 text. */
import "server-only";

export { formatCsvField, formatCsvRow, type CsvValue } from "@/lib/domain/text/csv";
