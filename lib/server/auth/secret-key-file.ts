/**
 * For `npm start` without ESPL_SECRET_KEY: a key generated on first start and kept in a gitignored file
 * (mode 0600), so backend API keys stay readable across restarts. An explicit ESPL_SECRET_KEY wins.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseSecretKey } from "./secret-box";

export const DEFAULT_SECRET_KEY_FILE = ".data/secret-key";

/** Returns the key (base64) to put in the environment, and where it came from. */
export function ensureSecretKey(
  env: Record<string, string | undefined>,
  file = DEFAULT_SECRET_KEY_FILE,
): { key: string; source: "env" | "file" | "generated" } {
  if (env.ESPL_SECRET_KEY) {
    parseSecretKey(env.ESPL_SECRET_KEY);
    return { key: env.ESPL_SECRET_KEY, source: "env" };
  }
  if (existsSync(file)) {
    const key = readFileSync(file, "utf8").trim();
    parseSecretKey(key);
    return { key, source: "file" };
  }
  const key = randomBytes(32).toString("base64");
  mkdirSync(dirname(file), { recursive: true });
  // "wx": two first starts at once must not overwrite each other's key.
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  } catch {
    return ensureSecretKey(env, file);
  }
  return { key, source: "generated" };
}
