/** The archive formats an experiment can be imported from, told by the file name (shared by CLI, route and form). */
export type ArchiveFormat = "tar.gz" | "zip";

/** The archive format a file name says, or null (a folder, or anything else). */
export function archiveFormat(path: string): ArchiveFormat | null {
  if (/\.(tar\.gz|tgz)$/i.test(path)) return "tar.gz";
  if (/\.zip$/i.test(path)) return "zip";
  return null;
}
