/**
 * Finds the experiment folder (`data/<domain>/train/<experiment>/`, SPEC §12.1) and its log folder
 * (`tinker-examples/<experiment>/`, or config.json's log_path) from the path a researcher gives: the
 * folder the script ran in, or the experiment folder itself.
 */
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { badRequest } from "@/lib/errors";

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

async function findExperimentDirs(root: string): Promise<string[]> {
  if (await looksLikeExperiment(root)) return [root];
  const found: string[] = [];
  for (const domain of await subdirs(join(root, "data")))
    for (const name of await subdirs(join(root, "data", domain, "train"))) {
      const dir = join(root, "data", domain, "train", name);
      if (await looksLikeExperiment(dir)) found.push(dir);
    }
  return found;
}

/** Throws a bad request (CLI exit 2) when the path holds no experiment, or more than one. */
export async function locateExperiment(path: string): Promise<ExperimentLocation> {
  const root = resolve(path);
  if (!(await isDir(root))) throw badRequest(`${path} is not a folder`);
  const dirs = await findExperimentDirs(root);
  if (dirs.length === 0)
    throw badRequest(
      `${path} is not an experiment folder (no stats.json or step_N folders, nor data/<domain>/train/<experiment>/)`,
    );
  if (dirs.length > 1)
    throw badRequest(`${path} holds ${dirs.length} experiments; give one of: ${dirs.join(", ")}`);
  const experimentDir = dirs[0]!;
  const experimentName = basename(experimentDir);
  const trainDir = dirname(experimentDir);
  const domain = basename(trainDir) === "train" ? basename(dirname(trainDir)) : "math";
  // The script's working folder holds data/ and, beside it, the log folder tinker-examples/<experiment>/.
  const runDir = experimentDir === root ? resolve(trainDir, "..", "..", "..") : root;
  const candidates = [
    join(runDir, "tinker-examples", experimentName),
    join(root, "tinker-examples", experimentName),
  ];
  let logDir: string | null = null;
  for (const candidate of candidates) if (await isDir(candidate)) logDir ??= candidate;
  return { root, experimentDir, logDir, domain, experimentName };
}
