/**
 * `espl export RUN --format F [--out FILE]`: streams the export to stdout, or to FILE through a
 * temporary file renamed at the end, so an interrupted export never leaves a truncated FILE behind.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { EvaluationExportFormat } from "@/lib/domain/evaluations/evaluation-export";
import type { ExportFormat } from "@/lib/domain/export-formats";
import { formatEvaluationExport } from "@/lib/server/evaluations/export-evaluation";
import { openRunExport } from "@/lib/server/io/export/export-run";
import type { CliContext } from "../cli-context";
import { CliError, EXIT } from "../cli-error";
import { resolveRunRef } from "../run-ref";

async function* untilAborted(
  chunks: Iterable<string> | AsyncIterable<string>,
  signal: AbortSignal,
): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    if (signal.aborted) throw new CliError("interrupted", EXIT.interrupted);
    yield chunk;
  }
}

async function writeToStream(chunks: AsyncIterable<string>, stream: NodeJS.WritableStream): Promise<void> {
  for await (const chunk of chunks) {
    // Respect backpressure: a slow reader (a pipe into gzip) must not make us buffer the whole export.
    if (!stream.write(chunk)) await once(stream, "drain");
  }
}

/**
 * Writes the chunks to stdout, or to `out` through a temporary file renamed at the end. Also the writer of
 * the CLI over HTTP (lib/cli/remote), whose chunks come from /api/v1.
 */
export async function writeExport(
  ctx: Pick<CliContext, "stdout" | "note">,
  chunks: AsyncIterable<string>,
  out: string | undefined,
) {
  if (out === undefined) {
    await writeToStream(chunks, ctx.stdout);
    return EXIT.ok;
  }
  const partial = `${out}.partial`;
  try {
    await pipeline(Readable.from(chunks), createWriteStream(partial));
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR")
      throw new CliError(`cannot write ${out}: ${(error as Error).message}`);
    throw error;
  }
  ctx.note(`wrote ${out}`);
  return EXIT.ok;
}

export async function runExportCommand(
  ctx: CliContext,
  options: { run: string; format: ExportFormat; out?: string },
): Promise<number> {
  const runId = await resolveRunRef(ctx.db.prisma, options.run);
  const chunks = untilAborted(await openRunExport(ctx.db.prisma, runId, options.format), ctx.signal);
  return writeExport(ctx, chunks, options.out);
}

/** `espl export RUN --evaluation ID`: the evaluation's grid, read in the run's project as the route reads it. */
export async function runEvaluationExportCommand(
  ctx: CliContext,
  options: { run: string; evaluation: string; format: EvaluationExportFormat; out?: string },
): Promise<number> {
  const runId = await resolveRunRef(ctx.db.prisma, options.run);
  const { projectId } = await ctx.db.prisma.run.findUniqueOrThrow({
    where: { id: runId },
    select: { projectId: true },
  });
  // An unknown id answers "evaluation not found" (exit 2), as the route does.
  const file = await formatEvaluationExport(
    { projectIds: [projectId] },
    runId,
    options.evaluation,
    options.format,
  );
  return writeExport(ctx, untilAborted([file.text], ctx.signal), options.out);
}
