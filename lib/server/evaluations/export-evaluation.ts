/**
 * An evaluation as a file (route, CLI): its stored cells through the pure row builder. Scoped like every
 * read of a run: another project's run or evaluation answers "not found".
 */
import "server-only";
import { z } from "zod";
import { notFound } from "@/lib/domain/errors";
import {
  EVALUATION_EXPORT_CONTENT_TYPES,
  EVALUATION_JSON_FORMAT,
  EVALUATION_JSON_VERSION,
  type EvaluationExportFormat,
} from "@/lib/domain/evaluations/evaluation-export";
import {
  buildEvaluationExportRows,
  formatEvaluationExportCsv,
  type EvaluationExportRow,
} from "@/lib/view/evaluations/export-evaluation";
import type { ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { findScopedRun } from "@/lib/server/read/scoped-run";

export interface EvaluationExport {
  format: typeof EVALUATION_JSON_FORMAT;
  version: typeof EVALUATION_JSON_VERSION;
  evaluation: string;
  run: { id: string; name: string };
  status: string;
  spec: unknown;
  seed: number;
  cells: EvaluationExportRow[];
}

export async function readEvaluationExport(
  scope: ReadScope,
  runId: string,
  evaluationId: string,
): Promise<EvaluationExport> {
  const run = await findScopedRun(scope, runId);
  if (!z.guid().safeParse(evaluationId).success) throw notFound("evaluation");
  const job = await getPrisma().evaluationJob.findFirst({
    where: { id: evaluationId, runId },
    select: { id: true, status: true, spec: true, seed: true, cells: true },
  });
  if (!job) throw notFound("evaluation");
  return {
    format: EVALUATION_JSON_FORMAT,
    version: EVALUATION_JSON_VERSION,
    evaluation: job.id,
    run: { id: run.id, name: run.name },
    status: job.status,
    spec: job.spec,
    seed: job.seed,
    cells: buildEvaluationExportRows(
      job.cells.map((cell) => ({
        ...cell,
        metrics: cell.metrics as Record<string, number | null> | null,
      })),
      job.status,
    ),
  };
}

/** A file name safe in a header: the run's name with anything unusual replaced, and the evaluation's id. */
function fileNameOf(read: EvaluationExport, format: EvaluationExportFormat): string {
  const name = read.run.name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80) || "run";
  return `${name}-evaluation-${read.evaluation.slice(0, 8)}.${format}`;
}

export async function formatEvaluationExport(
  scope: ReadScope,
  runId: string,
  evaluationId: string,
  format: EvaluationExportFormat,
): Promise<{ text: string; contentType: string; fileName: string }> {
  const read = await readEvaluationExport(scope, runId, evaluationId);
  return {
    text: format === "json" ? `${JSON.stringify(read, null, 2)}\n` : formatEvaluationExportCsv(read.cells),
    contentType: EVALUATION_EXPORT_CONTENT_TYPES[format],
    fileName: fileNameOf(read, format),
  };
}

/** The file as a download response: the dashboard's route and /api/v1 answer the same bytes and headers. */
export async function openEvaluationDownload(
  scope: ReadScope,
  runId: string,
  evaluationId: string,
  format: EvaluationExportFormat,
): Promise<Response> {
  const file = await formatEvaluationExport(scope, runId, evaluationId, format);
  return new Response(file.text, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName}"`,
    },
  });
}
