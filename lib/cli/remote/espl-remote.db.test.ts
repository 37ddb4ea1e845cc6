/**
 * The real CLI (child processes) over real HTTP: the app's /api/v1 route handlers behind a node:http
 * server, a real worker executing the runs, and an API token. `espl login` stores the token (0600);
 * `espl run --wait` launches and follows a run to completion through the API; status and export read it
 * back; a viewer's token is refused the launch; a revoked token is refused at once. The commands that
 * wrote to the database directly (a group launch and its control, reproduce, import, eval) do the same
 * over HTTP: a viewer is refused with the API's line, an editor's result equals the stored rows. The
 * backend commands over HTTP are in espl-remote-backends.db.test.ts.
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
import { experimentGroupQuerySchema } from "@/lib/domain/experiments/group-query";
import { formatEvaluationExport } from "@/lib/server/evaluations/export-evaluation";
import { getEvaluation } from "@/lib/server/evaluations/read-evaluations";
import { readExperimentGroups } from "@/lib/server/read/experiment-groups";
import { formatResultsCsv } from "@/lib/view/experiments/format-results";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { formatGridLines } from "../format-evaluation";
import { runEspl } from "../testing/spawn-espl";

const TINY = ["dataset_size=8", "batch_size=4", "group_size=2", "test_group_size=2", "n_epochs=1"];
const sets = TINY.flatMap((line) => ["--set", line]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REFERENCE_RUN = join(process.cwd(), "lib/espl/testdata/reference-runs/rl_seed302");
const VIEWER_REFUSED = /^espl: this needs the editor role in Remote; you are viewer$/;

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

  let viewerEnv: Record<string, string>;
  /** The command as a viewer: refused with the API's one line, exit 2. */
  async function expectViewerRefused(args: string[]) {
    const result = await runEspl(args, viewerEnv);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trimEnd()).toMatch(VIEWER_REFUSED);
  }

  test("a viewer's token may read but not launch", async () => {
    const { token: viewerToken } = await createApiToken(
      db.prisma,
      viewer,
      viewer.memberships[0]!,
      tokenInput("viewer"),
    );
    viewerEnv = { ...baseEnv, ESPL_URL: server.url, ESPL_TOKEN: viewerToken };
    expect((await runEspl(["status", runId], viewerEnv)).code).toBe(0);
    await expectViewerRefused(["run", ...sets]);
  });

  test("run --seeds launches a group through POST /api/v1/groups and follows its runs", async () => {
    await expectViewerRefused(["run", ...sets, "--seeds", "1-2", "--name", "refused group"]);
    const args = ["run", ...sets, "--seeds", "1-2", "--name", "seeds over http", "--wait"];
    const result = await runEspl(args, baseEnv);
    expect(result.code, result.stderr).toBe(0);
    const ids = result.stdout.split("\n").filter((line) => UUID.test(line));
    const stored = await db.prisma.run.findMany({
      where: { experiment: { name: "seeds over http" } },
      orderBy: { seed: "asc" },
    });
    expect(stored.map((r) => [r.id, r.seed, r.status, r.createdById])).toEqual([
      [ids[0], 1, "completed", editor.user.id],
      [ids[1], 2, "completed", editor.user.id],
    ]);
    expect(await db.prisma.experiment.count({ where: { name: "refused group" } })).toBe(0);
    expect(result.stderr).toMatch(/queued experiment "seeds over http": 2 runs; its table/);
    const table = await runEspl(["group", "seeds over http", "-f", "csv"], baseEnv);
    expect(table.code, table.stderr).toBe(0);
    // The same table as the database mode prints: the dashboard's read, formatted by the same function.
    const [{ projectId, experimentId }] = stored as [(typeof stored)[0]];
    const query = experimentGroupQuerySchema.parse({});
    const read = await readExperimentGroups(db.prisma, { projectIds: [projectId] }, experimentId!, query);
    expect(table.stdout).toBe(formatResultsCsv(read.table));
  });

  test("eval --wait queues an evaluation over HTTP and prints the stored grid", async () => {
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    const args = ["eval", runId, "--checkpoints", "base,final", "--programs", "root,best"];
    await expectViewerRefused(args);
    const more = ["--samples", "1", "--max-problems", "2", "--wait"];
    const result = await runEspl([...args, ...more, "--json"], baseEnv);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as {
      evaluation: string;
      status: string;
      cells: { checkpoint: string; program: number; n: number; metrics: Record<string, number> }[];
    };
    const stored = await db.prisma.evaluationCell.findMany({
      where: { evaluationId: printed.evaluation },
      orderBy: { position: "asc" },
    });
    expect(printed.status).toBe("completed");
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(printed.cells.map((c) => [c.checkpoint, c.program, c.n, c.metrics["Pass@1"]])).toEqual(
      stored.map((c) => [
        c.checkpointLabel,
        c.programId,
        c.n,
        (c.metrics as Record<string, number>)["Pass@1"],
      ]),
    );
    const text = await runEspl([...args, ...more], baseEnv);
    expect(text.code, text.stderr).toBe(0);
    // The grid the database mode prints for the same evaluation, by the same function.
    const evaluationId = /^evaluation ([0-9a-f-]{36}) {2}completed/.exec(text.stdout)![1]!;
    const detail = await getEvaluation({ projectIds: [run.projectId] }, runId, evaluationId);
    expect(text.stdout).toBe(`${formatGridLines(detail).join("\n")}\n`);
    // Its export over HTTP is the file the database mode writes, byte for byte.
    const csv = await runEspl(["export", runId, "--evaluation", evaluationId, "-f", "csv"], baseEnv);
    expect(csv.code, csv.stderr).toBe(0);
    const local = await formatEvaluationExport({ projectIds: [run.projectId] }, runId, evaluationId, "csv");
    expect(csv.stdout).toBe(local.text);
  });

  test("reproduce launches the comparison as one group over HTTP", async () => {
    const args = ["reproduce", ...sets, "--seeds", "1", "--name", "reproduced over http"];
    await expectViewerRefused(args);
    const result = await runEspl(args, baseEnv);
    expect(result.code, result.stderr).toBe(0);
    const stored = await db.prisma.run.findMany({
      where: { experiment: { name: "reproduced over http" } },
      select: { id: true },
    });
    expect(result.stdout.trimEnd().split("\n").sort()).toEqual(stored.map((r) => r.id).sort());
    expect(stored).toHaveLength(3);
  });

  test("import sends a folder as an archive; the run holds the folder's steps", async () => {
    await expectViewerRefused(["import", REFERENCE_RUN]);
    const result = await runEspl(["import", REFERENCE_RUN, "--name", "imported over http"], baseEnv);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    const steps = await db.prisma.step.count({ where: { runId: lines[0] } });
    expect(steps).toBeGreaterThan(0);
    expect(lines.slice(1, 2)).toEqual([`imported: ${steps} steps added, 0 already stored`]);
    expect(lines.at(-1)).toBe("problems: 0");
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: lines[0] } });
    expect(run.name).toBe("imported over http");
    const audit = await db.prisma.auditEntry.findFirstOrThrow({
      where: { targetId: lines[0], action: "run.imported" },
    });
    expect(audit.actorId).toBe(editor.user.id);
  });

  test("group --cancel cancels every run of a group over HTTP", async () => {
    // The default config: runs long enough to be cancelled before they end.
    const launch = await runEspl(["run", "--seeds", "5-6", "--name", "to cancel"], baseEnv);
    expect(launch.code, launch.stderr).toBe(0);
    await expectViewerRefused(["group", "to cancel", "--cancel"]);
    const result = await runEspl(["group", "to cancel", "--cancel"], baseEnv);
    expect(result.code, result.stderr).toBe(0);
    const stored = await db.prisma.run.findMany({
      where: { experiment: { name: "to cancel" } },
      select: { id: true, status: true, control: true },
    });
    const printed = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => line.split(" ")[0]);
    expect(printed.sort()).toEqual(stored.map((r) => r.id).sort());
    for (const run of stored) expect(run.status === "cancelled" || run.control === "cancel").toBe(true);
    expect(result.stderr).toMatch(/^espl: experiment "to cancel": /);
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
