/**
 * Where the CLI talks to: a server over HTTP with an API token, from ESPL_URL + ESPL_TOKEN or from what
 * `espl login` stored in the user's config dir ($XDG_CONFIG_HOME/espl/config.json, else
 * ~/.config/espl/config.json, readable by the user alone); neither: the database directly (the local
 * embedded default).
 */
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { z } from "zod";
import { API_TOKEN_PATTERN } from "@/lib/domain/api-tokens/api-token-schemas";
import { CliError } from "../cli-error";

type Env = Record<string, string | undefined>;

export const remoteSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .transform((url) => url.replace(/\/+$/, "")),
  token: z.string().regex(API_TOKEN_PATTERN, "is not an E-SPL API token (espl_ and 43 characters)"),
});

export type Remote = z.output<typeof remoteSchema>;

export function configPath(env: Env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "espl", "config.json");
}

function parseRemote(value: unknown, where: string): Remote {
  const parsed = remoteSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "value"} ${i.message}`);
  throw new CliError(`${where}: ${problems.join("; ")}`);
}

/** The server to use, or null for the database. ESPL_URL and ESPL_TOKEN win over the stored login. */
export async function readRemote(env: Env): Promise<Remote | null> {
  if (env.ESPL_URL || env.ESPL_TOKEN) {
    if (!env.ESPL_URL || !env.ESPL_TOKEN) throw new CliError("set both ESPL_URL and ESPL_TOKEN, or neither");
    return parseRemote({ url: env.ESPL_URL, token: env.ESPL_TOKEN }, "ESPL_URL/ESPL_TOKEN");
  }
  const path = configPath(env);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not valid JSON (espl logout removes it)`);
  }
  return parseRemote(value, path);
}

export async function writeRemote(env: Env, remote: Remote): Promise<string> {
  const path = configPath(env);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(remote, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies to a new file only; an older, wider file is narrowed too.
  await chmod(path, 0o600);
  return path;
}

export async function removeRemote(env: Env): Promise<boolean> {
  const path = configPath(env);
  try {
    await rm(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
