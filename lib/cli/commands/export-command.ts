/**
 * `espl export RUN --format F [--out FILE]`: streams the export to stdout, or to FILE through a
 * temporary file renamed at the end, so an interrupted export never leaves a truncated FILE behind.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ExportFormat } from "@/lib/export/export-formats";
import { openRunExport } from "@/lib/export/export-run";
import type { CliContext } from "../cli-context";
import { CliError, EXIT } from "../cli-error";
import { resolveRunRef } from "../run-ref";

async function* untilAborted(chunks: AsyncIterable<string>, signal: AbortSignal): AsyncGenerator<string> {
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

export async function runExportCommand(
  ctx: CliContext,
  options: { run: string; format: ExportFormat; out?: string },
): Promise<number> {
  const runId = await resolveRunRef(ctx.db.prisma, options.run);
  const chunks = untilAborted(await openRunExport(ctx.db.prisma, runId, options.format), ctx.signal);
  if (options.out === undefined) {
    await writeToStream(chunks, ctx.stdout);
    return EXIT.ok;
  }
  const partial = `${options.out}.partial`;
  try {
    await pipeline(Readable.from(chunks), createWriteStream(partial));
    await rename(partial, options.out);
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR")
      throw new CliError(`cannot write ${options.out}: ${(error as Error).message}`);
    throw error;
  }
  ctx.note(`wrote ${options.out}`);
  return EXIT.ok;
}
