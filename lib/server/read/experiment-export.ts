import "server-only";
/** An experiment's results table as a file: the group read, written by the pure formatters. */
import type { z } from "zod";
import type { experimentExportQuerySchema } from "@/lib/domain/experiments/group-query";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ReadScope } from "@/lib/server/auth/scope";
import {
  formatResultsCsv,
  formatResultsLatex,
  formatResultsMarkdown,
} from "@/lib/view/experiments/format-results";
import { readExperimentGroups } from "./experiment-groups";

const FORMATS = {
  csv: { write: formatResultsCsv, contentType: "text/csv; charset=utf-8", extension: "csv" },
  md: { write: formatResultsMarkdown, contentType: "text/markdown; charset=utf-8", extension: "md" },
  tex: { write: formatResultsLatex, contentType: "application/x-tex; charset=utf-8", extension: "tex" },
} as const;

/** A file name that is safe in a header: the experiment's name with anything unusual replaced. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80) || "experiment";
}

export async function formatExperimentResults(
  prisma: PrismaClient,
  scope: ReadScope,
  experimentId: string,
  query: z.output<typeof experimentExportQuerySchema>,
): Promise<{ text: string; contentType: string; fileName: string }> {
  // The table alone: no curve keys, so only the test Pass@k series are read.
  const read = await readExperimentGroups(prisma, scope, experimentId, { by: query.by, keys: [] });
  const format = FORMATS[query.format];
  return {
    text: format.write(read.table),
    contentType: format.contentType,
    fileName: `${safeName(read.experiment.name)}-results.${format.extension}`,
  };
}
