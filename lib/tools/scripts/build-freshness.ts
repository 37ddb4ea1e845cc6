/**
 * `npm start` builds only when the production build is missing or older than the sources, so the
 * second start is fast and a pulled change is never served from a stale build.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCE_ROOTS = ["app", "components", "lib", "public"];
const SOURCE_FILES = ["next.config.js", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
const SKIP = new Set(["generated", "node_modules", "vectors"]);

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    // Tests are not part of the build; editing one must not force a rebuild.
    if (SKIP.has(entry) || /\.test\.tsx?$/.test(entry)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isBuildStale(root = process.cwd()): boolean {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const paths = [...SOURCE_ROOTS, ...SOURCE_FILES].map((p) => join(root, p)).filter((p) => existsSync(p));
  return paths.some((p) => newestMtime(p) > built);
}
