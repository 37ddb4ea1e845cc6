/**
 * The backend commands of the real CLI (child processes) over real HTTP, with API tokens: `espl backend
 * check NAME` resolves the name through GET /api/v1/backends and posts the check, printing exactly what
 * the database mode prints for the same backend (a simulated OpenAI-compatible server); a viewer is
 * refused with the API's line and an unknown name in one plain line; `--backend NAME` on run and eval
 * names a saved backend of the token's project, and the launched run uses it.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApiToken } from "@/lib/server/auth/api-tokens/api-tokens";
import { resolveMember } from "@/lib/server/auth/caller";
import {
  createProjectRow,
  createRunRow,
  createSessionToken,
  createUserRow,
} from "@/lib/server/auth/testing/auth-fixtures";
import { startRouteServer } from "@/lib/server/http/testing/route-server";
import { createBackendWithSecret } from "@/lib/server/runner/backends/backend-secrets";
import { SIM_OPENAI_MODELS } from "@/lib/server/runner/testing/sim-openai-backend";
import { ensureDefaultProject } from "@/lib/server/runs/create-run";
import { startSimOpenAIServer, type SimOpenAIServer } from "@/lib/tools/sim-servers/openai/sim-openai-server";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import { runEspl } from "../testing/spawn-espl";

const TINY = ["dataset_size=8", "batch_size=4", "group_size=2", "test_group_size=2", "n_epochs=1"];
const sets = TINY.flatMap((line) => ["--set", line]);

let db: TestDatabase;
let server: { url: string; close(): Promise<void> };
let simOpenAI: SimOpenAIServer;
let projectId: string;
let editorEnv: Record<string, string>;
let viewerEnv: Record<string, string>;

/** A token of the project with this role, as the environment of a command over HTTP. */
async function tokenEnv(role: "viewer" | "editor"): Promise<Record<string, string>> {
  const user = await createUserRow(db.prisma, [{ projectId, role }]);
  const member = (await resolveMember(db.prisma, await createSessionToken(db.prisma, user.id)))!;
  const { token } = await createApiToken(db.prisma, member, member.memberships[0]!, {
    projectSlug: "backends",
    name: `cli ${role}`,
    kind: "personal",
    role,
    expiresInDays: 1,
  });
  // No DATABASE_URL: a command that fell back to the database would fail, not pass quietly.
  return { ESPL_URL: server.url, ESPL_TOKEN: token, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" };
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  // The route server opens backend keys in this process; the database-mode CLI (a child) inherits it.
  process.env.ESPL_SECRET_KEY = randomBytes(32).toString("base64");
  simOpenAI = await startSimOpenAIServer({ seed: 4 });
  server = await startRouteServer("app/api/v1");
  const project = await createProjectRow(db.prisma, "Backends");
  projectId = project.id;
  editorEnv = await tokenEnv("editor");
  viewerEnv = await tokenEnv("viewer");
  // The same backend (name, server, key) in the token's project and in the database mode's default one.
  const owner = await createUserRow(db.prisma, [{ projectId, role: "owner" }]);
  const llm = { name: "llm", kind: "openai_compatible" as const, baseUrl: simOpenAI.baseUrl };
  const defaultProject = await ensureDefaultProject(db.prisma);
  for (const id of [projectId, defaultProject.id])
    await createBackendWithSecret(db.prisma, {
      ...llm,
      projectId: id,
      apiKey: "sk-remote",
      actorId: owner.id,
      models: SIM_OPENAI_MODELS,
    });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await simOpenAI?.close();
  await db?.drop();
});

test("backend check over HTTP prints what the database mode prints; a viewer and an unknown name are refused", async () => {
  const local = await runEspl(["backend", "check", "llm"], { DATABASE_URL: db.url });
  expect(local.code, local.stderr).toBe(0);
  expect(local.stdout).toMatch(/^llm \(openai_compatible\): connected; sampling yes/);
  const remote = await runEspl(["backend", "check", "llm"], editorEnv);
  expect(remote.code, remote.stderr).toBe(0);
  expect(remote.stdout).toBe(local.stdout);

  const viewer = await runEspl(["backend", "check", "llm"], viewerEnv);
  expect(viewer.code).toBe(2);
  expect(viewer.stderr.trimEnd()).toBe("espl: this needs the editor role in Backends; you are viewer");
  const unknown = await runEspl(["backend", "check", "nope"], editorEnv);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr.trimEnd()).toBe(
    `espl: no model backend "nope" in the token's project; choose one of: llm`,
  );
}, 60_000);

test("--backend NAME on run and eval names a saved backend of the token's project", async () => {
  const launched = await runEspl(["run", ...sets, "--backend", "llm", "--name", "on llm"], editorEnv);
  expect(launched.code, launched.stderr).toBe(0);
  const run = await db.prisma.run.findUniqueOrThrow({
    where: { id: launched.stdout.trim() },
    select: { name: true, policyBackend: { select: { name: true, projectId: true } } },
  });
  expect(run).toEqual({ name: "on llm", policyBackend: { name: "llm", projectId } });

  const unknownRun = await runEspl(["run", ...sets, "--backend", "nope"], editorEnv);
  expect(unknownRun.code).toBe(2);
  expect(unknownRun.stderr.trimEnd()).toBe(
    `espl: no model backend "nope" in the token's project; choose one of: sim, llm`,
  );
  const target = await createRunRow(db.prisma, projectId, "evaluated");
  const unknownEval = await runEspl(
    ["eval", target.id, "--programs", "root", "--backend", "nope"],
    editorEnv,
  );
  expect(unknownEval.code).toBe(2);
  expect(unknownEval.stderr.trimEnd()).toBe(
    `espl: no model backend "nope" in the token's project; choose one of: llm`,
  );
}, 60_000);
