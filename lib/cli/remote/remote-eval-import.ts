/**
 * `espl eval` and `espl import` over HTTP. An evaluation is queued by POST /api/v1/runs/{id}/evaluations
 * and followed by polling it (the server's workers grade it); an import sends the archive as the body of
 * POST /api/v1/imports, a folder packed first as a .tar.gz. Both print what the database mode prints.
 */
import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { archiveFormat, type ArchiveFormat } from "@/lib/domain/archive-format";
import type { CreatedEvaluation } from "@/lib/server/evaluations/create-evaluation";
import type { EvaluationDetail } from "@/lib/server/evaluations/read-evaluations";
import type { ImportRunResult } from "@/lib/server/io/import/import-run";
import { CliError, EXIT } from "../cli-error";
import type { EvalCommand } from "../eval-options";
import {
  describeCreatedEvaluation,
  endEvaluation,
  formatEvaluationProgress,
  printEvaluation,
} from "../format-evaluation";
import { formatImportLines } from "../format-import";
import { findRemoteBackend } from "./remote-backends";
import { readTokenProject, resolveRunRef, waitPoll, type RemoteContext } from "./remote-runs";

export async function runRemoteEval(ctx: RemoteContext, command: EvalCommand): Promise<number> {
  const runId = await resolveRunRef(ctx, command.run);
  // The spec names the backend (the route takes the name); an unknown one is refused here, with the choices.
  if (command.spec.backend !== undefined)
    await findRemoteBackend(ctx, (await readTokenProject(ctx)).projectId, command.spec.backend, false);
  const path = `/api/v1/runs/${runId}/evaluations`;
  const created = await ctx.client.json<CreatedEvaluation>("POST", path, command.spec);
  ctx.note(describeCreatedEvaluation(created));
  const read = () => ctx.client.json<EvaluationDetail>("GET", `${path}/${created.id}`);
  if (!command.wait) {
    if (command.json) printEvaluation(ctx, command, await read());
    else ctx.out(created.id);
    return EXIT.ok;
  }
  let last = "";
  for (;;) {
    const detail = await read();
    const progress = formatEvaluationProgress(detail);
    if (progress.line !== last) ctx.note(progress.line);
    last = progress.line;
    if (progress.over) return endEvaluation(ctx, command, detail);
    if (!(await waitPoll(ctx))) {
      ctx.note(`interrupted; the evaluation goes on on the server (${created.id})`);
      return EXIT.interrupted;
    }
  }
}

interface Packed {
  file: string;
  format: ArchiveFormat;
  /** The scratch folder of a packed folder, removed once sent. */
  scratch?: string;
}

/** An archive as it is; a folder packed as a .tar.gz of its contents (as an archive of it would be). */
async function packForUpload(path: string): Promise<Packed> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new CliError(`no file or folder ${path}`);
  if (info.isFile()) {
    const format = archiveFormat(path);
    if (!format) throw new CliError(`${path} is not a .tar.gz or .zip archive, nor an experiment folder`);
    return { file: path, format };
  }
  const scratch = await mkdtemp(join(tmpdir(), "espl-import-"));
  const file = join(scratch, "experiment.tar.gz");
  try {
    await promisify(execFile)("tar", ["-czf", file, "-C", path, "."]);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new CliError(
      `cannot pack ${path} for the upload (${missing ? "tar is not installed" : "tar failed"}); ` +
        "send a .tar.gz or .zip of it instead",
      EXIT.failed,
    );
  }
  return { file, format: "tar.gz", scratch };
}

export async function runRemoteImport(
  ctx: RemoteContext,
  options: { path: string; name?: string },
): Promise<number> {
  const project = await readTokenProject(ctx);
  const packed = await packForUpload(options.path);
  try {
    const query = new URLSearchParams({ project: project.slug, format: packed.format });
    if (options.name !== undefined) query.set("name", options.name);
    const body = Readable.toWeb(createReadStream(packed.file)) as ReadableStream<Uint8Array>;
    const result = await ctx.client.upload<ImportRunResult>(`/api/v1/imports?${query}`, body);
    for (const line of formatImportLines(result)) ctx.out(line);
    return EXIT.ok;
  } finally {
    if (packed.scratch) await rm(packed.scratch, { recursive: true, force: true });
  }
}
