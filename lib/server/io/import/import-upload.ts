import "server-only";
/**
 * An experiment archive uploaded from the dashboard: the request body is streamed to a temporary file
 * (never held in memory; refused past the size limit or the disk's free space), then imported exactly
 * as `espl import` does. The temporary folder is removed on every path: success, refusal or failure.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { getPrisma } from "@/lib/server/db/client";
import { getPgPool } from "@/lib/server/db/pg-pool";
import { badRequest } from "@/lib/domain/errors";
import { streamBodyToFile, type UploadBody } from "@/lib/server/http/upload-body";
import { plainText } from "@/lib/domain/text/control-chars";
import type { ArchiveFormat } from "@/lib/domain/archive-format";
import { importRun, type ImportRunResult } from "./import-run";
import { DEFAULT_ARCHIVE_LIMITS, freeBytes } from "./unpack-budget";

const DEFAULT_MAX_BYTES = 4 * 1024 ** 3;

/** The upload's query string: one contract for the route and the upload form. */
export const importUploadQuerySchema = z.object({
  project: z.string().min(1).max(100),
  format: z.enum(["tar.gz", "zip"]),
  name: plainText("the name").trim().min(1).max(200).optional(),
});

export type ImportUploadQuery = z.infer<typeof importUploadQuerySchema>;

function uploadLimit(): number {
  const parsed = z.coerce.number().int().positive().safeParse(process.env.IMPORT_MAX_BYTES);
  return parsed.success ? parsed.data : DEFAULT_MAX_BYTES;
}

export async function importUploadedArchive(
  body: UploadBody,
  input: { projectId: string; format: ArchiveFormat; name?: string; actorId?: string | null },
): Promise<ImportRunResult> {
  if (!body) throw badRequest("the request has no body: send the archive as the body");
  const dir = await mkdtemp(join(tmpdir(), "espl-upload-"));
  const file = join(dir, `upload.${input.format}`);
  try {
    const limit = uploadLimit();
    // The upload must leave room on the disk for everything else (and, later, its unpacked content).
    const room = (await freeBytes(dir)) - DEFAULT_ARCHIVE_LIMITS.reserveFreeBytes;
    await streamBodyToFile(body, file, {
      what: "archive",
      maxBytes: Math.max(0, Math.min(limit, room)),
      refusal: (max) =>
        badRequest(
          max < limit
            ? "the server has not enough free disk space for this upload"
            : `the upload is larger than the limit (${max} bytes)`,
        ),
    });
    return await importRun(
      { prisma: getPrisma(), pool: getPgPool() },
      {
        path: file,
        projectId: input.projectId,
        actorId: input.actorId ?? null,
        ...(input.name ? { name: input.name } : {}),
      },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
