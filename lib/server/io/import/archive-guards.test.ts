/**
 * The guards that stop a hostile archive early: a gzip of zeros is refused from its header (nothing of
 * it is written), a stray entry at once, a full disk before anything; and the layouts an experiment
 * archive may have (the reference runs themselves, wrapped or not) all pass the per-entry check.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { checkExperimentEntry } from "./archive-layout";
import { extractTarGz } from "./extract-tar-gz";
import { extractZip } from "./extract-zip";
import { locateExperiment } from "./locate-experiment";
import { zerosArchive } from "./testing/zeros-archive";
import { DEFAULT_ARCHIVE_LIMITS } from "./unpack-budget";

const work = mkdtempSync(join(tmpdir(), "espl-guards-"));
const REFERENCE_RUNS = join(process.cwd(), "lib/espl/testdata/reference-runs");

/** Bytes of every file under dir. */
function bytesUnder(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

describe("a decompression bomb", () => {
  test("200 MB of gzipped zeros in an experiment-shaped entry is refused before any of it is written", async () => {
    const archive = await zerosArchive(
      join(work, "zeros.tar.gz"),
      "data/math/train/x/step_0/rollout.jsonl",
      200 * 1024 ** 2,
    );
    expect(statSync(archive).size).toBeLessThan(1024 ** 2);
    const target = mkdtempSync(join(work, "out-"));
    await expect(extractTarGz(archive, target)).rejects.toThrow(/more than 100 times its size/);
    expect(bytesUnder(target)).toBe(0);
  });

  test("the same bomb in a .zip is refused from its central directory", async () => {
    const big = join(work, "zeros.bin");
    execFileSync("python3", [
      "-c",
      `import zipfile,sys\nwith zipfile.ZipFile(sys.argv[1],"w",zipfile.ZIP_DEFLATED) as z:\n  with z.open("stats.json","w",force_zip64=True) as f:\n    [f.write(bytes(1<<20)) for _ in range(50)]`,
      big,
    ]);
    const target = mkdtempSync(join(work, "out-"));
    await expect(extractZip(big, target)).rejects.toThrow(/more than 100 times its size/);
    expect(bytesUnder(target)).toBe(0);
  });

  test("an archive that would not leave the disk's reserve free is refused", async () => {
    const archive = await zerosArchive(join(work, "small.tar.gz"), "stats.json", 10);
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, reserveFreeBytes: Number.MAX_SAFE_INTEGER };
    await expect(extractTarGz(archive, mkdtempSync(join(work, "out-")), { limits })).rejects.toThrow(
      /not enough free disk space/,
    );
  });
});

describe("the layout check", () => {
  test("a stray entry is refused at once, and nothing after it is written", async () => {
    const dir = join(work, "stray-src");
    mkdirSync(join(dir, "data/math/train/x"), { recursive: true });
    writeFileSync(join(dir, "zeros.bin"), "0".repeat(100));
    writeFileSync(join(dir, "data/math/train/x/stats.json"), "{}");
    const archive = join(work, "stray.tar.gz");
    execFileSync("tar", ["-czf", archive, "-C", dir, "zeros.bin", "data"]);
    const target = mkdtempSync(join(work, "out-"));
    await expect(extractTarGz(archive, target)).rejects.toThrow(/"zeros.bin" cannot belong to an experiment/);
    expect(readdirSync(target)).toEqual([]);
  });

  test("every file of both reference runs passes, as run folder, experiment folder and wrapped", () => {
    for (const run of readdirSync(REFERENCE_RUNS)) {
      const root = join(REFERENCE_RUNS, run);
      if (!statSync(root).isDirectory()) continue;
      const entries = readdirSync(root, { withFileTypes: true, recursive: true }).map((e) => ({
        name: relative(root, join(e.parentPath, e.name)),
        isDir: e.isDirectory(),
      }));
      expect(entries.length).toBeGreaterThan(10);
      for (const { name, isDir } of entries) {
        expect(checkExperimentEntry(name, isDir)).toBe("write");
        expect(checkExperimentEntry(`${run}/${name}`, isDir)).toBe("write");
        const inExperiment = name.split("/").slice(4).join("/");
        if (name.startsWith("data/") && inExperiment)
          expect(checkExperimentEntry(inExperiment, isDir)).toBe("write");
      }
    }
  });

  test("junk from archivers is skipped; other names are refused", () => {
    // The parents a researcher archives: of the run folder, and train/ or <domain>/train/ of the experiment.
    for (const name of [
      "runs/run/data/math/train/exp/stats.json",
      "runs/run/tinker-examples/exp/metrics.jsonl",
      "train/exp/stats.json",
      "train/exp/step_3/test_rollout.jsonl",
      "math/train/exp/step_0/sampled_program_0/rollout.jsonl",
    ])
      expect(checkExperimentEntry(name, false), name).toBe("write");
    expect(checkExperimentEntry("__MACOSX/._stats.json", false)).toBe("skip");
    expect(checkExperimentEntry("x/.DS_Store", false)).toBe("skip");
    for (const stray of [
      "zeros",
      "a/b/c/d",
      "data/math/stats.json",
      "node_modules/x/index.js",
      "x/y/stats.json",
      "a/b/run/data/math/train/exp/stats.json",
      "train/exp/notes/secret.pem",
    ])
      expect(() => checkExperimentEntry(stray, false)).toThrow(/cannot belong to an experiment folder/);
  });
});

describe("wrapped layouts", () => {
  test("a run folder inside one folder is found, log folder included", async () => {
    const root = mkdtempSync(join(work, "wrapped-"));
    mkdirSync(join(root, "run/data/math/train/exp/step_0"), { recursive: true });
    mkdirSync(join(root, "run/tinker-examples/exp"), { recursive: true });
    writeFileSync(join(root, "run/data/math/train/exp/stats.json"), "{}");
    const location = await locateExperiment(root);
    expect(location).toMatchObject({
      experimentDir: join(root, "run/data/math/train/exp"),
      logDir: join(root, "run/tinker-examples/exp"),
      experimentName: "exp",
      domain: "math",
    });
  });

  test("an experiment folder inside one folder is found; the label names it in refusals", async () => {
    const root = mkdtempSync(join(work, "wrapped-"));
    mkdirSync(join(root, "exp/step_0"), { recursive: true });
    expect((await locateExperiment(root)).experimentDir).toBe(join(root, "exp"));
    const empty = mkdtempSync(join(work, "empty-"));
    await expect(locateExperiment(empty, { label: "the archive" })).rejects.toThrow(
      /^the archive is not an experiment folder/,
    );
  });
});
