import "server-only";
/**
 * An experiment archive uploaded from the dashboard: the request body is streamed to a temporary file
 * (never held in memory; refused past the size limit), then imported exactly as `espl import` does.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { z } from "zod";
import { getPrisma } from "@/lib/db/client";
import { getPgPool } from "@/lib/db/pg-pool";
import { badRequest } from "@/lib/errors";
import type { ArchiveFormat } from "./archive-format";
import { importRun, type ImportRunResult } from "./import-run";

const DEFAULT_MAX_BYTES = 4 * 1024 ** 3;

/** The upload's query string: one contract for the route and the upload form. */
export const importUploadQuerySchema = z.object({
  project: z.string().min(1).max(100),
  format: z.enum(["tar.gz", "zip"]),
  name: z.string().trim().min(1).max(200).optional(),
});

export type ImportUploadQuery = z.infer<typeof importUploadQuerySchema>;

function uploadLimit(): number {
  const parsed = z.coerce.number().int().positive().safeParse(process.env.IMPORT_MAX_BYTES);
  return parsed.success ? parsed.data : DEFAULT_MAX_BYTES;
}

/** Counts bytes as they pass and stops the stream past `max`. */
function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > max) done(badRequest(`the upload is larger than the limit (${max} bytes)`));
      else done(null, chunk);
    },
  });
}

export async function importUploadedArchive(
  body: ReadableStream<Uint8Array> | null,
  input: { projectId: string; format: ArchiveFormat; name?: string },
): Promise<ImportRunResult> {
  if (!body) throw badRequest("the request has no body: send the archive as the body");
  const dir = await mkdtemp(join(tmpdir(), "espl-upload-"));
  const file = join(dir, `upload.${input.format}`);
  try {
    await pipeline(
      Readable.fromWeb(body as WebReadableStream<Uint8Array>),
      byteLimit(uploadLimit()),
      createWriteStream(file),
    );
    return await importRun(
      { prisma: getPrisma(), pool: getPgPool() },
      { path: file, projectId: input.projectId, ...(input.name ? { name: input.name } : {}) },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
