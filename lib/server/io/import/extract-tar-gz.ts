/**
 * Unpacks a .tar.gz experiment archive into an empty folder, checking every entry BEFORE writing it:
 * only plain files and folders (links and devices are refused), no absolute paths or `..`, every path
 * inside the target, a name that can belong to an experiment folder (archive-layout.ts), and the
 * size limits of unpack-budget.ts (count, size, compression ratio, free disk). A refused archive leaves
 * the target to be removed by the caller. Streamed: memory holds one 512-byte block and one data chunk.
 */
import "server-only";
import { createReadStream } from "node:fs";
import { mkdir, open, type FileHandle } from "node:fs/promises";
import { dirname, isAbsolute, resolve, sep } from "node:path";
import { createGunzip } from "node:zlib";
import { badRequest } from "@/lib/domain/errors";
import { checkExperimentEntry, type EntryVerdict } from "./archive-layout";
import { createUnpackBudget, DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from "./unpack-budget";

export { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits };

/** Decides per entry name whether to write it, skip it, or refuse the archive (throws). */
export type EntryCheck = (name: string, isDir: boolean) => EntryVerdict;

export interface ExtractOptions {
  limits?: ArchiveLimits;
  checkEntry?: EntryCheck;
}

const BLOCK = 512;

const readString = (block: Buffer, start: number, length: number) => {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
};

const readOctal = (block: Buffer, start: number, length: number) => {
  const text = readString(block, start, length).trim();
  if (!/^[0-7]*$/.test(text)) throw badRequest("archive: malformed entry size");
  return text === "" ? 0 : parseInt(text, 8);
};

/** The entry's path inside target, or a refusal naming the entry. */
export function resolveEntryPath(target: string, name: string): string {
  const clean = name.replace(/\/+$/, "");
  if (clean === "" || clean === ".") return target;
  if (isAbsolute(clean) || clean.split(/[\\/]/).includes(".."))
    throw badRequest(`archive: entry "${name}" points outside the folder`);
  const path = resolve(target, clean);
  if (path !== target && !path.startsWith(target + sep))
    throw badRequest(`archive: entry "${name}" points outside the folder`);
  return path;
}

interface Current extends Entry {
  remaining: number;
  padding: number;
  file: FileHandle | null;
  meta: Buffer[] | null;
}

interface Entry {
  name: string;
  type: string;
  size: number;
}

function parseHeader(block: Buffer, override: string | null): Entry {
  const name = readString(block, 0, 100);
  const prefix = readString(block, 345, 155);
  return {
    name: override ?? (prefix ? `${prefix}/${name}` : name),
    type: String.fromCharCode(block[156] ?? 0),
    size: readOctal(block, 124, 12),
  };
}

const paxPath = (text: string) => /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text)?.[1] ?? null;

export async function extractTarGz(
  archive: string,
  targetDir: string,
  { limits = DEFAULT_ARCHIVE_LIMITS, checkEntry = checkExperimentEntry }: ExtractOptions = {},
): Promise<void> {
  const target = resolve(targetDir);
  const budget = await createUnpackBudget(archive, target, limits);
  let buffer = Buffer.alloc(0);
  // A holder object, not a `let`: the helpers below replace the current entry.
  const state: { entry: Current | null } = { entry: null };
  let nextName: string | null = null;

  const begin = async (header: Entry) => {
    const padding = (BLOCK - (header.size % BLOCK)) % BLOCK;
    const isMeta = header.type === "x" || header.type === "L" || header.type === "g";
    if (isMeta) {
      budget.admit(header.name, header.size);
      if (header.size > limits.maxMetaBytes)
        throw badRequest("archive: an entry's metadata (long name or PAX header) is too large");
      state.entry = { ...header, remaining: header.size, padding, file: null, meta: [] };
      return;
    }
    const name = nextName ?? header.name;
    nextName = null;
    if (header.type === "1" || header.type === "2")
      throw badRequest(`archive: entry "${name}" is a link; links are not accepted`);
    if (header.type !== "0" && header.type !== "\0" && header.type !== "5")
      throw badRequest(`archive: entry "${name}" is not a plain file or folder`);
    const path = resolveEntryPath(target, name);
    // The layout first (a stray entry is named as such), then the sizes, both before any byte is written.
    const verdict = checkEntry(name, header.type === "5");
    budget.admit(name, header.size);
    if (verdict === "skip") {
      // Archiver junk (__MACOSX, .DS_Store): its data is read past, never written.
      state.entry = { ...header, remaining: header.size, padding, file: null, meta: null };
      return;
    }
    if (header.type === "5") {
      await mkdir(path, { recursive: true });
      state.entry = { ...header, remaining: 0, padding: 0, file: null, meta: null };
      return;
    }
    await mkdir(dirname(path), { recursive: true });
    // "wx": never follow or overwrite something already there (e.g. a file planted by an earlier entry).
    state.entry = { ...header, remaining: header.size, padding, file: await open(path, "wx"), meta: null };
  };

  const finish = async () => {
    if (!state.entry) return;
    await state.entry.file?.close();
    if (state.entry.meta) {
      const text = Buffer.concat(state.entry.meta).toString("utf8");
      if (state.entry.type === "L") nextName = text.replace(/\0+$/, "");
      if (state.entry.type === "x") nextName = paxPath(text) ?? nextName;
    }
    state.entry = null;
  };

  let ended = false;
  try {
    for await (const chunk of createReadStream(archive).pipe(createGunzip())) {
      buffer = Buffer.concat([buffer, chunk as Buffer]);
      while (!ended) {
        if (state.entry && state.entry.remaining > 0) {
          if (buffer.length === 0) break;
          const take = Math.min(state.entry.remaining, buffer.length);
          const piece = buffer.subarray(0, take);
          if (state.entry.file) await state.entry.file.write(piece);
          else state.entry.meta?.push(Buffer.from(piece));
          state.entry.remaining -= take;
          buffer = buffer.subarray(take);
          continue;
        }
        if (state.entry) {
          if (buffer.length < state.entry.padding) break;
          buffer = buffer.subarray(state.entry.padding);
          await finish();
          continue;
        }
        if (buffer.length < BLOCK) break;
        const block = buffer.subarray(0, BLOCK);
        buffer = buffer.subarray(BLOCK);
        if (block.every((b) => b === 0)) {
          ended = true;
          break;
        }
        await begin(parseHeader(block, null));
      }
      if (ended) break;
    }
  } catch (error) {
    await state.entry?.file?.close();
    if (
      (error as NodeJS.ErrnoException).code === "Z_DATA_ERROR" ||
      (error as NodeJS.ErrnoException).code === "Z_BUF_ERROR"
    )
      throw badRequest("archive: not a valid .tar.gz file");
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw badRequest("archive: an entry appears twice");
    throw error;
  }
  if (state.entry) throw badRequest("archive: truncated");
}
