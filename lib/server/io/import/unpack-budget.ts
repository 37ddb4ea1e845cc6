/**
 * How much an archive may unpack to, decided BEFORE each entry is written from the size its header
 * declares (tar) or its central directory declares (zip, checked by yauzl as it inflates): a count of
 * entries, a size per entry, an absolute total, a compression-ratio limit (a few MB of gzipped zeros
 * must not become gigabytes on disk) and the disk's free space, less a reserve for everything else.
 */
import "server-only";
import { stat, statfs } from "node:fs/promises";
import { badRequest } from "@/lib/domain/errors";

export interface ArchiveLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Unpacked bytes per archive byte: text compresses well under 20×; zeros about 1000×. */
  maxRatio: number;
  /** The ratio limit never goes below this, so tiny archives of small files always unpack. */
  ratioFloorBytes: number;
  /** Free space the unpacking must leave on the disk. */
  reserveFreeBytes: number;
  /** Tar metadata entries (long names, PAX headers) are held in memory: at most this each. */
  maxMetaBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 200_000,
  maxEntryBytes: 1024 ** 3,
  maxTotalBytes: 8 * 1024 ** 3,
  maxRatio: 100,
  ratioFloorBytes: 1024 ** 2,
  reserveFreeBytes: 256 * 1024 ** 2,
  maxMetaBytes: 1024 ** 2,
};

const mb = (bytes: number) => `${Math.ceil(bytes / 1024 ** 2)} MB`;

/** Bytes the current user may still write on the disk holding `dir`. */
export async function freeBytes(dir: string): Promise<number> {
  const fs = await statfs(dir);
  return fs.bavail * fs.bsize;
}

export interface UnpackBudget {
  /** Counts an entry about to be unpacked; throws a bad request when it would pass a limit. */
  admit(name: string, size: number): void;
}

export async function createUnpackBudget(
  archive: string,
  targetDir: string,
  limits: ArchiveLimits,
): Promise<UnpackBudget> {
  const archiveBytes = (await stat(archive)).size;
  const byRatio = Math.max(limits.ratioFloorBytes, archiveBytes * limits.maxRatio);
  const byDisk = (await freeBytes(targetDir)) - limits.reserveFreeBytes;
  let entries = 0;
  let total = 0;
  return {
    admit(name, size) {
      if (++entries > limits.maxEntries) throw badRequest(`archive: more than ${limits.maxEntries} entries`);
      if (size > limits.maxEntryBytes) throw badRequest(`archive: entry "${name}" is too large`);
      total += size;
      if (total > limits.maxTotalBytes) throw badRequest("archive: unpacked size is over the limit");
      if (total > byRatio)
        throw badRequest(
          `archive: it would unpack to more than ${limits.maxRatio} times its size (at entry "${name}"); ` +
            "refused as a likely decompression bomb",
        );
      if (total > byDisk)
        throw badRequest(
          `archive: not enough free disk space on the server to unpack it (at entry "${name}", ${mb(total)} needed)`,
        );
    },
  };
}
