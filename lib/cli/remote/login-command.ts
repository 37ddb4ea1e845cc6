/**
 * `espl login URL [--token TOKEN]` checks a token against the server (GET /api/v1/me) and stores both in
 * the user's config dir (0600), so later commands go over HTTP; without --token the token is read from
 * stdin (kept out of the shell history). `espl logout` forgets it: commands use the database again.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { usageError, EXIT } from "../cli-error";
import { REMOTE_SUMMARY } from "../usage";
import { ApiClient } from "./api-client";
import { remoteSchema, removeRemote, writeRemote } from "./cli-config";

export const LOGIN_USAGE = `Usage: espl login URL [--token TOKEN]
       espl logout

login: checks an API token (a project's Settings → API tokens) against the server at URL and stores
both in $XDG_CONFIG_HOME/espl/config.json (default ~/.config/espl/config.json, readable by you alone).
Afterwards commands go over HTTP with that token and the role it has, in the token's project:
${REMOTE_SUMMARY}
Without --token the token is read from stdin. ESPL_URL and ESPL_TOKEN, when set, win over the stored
login.

logout: forgets the stored login; commands use the database again.
`;

interface LoginIo {
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream;
  stderr: NodeJS.WritableStream;
  out(line: string): void;
  signal: AbortSignal;
}

async function readTokenLine(io: LoginIo): Promise<string> {
  const lines = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  try {
    if ((io.stdin as { isTTY?: boolean }).isTTY) io.stderr.write("API token: ");
    for await (const line of lines) return line.trim();
    return "";
  } finally {
    lines.close();
  }
}

export async function runLoginCommand(argv: readonly string[], io: LoginIo): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { token: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError((error as Error).message.split(/\.(?:\s|$)/)[0]!, command);
  }
  if (parsed.values.help) {
    io.out(LOGIN_USAGE.trimEnd());
    return EXIT.ok;
  }
  if (command === "logout") {
    if (parsed.positionals.length > 0) throw usageError("logout takes no arguments", "logout");
    io.out((await removeRemote(io.env)) ? "logged out" : "not logged in");
    return EXIT.ok;
  }
  if (parsed.positionals.length !== 1) throw usageError("give the server's URL", "login");
  const token = parsed.values.token ?? (await readTokenLine(io));
  const checked = remoteSchema.safeParse({ url: parsed.positionals[0], token });
  if (!checked.success)
    throw usageError(
      checked.error.issues.map((i) => `${String(i.path[0])} ${i.message}`).join("; "),
      "login",
    );
  const me = await new ApiClient(checked.data, io.signal).json<{
    user: { name: string };
    projects: { slug: string; role: string }[];
  }>("GET", "/api/v1/me");
  const path = await writeRemote(io.env, checked.data);
  const reach = me.projects.map((p) => `${p.slug} as ${p.role}`).join(", ");
  io.out(`logged in to ${checked.data.url} as ${me.user.name} (${reach}); saved in ${path}`);
  return EXIT.ok;
}
