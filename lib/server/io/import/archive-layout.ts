/**
 * What an entry of an experiment archive may be, decided from its name alone so an archive is refused
 * at its first stray entry, before anything of it is written. The layouts are locate-experiment.ts's:
 * the folder the reference script ran in (`data/<domain>/train/<experiment>/…` and
 * `tinker-examples/<experiment>/…`) or the experiment folder itself (`stats.json`, `train_data.jsonl`,
 * `step_N/…`, `epoch_N/…`), either optionally inside one wrapping folder (an archive of the parent),
 * a run folder inside two (an archive of the folder holding it), and an experiment folder under its
 * `train/` or `<domain>/train/` parents (an archive of those). Deeper or other nestings are refused: the
 * names alone must say the entry is the run's.
 */
import "server-only";
import { badRequest } from "@/lib/domain/errors";

export type EntryVerdict = "write" | "skip";

// Step and epoch folders hold the reference's per-step files; whatever they hold is the run's.
const STEP_FOLDER = /^(?:step|epoch)_\d+$/;
// Files the reference writes at the top of an experiment folder (stats.json, train_data.jsonl, …), and
// notes (README.md) a researcher keeps beside them.
const EXPERIMENT_FILE = /^[^/]+\.(?:json|jsonl|txt|log|diff|md)$/i;
// Folders and files that archivers (macOS Finder, tar on macOS) add beside the content: never written.
const ARCHIVER_JUNK = (segment: string) =>
  segment === "__MACOSX" || segment === ".DS_Store" || segment.startsWith("._");

function inExperiment(segments: string[], isDir: boolean): boolean {
  const [first] = segments;
  if (first === undefined) return true;
  if (STEP_FOLDER.test(first)) return true;
  return segments.length === 1 && !isDir && EXPERIMENT_FILE.test(first);
}

function inRunFolder(segments: string[], isDir: boolean): boolean {
  const [top, , third] = segments;
  if (top === "data") {
    // data/, data/<domain>/, data/<domain>/train/ are folders; below them, one experiment folder.
    if (segments.length <= 2) return isDir;
    if (third !== "train") return false;
    if (segments.length <= 4) return isDir;
    return inExperiment(segments.slice(4), isDir);
  }
  if (top === "tinker-examples") {
    // The log folder tinker-examples/<experiment>/ holds config.json, metrics.jsonl, logs, checkpoints.
    return segments.length > 2 || isDir;
  }
  return false;
}

const fits = (segments: string[], isDir: boolean) =>
  segments.length === 0 || inRunFolder(segments, isDir) || inExperiment(segments, isDir);

/** The layouts inside wrapping folders; a wrapping folder's own entry is fine too. */
function wrapped(segments: string[], isDir: boolean): boolean {
  const [first, second] = segments;
  // One folder around either layout (the archive of the run's or the experiment's parent).
  if (segments.length === 1 ? isDir : fits(segments.slice(1), isDir)) return true;
  // Two around a run folder (data/ and tinker-examples/ say it is one): the archive of its parent.
  if (segments.length === 2 ? isDir : inRunFolder(segments.slice(2), isDir)) return true;
  // The experiment folder's own parents: train/<experiment>/…, <domain>/train/<experiment>/….
  if (first === "train") return segments.length <= 2 ? isDir : inExperiment(segments.slice(2), isDir);
  if (second === "train") return segments.length <= 3 ? isDir : inExperiment(segments.slice(3), isDir);
  return false;
}

/**
 * "write" for an entry that can belong to an experiment archive, "skip" for archiver junk; anything
 * else is refused, naming the entry.
 */
export function checkExperimentEntry(name: string, isDir: boolean): EntryVerdict {
  const segments = name.split(/[\\/]+/).filter((s) => s !== "" && s !== ".");
  if (segments.some(ARCHIVER_JUNK)) return "skip";
  if (fits(segments, isDir) || wrapped(segments, isDir)) return "write";
  throw badRequest(
    `archive: entry "${name}" cannot belong to an experiment folder (expected data/<domain>/train/<experiment>/, ` +
      "tinker-examples/<experiment>/, or an experiment folder's stats.json, train_data.jsonl, step_N/ and epoch_N/)",
  );
}
