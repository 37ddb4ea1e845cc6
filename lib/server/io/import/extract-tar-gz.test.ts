/** Archives built with the system's tar: a good one unpacks; links, escaping paths and size limits refuse. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { DEFAULT_ARCHIVE_LIMITS, extractTarGz, resolveEntryPath } from "./extract-tar-gz";

const work = mkdtempSync(join(tmpdir(), "espl-tar-"));

function pack(name: string, build: (dir: string) => void, members: string[], extra: string[] = []): string {
  const dir = join(work, `${name}-src`);
  mkdirSync(dir);
  build(dir);
  const archive = join(work, `${name}.tar.gz`);
  execFileSync("tar", ["-czf", archive, ...extra, "-C", dir, ...members]);
  return archive;
}

describe("extractTarGz", () => {
  test("unpacks plain files and folders", async () => {
    const archive = pack(
      "good",
      (dir) => {
        mkdirSync(join(dir, "data/math/train/x"), { recursive: true });
        writeFileSync(join(dir, "data/math/train/x/stats.json"), "{}");
        writeFileSync(join(dir, `${"long-name-".repeat(12)}.txt`), "x".repeat(1000));
      },
      ["."],
    );
    const target = mkdtempSync(join(work, "out-"));
    await extractTarGz(archive, target);
    expect(readFileSync(join(target, "data/math/train/x/stats.json"), "utf8")).toBe("{}");
    expect(readFileSync(join(target, `${"long-name-".repeat(12)}.txt`), "utf8")).toHaveLength(1000);
  });

  test("a symbolic link is refused before anything is written for it", async () => {
    const archive = pack("link", (dir) => symlinkSync("/etc/passwd", join(dir, "stats.json")), [
      "stats.json",
    ]);
    const target = mkdtempSync(join(work, "out-"));
    await expect(extractTarGz(archive, target)).rejects.toThrow(/is a link/);
    expect(existsSync(join(target, "stats.json"))).toBe(false);
  });

  test("a path escaping the folder is refused", async () => {
    const outside = join(work, "outside.txt");
    writeFileSync(outside, "secret");
    const archive = join(work, "escape.tar.gz");
    execFileSync(
      "tar",
      ["-czf", archive, "-P", "-C", join(work), "../" + work.split("/").pop() + "/outside.txt"],
      {
        cwd: work,
      },
    );
    const target = mkdtempSync(join(work, "out-"));
    await expect(extractTarGz(archive, target)).rejects.toThrow(/points outside the folder/);
    expect(() => resolveEntryPath(target, "/etc/passwd")).toThrow(/outside/);
    expect(() => resolveEntryPath(target, "a/../../b")).toThrow(/outside/);
  });

  test("size and count limits, and a file that is not gzip", async () => {
    const archive = pack("big", (dir) => writeFileSync(join(dir, "a.jsonl"), "y".repeat(5000)), ["a.jsonl"]);
    await expect(
      extractTarGz(archive, mkdtempSync(join(work, "out-")), {
        limits: { ...DEFAULT_ARCHIVE_LIMITS, maxEntryBytes: 4096 },
      }),
    ).rejects.toThrow(/too large/);
    await expect(
      extractTarGz(archive, mkdtempSync(join(work, "out-")), {
        limits: { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 0 },
      }),
    ).rejects.toThrow(/more than 0 entries/);
    const notGzip = join(work, "plain.tar.gz");
    writeFileSync(notGzip, "hello");
    await expect(extractTarGz(notGzip, mkdtempSync(join(work, "out-")))).rejects.toThrow(/not a valid/);
  });
});
