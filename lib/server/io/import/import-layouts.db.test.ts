/**
 * Every layout a researcher would archive, for both reference runs, as .tar.gz and as .zip: the run
 * folder (its content, or the folder itself), its parent, the experiment folder (content or folder) and
 * its parent. Each imports every step; none shows a server path (the unpacked temporary folder).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { importRun } from "./import-run";

const FIXTURES = join(process.cwd(), "lib/espl/testdata/reference-runs");
const RUNS = { evolution_rl_lucb_seed109: 12, rl_seed302: 6 } as const;
type RunName = keyof typeof RUNS;

let db: TestDatabase;
const scratch = mkdtempSync(join(tmpdir(), "espl-layouts-"));
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await db.drop();
});

/** Where to archive from and what, per layout; `logged` says whether the log folder is inside. */
function layouts(run: RunName) {
  const runDir = join(FIXTURES, run);
  const parent = join(scratch, `parent-${run}`);
  mkdirSync(join(parent, "runs"), { recursive: true });
  cpSync(runDir, join(parent, "runs", run), { recursive: true });
  return [
    { layout: "run folder content", cwd: runDir, paths: ["."], logged: true },
    { layout: "run folder", cwd: FIXTURES, paths: [`${run}/`], logged: true },
    { layout: "parent of the run folder", cwd: parent, paths: ["runs/"], logged: true },
    {
      layout: "experiment folder content",
      cwd: join(runDir, "data/math/train", run),
      paths: ["."],
      logged: false,
    },
    { layout: "experiment folder", cwd: join(runDir, "data/math/train"), paths: [`${run}/`], logged: false },
    {
      layout: "parent of the experiment folder",
      cwd: join(runDir, "data/math"),
      paths: ["train/"],
      logged: false,
    },
  ];
}

function makeArchive(format: "tar.gz" | "zip", cwd: string, paths: string[], name: string): string {
  const archive = join(scratch, `${name}.${format}`);
  if (format === "zip") execFileSync("zip", ["-qr", archive, ...paths], { cwd });
  else execFileSync("tar", ["-czf", archive, ...paths], { cwd });
  return archive;
}

let projects = 0;
describe.each(Object.keys(RUNS) as RunName[])("%s", (run) => {
  for (const { layout, cwd, paths, logged } of layouts(run))
    for (const format of ["tar.gz", "zip"] as const)
      test(`${layout} as .${format}`, async () => {
        const slug = `layout-${++projects}`;
        const project = await db.prisma.project.create({ data: { slug, name: slug } });
        const archive = makeArchive(format, cwd, paths, `${run}-${slug}`);
        const result = await importRun(
          { prisma: db.prisma, pool: db.pool },
          { path: archive, projectId: project.id },
        );
        expect(result.counts.steps).toBe(RUNS[run]);
        expect(result.stepsAdded).toBe(RUNS[run]);
        // Without the log folder, only that is reported, without a path of the server's.
        expect(result.problems.map((p) => p.reason)).toEqual(
          logged ? [] : [expect.stringMatching(/^no log folder/)],
        );
        const stored = await db.prisma.run.findUniqueOrThrow({ where: { id: result.runId } });
        // Archived without its folder, the experiment is named after the archive.
        const name = layout === "experiment folder content" ? `${run}-${slug}` : run;
        expect(stored.name).toBe(name);
        expect(stored.importKey).toBe(`math/${name}`);
        const shown = JSON.stringify({ result, name: stored.name, state: stored.engineState });
        expect(shown).not.toContain(tmpdir());
        expect(shown).not.toMatch(/espl-(import|layouts)-/);
      });
});

test("an archive holding both runs is refused in plain words, naming them inside the archive only", async () => {
  const archive = makeArchive("zip", join(FIXTURES, ".."), ["reference-runs/"], "both");
  const refusal = importRun({ prisma: db.prisma, pool: db.pool }, { path: archive });
  await expect(refusal).rejects.toMatchObject({ code: "bad_request" });
  const message = await refusal.catch((e: Error) => e.message);
  expect(message).toMatch(/^the archive holds 2 experiments; give one of: /);
  expect(message).toContain(
    "reference-runs/evolution_rl_lucb_seed109/data/math/train/evolution_rl_lucb_seed109",
  );
  expect(message).not.toContain(tmpdir());
});
