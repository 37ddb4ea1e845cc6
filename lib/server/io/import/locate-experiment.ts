/**
 * Finds the experiment folder (`data/<domain>/train/<experiment>/`, SPEC §12.1) and its log folder
 * (`tinker-examples/<experiment>/`, or config.json's log_path) from the path a researcher gives: the
 * folder the script ran in, or the experiment folder itself; either may sit inside wrapping folders
 * (an archive made from a parent: the layouts archive-layout.ts lets through).
 */
import "server-only";
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { badRequest } from "@/lib/domain/errors";

export interface ExperimentLocation {
  root: string;
  experimentDir: string;
  /** Null when no log folder was found (config, metrics.jsonl and checkpoints then stay unknown). */
  logDir: string | null;
  domain: string;
  experimentName: string;
}

const isDir = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );

async function subdirs(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

async function looksLikeExperiment(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.includes("stats.json") || names.some((n) => /^step_\d+$/.test(n));
}

// run/, parent/run/, train/exp/, <domain>/train/exp/: at most three folders wrap what we look for.
const MAX_WRAPPING = 3;

/** Experiment folders of a run folder (the folder the script ran in): data/<domain>/train/<experiment>/. */
async function inRunFolder(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const domain of await subdirs(join(root, "data")))
    for (const name of await subdirs(join(root, "data", domain, "train"))) {
      const dir = join(root, "data", domain, "train", name);
      if (await looksLikeExperiment(dir)) found.push(dir);
    }
  return found;
}

async function findExperimentDirs(root: string, depth = 0): Promise<string[]> {
  if (await looksLikeExperiment(root)) return [root];
  let found = await inRunFolder(root);
  // A folder of run folders (with notes beside them): each run folder's experiments.
  if (found.length === 0 && depth < MAX_WRAPPING)
    for (const name of await subdirs(root)) found = [...found, ...(await inRunFolder(join(root, name)))];
  if (found.length > 0 || depth >= MAX_WRAPPING) return found;
  // One folder and nothing else: the archive (or path) wraps the folder in its parent's name.
  const names = await readdir(root).catch(() => [] as string[]);
  const only = names.length === 1 ? names[0]! : null;
  return only && (await isDir(join(root, only))) ? findExperimentDirs(join(root, only), depth + 1) : [];
}

export interface LocateOptions {
  /** Names the path in refusals: an unpacked upload's temporary folder is "the archive" to its user. */
  label?: string;
  /**
   * Set for an unpacked archive: nothing above `root` is the run's (it is the server's temporary folder),
   * so neither the log folder, the domain nor the name is read from there; `name` stands in for the
   * experiment's name when the archive holds the experiment folder's content only.
   */
  archive?: { name: string };
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

/** Throws a bad request (CLI exit 2) when the path holds no experiment, or more than one. */
export async function locateExperiment(
  path: string,
  options: LocateOptions = {},
): Promise<ExperimentLocation> {
  const { label = path, archive } = options;
  const root = resolve(path);
  if (!(await isDir(root))) throw badRequest(`${label} is not a folder`);
  const dirs = await findExperimentDirs(root);
  if (dirs.length === 0)
    throw badRequest(
      `${label} is not an experiment folder (no stats.json or step_N folders, nor data/<domain>/train/<experiment>/)`,
    );
  if (dirs.length > 1)
    throw badRequest(
      `${label} holds ${dirs.length} experiments; give one of: ${dirs.map((d) => relative(root, d)).join(", ")}`,
    );
  const experimentDir = dirs[0]!;
  // Of an archive, only what it holds counts: its temporary folder's name is nobody's experiment.
  const held = (p: string) => !archive || (inside(root, p) && p !== root);
  const experimentName = held(experimentDir) ? basename(experimentDir) : archive!.name;
  const trainDir = dirname(experimentDir);
  const underTrain = basename(trainDir) === "train" && held(trainDir);
  const domain = underTrain && held(dirname(trainDir)) ? basename(dirname(trainDir)) : "math";
  // The script's working folder holds data/ and, beside it, the log folder tinker-examples/<experiment>/.
  // Only a data/<domain>/train/ parent says where that folder is; never look above an unrelated one.
  const runDir = underTrain ? resolve(trainDir, "..", "..", "..") : null;
  const candidates = [
    ...(runDir && (!archive || inside(root, runDir))
      ? [join(runDir, "tinker-examples", experimentName)]
      : []),
    join(root, "tinker-examples", experimentName),
  ];
  let logDir: string | null = null;
  for (const candidate of candidates) if (await isDir(candidate)) logDir ??= candidate;
  return { root, experimentDir, logDir, domain, experimentName };
}
