/**
 * The real CLI (child processes) over real HTTP: the app's /api/v1 route handlers behind a node:http
 * server, a real worker executing the runs, and an API token. `espl login` stores the token (0600);
 * `espl run --wait` launches and follows a run to completion through the API; status and export read it
 * back; a viewer's token is refused the launch; a revoked token is refused at once.
 */
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiToken, revokeApiToken } from "@/lib/server/auth/api-tokens/api-tokens";
import { resolveMember, type MemberCaller } from "@/lib/server/auth/caller";
import { createProjectRow, createSessionToken, createUserRow } from "@/lib/server/auth/testing/auth-fixtures";
import { startRouteServer } from "@/lib/server/http/testing/route-server";
import {
  killWorkers,
  REAL_WORKER_ENTRY,
  startWorkers,
  type WorkerProcess,
} from "@/lib/server/runner/testing/worker-processes";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { runEspl } from "../testing/spawn-espl";

const TINY = ["dataset_size=8", "batch_size=4", "group_size=2", "test_group_size=2", "n_epochs=1"];
const sets = TINY.flatMap((line) => ["--set", line]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let db: TestDatabase;
let server: { url: string; close(): Promise<void> };
let workers: WorkerProcess[] = [];
let editor: MemberCaller;
let viewer: MemberCaller;
const configHome = mkdtempSync(join(tmpdir(), "espl-remote-"));
/** No DATABASE_URL: a command that fell back to the database would fail, not pass quietly. */
const baseEnv = {
  XDG_CONFIG_HOME: configHome,
  DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
  ESPL_POLL_MS: "200",
};

async function memberOf(projectId: string, role: "viewer" | "editor") {
  const user = await createUserRow(db.prisma, [{ projectId, role }]);
  return (await resolveMember(db.prisma, await createSessionToken(db.prisma, user.id)))!;
}

const tokenInput = (role: "viewer" | "editor") => ({
  projectSlug: "remote",
  name: `cli ${role}`,
  kind: "personal" as const,
  role,
  expiresInDays: 1,
});

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const project = await createProjectRow(db.prisma, "Remote");
  editor = await memberOf(project.id, "editor");
  viewer = await memberOf(project.id, "viewer");
  server = await startRouteServer("app/api/v1");
  workers = await startWorkers(db.url, ["remote-worker"], {}, REAL_WORKER_ENTRY);
});
afterAll(async () => {
  await killWorkers(workers);
  await server?.close();
  await db?.drop();
});

describe("espl over HTTP with a token", () => {
  let token: string;
  let tokenId: string;
  let runId: string;

  test("login checks the token and stores it readable by the user alone", async () => {
    ({ token, tokenId } = await createApiToken(
      db.prisma,
      editor,
      editor.memberships[0]!,
      tokenInput("editor"),
    ));
    const refused = await runEspl(["login", server.url, "--token", `espl_${"x".repeat(43)}`], baseEnv);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/refused by .*unknown, expired or revoked/);
    const result = await runEspl(["login", server.url, "--token", token], baseEnv);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^logged in to http:\/\/127\.0\.0\.1:\d+ as .* as editor\)/);
    const mode = statSync(join(configHome, "espl", "config.json")).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  test("run --wait launches through the API and follows the run to completion", async () => {
    const result = await runEspl(["run", ...sets, "--seed", "3", "--name", "over http", "--wait"], baseEnv);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    runId = lines[0]!;
    expect(runId).toMatch(UUID);
    expect(lines.at(-1)).toMatch(/^completed: 2 steps, best test Pass@1 \d\.\d{3}$/);
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({
      status: "completed",
      name: "over http",
      seed: 3,
      createdById: editor.user.id,
    });
  });

  test("status and export read the run back over HTTP", async () => {
    const status = await runEspl(["status", runId.slice(0, 8)], baseEnv);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^run\\s+${runId}$`, "m"));
    expect(status.stdout).toMatch(/^status\s+completed$/m);
    const csv = await runEspl(["export", runId, "-f", "csv"], baseEnv);
    expect(csv.code, csv.stderr).toBe(0);
    const rows = csv.stdout.trimEnd().split("\n");
    expect(rows[0]).toMatch(/^step,/);
    expect(rows).toHaveLength(3);
  });

  test("a viewer's token may read but not launch", async () => {
    const { token: viewerToken } = await createApiToken(
      db.prisma,
      viewer,
      viewer.memberships[0]!,
      tokenInput("viewer"),
    );
    const env = { ...baseEnv, ESPL_URL: server.url, ESPL_TOKEN: viewerToken };
    expect((await runEspl(["status", runId], env)).code).toBe(0);
    const launch = await runEspl(["run", ...sets], env);
    expect(launch.code).toBe(2);
    expect(launch.stderr.trimEnd()).toMatch(/^espl: this needs the editor role in Remote; you are viewer$/);
  });

  test("a revoked token is refused on the very next command", async () => {
    await revokeApiToken(db.prisma, editor, editor.memberships[0]!, tokenId);
    const result = await runEspl(["status"], baseEnv);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd()).toBe(
      `espl: refused by ${server.url}: the API token is unknown, expired or revoked (espl login ${server.url} with a new token)`,
    );
  });
});
