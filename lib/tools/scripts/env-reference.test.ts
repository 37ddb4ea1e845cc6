/**
 * docs/deploy.md's environment reference and .env.example name every variable the code reads, so that a
 * new variable cannot ship undocumented. "Reads" means `process.env.NAME`, `env.NAME` on an environment
 * passed down, and the keys of the zod schemas that validate the environment as a whole.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

const ROOTS = ["app", "lib", "e2e"];
const FILES = ["next.config.js", "playwright.config.ts", "prisma.config.ts"];
/** Schemas over the whole environment: their keys are variables too. */
const ENV_SCHEMAS = ["lib/server/runner/worker/worker-config.ts", "lib/domain/runs/resource-limits.ts"];
const SKIP_DIRS = new Set(["generated", "node_modules", "testing", "testdata"]);

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIP_DIRS.has(name) ? [] : listSources(path);
    // Tests set variables for the code under test; they read none of their own worth documenting.
    return /\.(ts|tsx|js|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function readVariables(): string[] {
  const names = new Set<string>();
  for (const file of [...ROOTS.flatMap(listSources), ...FILES]) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:process\.env|\benv\??)\.([A-Z][A-Z0-9_]+)\b/g)) names.add(m[1]!);
  }
  for (const file of ENV_SCHEMAS)
    for (const m of readFileSync(file, "utf8").matchAll(/^\s+([A-Z][A-Z0-9]*_[A-Z0-9_]+):/gm))
      names.add(m[1]!);
  return [...names].sort();
}

test("every variable the code reads is in docs/deploy.md's reference and in .env.example", () => {
  const variables = readVariables();
  // The scan itself works: these are read in ways it must see.
  expect(variables).toEqual(
    expect.arrayContaining(["DATABASE_URL", "WORKER_CONCURRENCY", "ESPL_MAX_TOKENS", "ESPL_PROCESSES"]),
  );
  const reference = readFileSync("docs/deploy.md", "utf8");
  const example = readFileSync(".env.example", "utf8");
  expect(variables.filter((v) => !reference.includes(`\`${v}\``))).toEqual([]);
  expect(variables.filter((v) => !new RegExp(`^(# )?${v}=`, "m").test(example))).toEqual([]);
});
