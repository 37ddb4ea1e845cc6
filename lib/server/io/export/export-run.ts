/**
 * The export formats of a run (lib/domain/export-formats.ts), for the CLI (`espl export`) and the
 * dashboard's download route: each is an async generator of string chunks, so a caller streams it to a
 * file or a response with flat memory.
 */
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { streamStepMetricsCsv } from "./export-csv";
import { streamRunJson } from "./export-json";
import { streamRolloutsJsonl } from "./export-jsonl";
import type { ExportFormat } from "@/lib/domain/export-formats";
import { resolveExportTarget, type ExportOptions } from "./export-target";

/**
 * Checks that the run exists (throwing not_found before anything is written) and returns the stream,
 * fenced at the steps committed now.
 */
export async function openRunExport(
  prisma: PrismaClient,
  runId: string,
  format: ExportFormat,
  options: ExportOptions = {},
): Promise<AsyncGenerator<string>> {
  const target = await resolveExportTarget(prisma, runId);
  switch (format) {
    case "json":
      return streamRunJson(prisma, target, options);
    case "jsonl":
      return streamRolloutsJsonl(prisma, target, options);
    case "csv":
      return streamStepMetricsCsv(prisma, target, options);
  }
}
