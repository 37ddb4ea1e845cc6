import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CaseChecker } from "./types";

type CheckerModule = { check: CaseChecker };

/**
 * Vectors file stem → its checker module, `checkers/<stem in kebab-case>.ts`. Found by name so that
 * `npm run parity` reads whatever files a directory holds, and loaded lazily so a directory with a few
 * files only loads their checkers.
 */
export function findChecker(stem: string): (() => Promise<CheckerModule>) | null {
  if (!/^[a-z0-9_]+$/.test(stem)) return null;
  const url = new URL(`./checkers/${stem.replaceAll("_", "-")}.ts`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return null;
  return () => import(/* @vite-ignore */ url.href) as Promise<CheckerModule>;
}
