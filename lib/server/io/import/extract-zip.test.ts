/**
 * Zip archives built with Python's zipfile (it can write the hostile entries a zip tool refuses to):
 * a good one unpacks; links, escaping paths, duplicates and size limits are refused.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { DEFAULT_ARCHIVE_LIMITS } from "./unpack-budget";
import { extractZip } from "./extract-zip";

const work = mkdtempSync(join(tmpdir(), "espl-zip-"));

/** entries: [name, content, unix mode]; mode 0o120777 makes a symlink entry whose target is the content. */
function pack(name: string, entries: [string, string, number][]): string {
  const archive = join(work, `${name}.zip`);
  const script = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, content, mode in json.loads(sys.argv[2]):
        info = zipfile.ZipInfo(name)
        info.external_attr = mode << 16
        z.writestr(info, content)
`;
  execFileSync("python3", ["-c", script, archive, JSON.stringify(entries)]);
  return archive;
}

const FILE = 0o100644;
const DIR = 0o040755;

async function refusal(archive: string, limits = DEFAULT_ARCHIVE_LIMITS): Promise<string> {
  const target = mkdtempSync(join(work, "out-"));
  const error = await extractZip(archive, target, { limits }).then(
    () => null,
    (e: Error) => e,
  );
  expect(error).not.toBeNull();
  return error!.message;
}

describe("extractZip", () => {
  test("unpacks plain files and folders", async () => {
    const archive = pack("good", [
      ["data/", "", DIR],
      ["data/math/train/x/stats.json", "{}", FILE],
      ["data/math/train/x/step_0/pool.json", "x".repeat(5000), FILE],
    ]);
    const target = mkdtempSync(join(work, "out-"));
    await extractZip(archive, target);
    expect(readFileSync(join(target, "data/math/train/x/stats.json"), "utf8")).toBe("{}");
    expect(readFileSync(join(target, "data/math/train/x/step_0/pool.json"), "utf8")).toHaveLength(5000);
  });

  test("a symbolic link is refused", async () => {
    expect(await refusal(pack("link", [["stats.json", "/etc/passwd", 0o120777]]))).toMatch(/is a link/);
  });

  test("an entry escaping the folder is refused before it is written", async () => {
    const target = mkdtempSync(join(work, "out-"));
    const archive = pack("escape", [["../escaped.txt", "gotcha", FILE]]);
    // yauzl refuses it while reading the directory; our own check would refuse it before writing.
    await expect(extractZip(archive, target)).rejects.toThrow(/outside the folder|invalid relative path/);
    expect(existsSync(join(target, "../escaped.txt"))).toBe(false);
  });

  test("an entry listed twice is refused instead of overwriting", async () => {
    expect(
      await refusal(
        pack("twice", [
          ["a.json", "first", FILE],
          ["a.json", "second", FILE],
        ]),
      ),
    ).toMatch(/appears twice/);
  });

  test("limits on entries, entry size and total size", async () => {
    const three = pack("three", [
      ["a.json", "1", FILE],
      ["b.json", "22", FILE],
      ["c.json", "333", FILE],
    ]);
    expect(await refusal(three, { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 2 })).toMatch(/more than 2 entries/);
    expect(await refusal(three, { ...DEFAULT_ARCHIVE_LIMITS, maxEntryBytes: 2 })).toMatch(/too large/);
    expect(await refusal(three, { ...DEFAULT_ARCHIVE_LIMITS, maxTotalBytes: 5 })).toMatch(/over the limit/);
  });

  test("something that is not a zip is a clear refusal", async () => {
    const fake = join(work, "fake.zip");
    execFileSync("python3", ["-c", `open(${JSON.stringify(fake)}, "w").write("not a zip")`]);
    expect(await refusal(fake)).toMatch(/not a valid \.zip/);
  });
});
