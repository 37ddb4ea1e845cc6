/**
 * Unpacks a .zip experiment archive into an empty folder with the same checks as extract-tar-gz.ts:
 * every entry is checked BEFORE it is written (plain files and folders only, no symlinks, no path out of
 * the folder, limits on entry count, entry size and total size), and files are streamed one at a time.
 * Parsing is yauzl's (central directory, zip64, entry-size validation).
 */
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { pipeline } from "node:stream/promises";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { badRequest } from "@/lib/errors";
import { DEFAULT_ARCHIVE_LIMITS, resolveEntryPath, type ArchiveLimits } from "./extract-tar-gz";

// The Unix file type lives in the high 16 bits of externalFileAttributes (as `st_mode`).
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) =>
      error ? reject(badRequest(`archive: not a valid .zip file (${error.message})`)) : resolve(zip),
    ),
  );
}

function checkEntryType(entry: Entry): "file" | "dir" {
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  const isDir = entry.fileName.endsWith("/");
  if (mode === S_IFLNK)
    throw badRequest(`archive: entry "${entry.fileName}" is a link; links are not accepted`);
  if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR)
    throw badRequest(`archive: entry "${entry.fileName}" is not a plain file or folder`);
  return isDir || mode === S_IFDIR ? "dir" : "file";
}

export async function extractZip(
  archive: string,
  targetDir: string,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<void> {
  const zip = await openZip(archive);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw badRequest(`archive: more than ${limits.maxEntries} entries`);
  }
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => reject(error);
      zip.on("error", (error: Error) => reject(badRequest(`archive: ${error.message}`)));
      zip.on("end", () => resolve());
      zip.on("entry", (entry: Entry) => {
        void (async () => {
          const kind = checkEntryType(entry);
          const path = resolveEntryPath(targetDir, entry.fileName);
          if (kind === "dir") {
            await mkdir(path, { recursive: true });
            return zip.readEntry();
          }
          if (entry.uncompressedSize > limits.maxEntryBytes)
            throw badRequest(`archive: entry "${entry.fileName}" is too large`);
          total += entry.uncompressedSize;
          if (total > limits.maxTotalBytes) throw badRequest("archive: unpacked size is over the limit");
          await mkdir(dirname(path), { recursive: true });
          const stream = await new Promise<NodeJS.ReadableStream>((ok, no) =>
            zip.openReadStream(entry, (error, s) =>
              error ? no(badRequest(`archive: ${error.message}`)) : ok(s),
            ),
          );
          // "wx": never follow or overwrite something already there (an entry listed twice).
          await pipeline(stream, createWriteStream(path, { flags: "wx" })).catch(
            (error: NodeJS.ErrnoException) => {
              throw error.code === "EEXIST" ? badRequest("archive: an entry appears twice") : error;
            },
          );
          zip.readEntry();
        })().catch(fail);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
