/**
 * Unpacks a .zip experiment archive into an empty folder with the same checks as extract-tar-gz.ts:
 * every entry is checked BEFORE it is written (plain files and folders only, no symlinks, no path out of
 * the folder, a name that can belong to an experiment folder, the limits of unpack-budget.ts on count,
 * size, compression ratio and free disk), and files are streamed one at a time.
 * Parsing is yauzl's (central directory, zip64, entry-size validation).
 */
import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { pipeline } from "node:stream/promises";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { badRequest } from "@/lib/domain/errors";
import { checkExperimentEntry } from "./archive-layout";
import { resolveEntryPath, type ExtractOptions } from "./extract-tar-gz";
import { createUnpackBudget, DEFAULT_ARCHIVE_LIMITS } from "./unpack-budget";

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
  { limits = DEFAULT_ARCHIVE_LIMITS, checkEntry = checkExperimentEntry }: ExtractOptions = {},
): Promise<void> {
  const budget = await createUnpackBudget(archive, targetDir, limits);
  const zip = await openZip(archive);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw badRequest(`archive: more than ${limits.maxEntries} entries`);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => reject(error);
      zip.on("error", (error: Error) => reject(badRequest(`archive: ${error.message}`)));
      zip.on("end", () => resolve());
      zip.on("entry", (entry: Entry) => {
        void (async () => {
          const kind = checkEntryType(entry);
          const path = resolveEntryPath(targetDir, entry.fileName);
          const verdict = checkEntry(entry.fileName, kind === "dir");
          // yauzl refuses an entry that inflates past its declared size, so admitting that size bounds it.
          budget.admit(entry.fileName, kind === "dir" ? 0 : entry.uncompressedSize);
          if (verdict === "skip") return zip.readEntry();
          if (kind === "dir") {
            await mkdir(path, { recursive: true });
            return zip.readEntry();
          }
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
