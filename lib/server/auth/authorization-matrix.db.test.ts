/**
 * The authorization matrix: every route handler (app/**\/route.ts, each exported HTTP method) and every
 * server action (app/actions/*.ts, each export) has an entry here, or the first test fails. Each entry
 * names the rule it must declare and is then called, through its real wrapper on a real database, as
 * six callers: anonymous, viewer, editor and owner of project A, the owner of project B, and the holder
 * of a share link to a run in A. Who gets through and who gets 401/403/404 follows from the rule.
 */
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import type { Role } from "@/lib/generated/prisma/enums";
import type { ActionContext } from "@/lib/server/http/action-context";
import type { RouteHandler } from "@/lib/server/http/route";
import {
  createInvitationRow,
  createProjectRow,
  createRunRow,
  createSessionToken,
  createShareToken,
  createUserRow,
} from "./testing/auth-fixtures";
import { createApiTokenRow } from "./testing/api-token-fixtures";
import { createRolloutRow } from "@/lib/server/read/testing/rollout-fixtures";
import {
  callRouteHandler,
  listRouteHandlers,
  TEST_HOST as HOST,
  TEST_ORIGIN as ORIGIN,
} from "./testing/call-route";

// Server actions read their request through this seam; the test hands them real Headers and a cookie jar.
const actionRequest: { context: ActionContext | null } = { context: null };
vi.mock("@/lib/server/http/action-context", () => ({
  readActionContext: async () => {
    if (!actionRequest.context) throw new Error("no action context set");
    return actionRequest.context;
  },
}));

/** The request the next action call runs in: these cookies, from this origin. */
function setActionRequest(jar: Map<string, string>, origin: string) {
  actionRequest.context = {
    headers: new Headers({ host: HOST, origin }),
    cookies: {
      get: (key) => (jar.has(key) ? { value: jar.get(key)! } : undefined),
      set: (key, value) => void jar.set(key, value),
      delete: (key) => void jar.delete(key),
    },
  };
}

const PLAINTEXT_KEY = `sk-test-${randomBytes(12).toString("hex")}`;
const CALLERS = ["anonymous", "viewer", "editor", "owner", "otherOwner", "share"] as const;
type CallerName = (typeof CALLERS)[number];
type Rule = "public" | "member" | "share-or-member" | { role: Role };

let db: TestDatabase;
const users: Partial<Record<Exclude<CallerName, "anonymous" | "share">, string>> = {};
let projectA: { id: string; slug: string };
let projectB: { id: string; slug: string };
let runA: { id: string; name: string };
let shareToken: string;
let rolloutA: string;
let experimentA: string;
let evaluationA: string;
/** Every response body the matrix saw; none may contain the plaintext API key. */
const bodies: string[] = [];

async function credentialsOf(caller: CallerName): Promise<{ cookie?: string; share?: string }> {
  if (caller === "anonymous") return {};
  if (caller === "share") return { share: shareToken };
  return { cookie: `espl.session_token=${await createSessionToken(db.prisma, users[caller]!)}` };
}

type Outcome = "through" | 401 | 403 | 404;

function expectedOutcome(rule: Rule, caller: CallerName, readsRunA = false): Outcome {
  if (rule === "public") return "through";
  // A route that reads one run of project A: another project's owner gets through the rule, but the
  // scoped query finds nothing, so the run looks missing.
  if (readsRunA && caller === "otherOwner") return 404;
  if (caller === "anonymous") return 401;
  if (rule === "share-or-member") return "through";
  if (caller === "share") return 401;
  if (rule === "member") return "through";
  if (caller === "otherOwner") return 404;
  const rank = { viewer: 1, editor: 2, owner: 3 };
  return rank[caller as Role] >= rank[rule.role] ? "through" : 403;
}

function sameRule(declared: unknown, rule: Rule): boolean {
  if (typeof rule === "string") return declared === rule;
  return (
    typeof declared === "object" && declared !== null && (declared as { role?: string }).role === rule.role
  );
}

// ───────────── routes ─────────────

interface RouteEntry {
  rule: Rule;
  /** A function where the path needs fixtures made in beforeAll (e.g. a project slug). */
  path: string | (() => string);
  params?: () => Record<string, string>;
  body?: () => unknown;
  /** The route reads run A itself (not a list): scoped away from other projects. */
  readsRunA?: boolean;
}

const ROUTES: Record<string, RouteEntry> = {
  "app/api/health/route.ts GET": { rule: "public", path: "/api/health" },
  "app/api/health/ready/route.ts GET": { rule: "public", path: "/api/health/ready" },
  "app/api/health/live/route.ts GET": { rule: "public", path: "/api/health/live" },
  // Single sign-on is off here: both redirect to the sign-in page, whoever calls.
  "app/api/auth/oidc/start/route.ts GET": { rule: "public", path: "/api/auth/oidc/start" },
  "app/api/auth/callback/oidc/route.ts GET": {
    rule: "public",
    path: "/api/auth/callback/oidc?code=x&state=y",
  },
  "app/api/overview/route.ts GET": { rule: "member", path: "/api/overview" },
  "app/api/events/route.ts GET": { rule: "share-or-member", path: "/api/events" },
  "app/api/runs/route.ts GET": { rule: "member", path: "/api/runs" },
  // The body is not an archive: a caller who gets through is told so (400).
  "app/api/imports/route.ts POST": {
    rule: { role: "editor" },
    path: () => `/api/imports?project=${projectA.slug}&format=zip`,
    body: () => "not an archive",
  },
  // The body is one JSONL row: a caller who gets through imports it as a new dataset.
  "app/api/datasets/route.ts POST": {
    rule: { role: "editor" },
    path: () =>
      `/api/datasets?projectId=${projectA.id}&name=matrix-${randomBytes(4).toString("hex")}&format=jsonl&question=question&answer=answer`,
    body: () => '{"question":"What is 1+1?","answer":"2"}',
  },
  "app/api/runs/[runId]/export/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/export?format=csv",
    params: () => ({ runId: runA.id }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/overview/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/overview",
    params: () => ({ runId: runA.id }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/lineage/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/lineage",
    params: () => ({ runId: runA.id }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/lineage/[programId]/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/lineage/0",
    params: () => ({ runId: runA.id, programId: "0" }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/lineage/search/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/lineage/search?q=units",
    params: () => ({ runId: runA.id }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/ratings/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/ratings?programs=0",
    params: () => ({ runId: runA.id }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/ratings/replay/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/ratings/replay?step=0",
    params: () => ({ runId: runA.id }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/leaderboard/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/leaderboard",
    params: () => ({ runId: runA.id }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/prompts/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/prompts?q=units",
    params: () => ({ runId: runA.id }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/head-to-head/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/head-to-head",
    params: () => ({ runId: runA.id }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/evolution/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/evolution?afterStep=-1",
    params: () => ({ runId: runA.id }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/rollouts/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/rollouts?split=train&correct=yes",
    params: () => ({ runId: runA.id }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/rollouts/[rolloutId]/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/rollouts/y",
    params: () => ({ runId: runA.id, rolloutId: rolloutA }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/critiques/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/critiques?q=remainder",
    params: () => ({ runId: runA.id }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/llm-calls/[callId]/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/llm-calls/y",
    params: () => ({ runId: runA.id, callId: llmCallA }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/control/route.ts POST": {
    rule: { role: "editor" },
    path: "/api/runs/x/control",
    params: () => ({ runId: runA.id }),
    // Pausing a queued run again is a 409: still "through" (authorization passed).
    body: () => ({ action: "pause" }),
  },
  "app/api/runs/[runId]/evaluations/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/evaluations",
    params: () => ({ runId: runA.id }),
    readsRunA: true,
  },
  // Run A has no final checkpoint: a caller who gets through is told so (400), and nothing is queued.
  "app/api/runs/[runId]/evaluations/route.ts POST": {
    rule: { role: "editor" },
    path: "/api/runs/x/evaluations",
    params: () => ({ runId: runA.id }),
    body: () => ({ checkpoints: ["final"], programs: ["root"] }),
  },
  "app/api/runs/[runId]/evaluations/[evaluationId]/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/evaluations/y",
    params: () => ({ runId: runA.id, evaluationId: evaluationA }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/evaluations/[evaluationId]/samples/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/evaluations/y/samples?problem=0&cells=0,1",
    params: () => ({ runId: runA.id, evaluationId: evaluationA }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/evaluations/[evaluationId]/export/route.ts GET": {
    rule: "share-or-member",
    path: "/api/runs/x/evaluations/y/export?format=csv",
    params: () => ({ runId: runA.id, evaluationId: evaluationA }),
    readsRunA: true,
  },
  // The first caller through cancels it; later ones get { cancelled: false }: still "through".
  "app/api/runs/[runId]/evaluations/[evaluationId]/cancel/route.ts POST": {
    rule: { role: "editor" },
    path: "/api/runs/x/evaluations/y/cancel",
    params: () => ({ runId: runA.id, evaluationId: evaluationA }),
  },
  // A bad seeds spec: a caller who gets through is told so (400), and nothing is launched.
  "app/api/experiments/route.ts POST": {
    rule: { role: "editor" },
    path: "/api/experiments",
    body: () => ({ projectId: projectA.id, name: "matrix", seeds: "x" }),
  },
  "app/api/experiments/[experimentId]/route.ts GET": {
    rule: "member",
    path: "/api/experiments/x",
    params: () => ({ experimentId: experimentA }),
    readsRunA: true,
  },
  "app/api/experiments/[experimentId]/export/route.ts GET": {
    rule: "member",
    path: "/api/experiments/x/export?format=md",
    params: () => ({ experimentId: experimentA }),
    readsRunA: true,
  },
  // The group's one run is paused by the first caller through; later pauses skip it: still "through".
  "app/api/experiments/[experimentId]/control/route.ts POST": {
    rule: { role: "editor" },
    path: "/api/experiments/x/control",
    params: () => ({ experimentId: experimentA }),
    body: () => ({ projectId: projectA.id, action: "pause" }),
  },
};

async function callRoute(
  file: string,
  method: string,
  entry: RouteEntry,
  caller: CallerName,
  origin = ORIGIN,
) {
  const { cookie, share } = await credentialsOf(caller);
  const result = await callRouteHandler(file, method, {
    path: typeof entry.path === "function" ? entry.path() : entry.path,
    params: entry.params?.(),
    body: entry.body?.(),
    cookie,
    share: share ? { token: share, via: "header" } : undefined,
    origin,
  });
  bodies.push(result.text);
  return result;
}

function routeOutcome(status: number): Outcome {
  return status === 401 || status === 403 || status === 404 ? status : "through";
}

// ───────────── actions ─────────────

interface ActionEntry {
  rule: Rule;
  /** A fresh, valid input per call (for this caller), so every caller that gets through can succeed. */
  input: (caller: CallerName) => Promise<Record<string, unknown>>;
}

async function freshMemberOfA(role: Role = "viewer") {
  return createUserRow(db.prisma, [{ projectId: projectA.id, role }]);
}

async function createFinishedRunInA(experimentId: string | null = null) {
  const run = await createRunRow(db.prisma, projectA.id);
  return db.prisma.run.update({ where: { id: run.id }, data: { status: "completed", experimentId } });
}

async function createBackendRowInA() {
  return db.prisma.modelBackend.create({
    data: {
      projectId: projectA.id,
      name: `row ${randomBytes(4).toString("hex")}`,
      kind: "openai_compatible",
      baseUrl: "http://127.0.0.1:9/v1",
    },
    select: { id: true },
  });
}

async function createDatasetRowInA() {
  return db.prisma.dataset.create({
    data: { projectId: projectA.id, name: `matrix ${randomBytes(4).toString("hex")}`, source: "upload" },
    select: { id: true },
  });
}

const ACTIONS: Record<string, ActionEntry> = {
  "app/actions/api-tokens.ts createApiTokenAction": {
    rule: { role: "viewer" },
    input: async () => ({ projectSlug: projectA.slug, name: "matrix", kind: "personal", role: "viewer" }),
  },
  // A member revokes their own token (owners any): each caller gets a token of their own, where they have one.
  "app/actions/api-tokens.ts revokeApiTokenAction": {
    rule: { role: "viewer" },
    input: async (caller) => {
      const userId = users[caller as keyof typeof users] ?? users.owner!;
      const role: Role = caller === "editor" || caller === "owner" ? caller : "viewer";
      const token = await createApiTokenRow(db.prisma, { projectId: projectA.id, userId, role });
      return { projectSlug: projectA.slug, tokenId: token.id };
    },
  },
  "app/actions/auth.ts signInAction": {
    rule: "public",
    input: async () => {
      const user = await createUserRow(db.prisma, [], "right password");
      return { email: user.email, password: "right password" };
    },
  },
  "app/actions/auth.ts signUpAction": {
    rule: "public",
    input: async () => {
      // Sign-up after the first account is for an invited address.
      const email = `${randomBytes(6).toString("hex")}@new.example`;
      const invite = await createInvitationRow(db.prisma, projectA.id, users.owner!, "viewer", email);
      return { email, name: "New", password: "long enough", invite };
    },
  },
  "app/actions/auth.ts signOutAction": { rule: "public", input: async () => ({}) },
  "app/actions/auth.ts acceptInvitationAction": {
    rule: "member",
    input: async (caller) => {
      // Addressed to the caller (better-auth accepts only as the invited address).
      const project = await createProjectRow(db.prisma);
      const id = (users as Record<string, string | undefined>)[caller];
      const invitee = id ? await db.prisma.user.findUnique({ where: { id } }) : null;
      const email = invitee?.email ?? "nobody@invited.example";
      return {
        invitationId: await createInvitationRow(db.prisma, project.id, users.owner!, "viewer", email),
      };
    },
  },
  "app/actions/members.ts createInvitationAction": {
    rule: { role: "owner" },
    input: async () => ({
      projectSlug: projectA.slug,
      email: `${randomBytes(6).toString("hex")}@invited.example`,
      role: "viewer",
    }),
  },
  "app/actions/members.ts changeRoleAction": {
    rule: { role: "owner" },
    input: async () => ({ projectSlug: projectA.slug, userId: (await freshMemberOfA()).id, role: "editor" }),
  },
  "app/actions/members.ts removeMemberAction": {
    rule: { role: "owner" },
    input: async () => ({ projectSlug: projectA.slug, userId: (await freshMemberOfA()).id }),
  },
  "app/actions/members.ts revokeInvitationAction": {
    rule: { role: "owner" },
    input: async () => ({
      projectSlug: projectA.slug,
      invitationId: await createInvitationRow(db.prisma, projectA.id, users.owner!),
    }),
  },
  "app/actions/sharing.ts createShareLinkAction": {
    rule: { role: "owner" },
    input: async () => ({ projectSlug: projectA.slug, runIds: [runA.id] }),
  },
  "app/actions/sharing.ts revokeShareLinkAction": {
    rule: { role: "owner" },
    input: async () => ({
      projectSlug: projectA.slug,
      shareLinkId: (await createShareToken(db.prisma, { projectId: projectA.id, runIds: [runA.id] })).id,
    }),
  },
  // A bad config is refused by launchRun after authorization: "through" either way, nothing half-made.
  "app/actions/launch.ts launchRunAction": {
    rule: { role: "editor" },
    input: async () => ({ projectId: projectA.id, name: "", "config.batch_size": "many" }),
  },
  // Refused after authorization too (a bad config and seed range): nothing is created either way.
  "app/actions/launch-experiment.ts launchExperimentAction": {
    rule: { role: "editor" },
    input: async () => ({
      projectId: projectA.id,
      experimentName: "M",
      seeds: "2-1",
      "config.batch_size": "x",
    }),
  },
  // A fresh queued run per call, so every caller that gets through pauses it.
  "app/actions/run-controls.ts controlRunAction": {
    rule: { role: "editor" },
    input: async () => ({ runId: (await createRunRow(db.prisma, projectA.id)).id, action: "pause" }),
  },
  "app/actions/manage-runs.ts renameRunAction": {
    rule: { role: "editor" },
    input: async () => ({ runId: (await createRunRow(db.prisma, projectA.id)).id, name: "renamed" }),
  },
  "app/actions/manage-runs.ts editRunTagsAction": {
    rule: { role: "editor" },
    input: async () => ({ runId: (await createRunRow(db.prisma, projectA.id)).id, tags: "a, b" }),
  },
  "app/actions/manage-runs.ts editRunNotesAction": {
    rule: { role: "editor" },
    input: async () => ({ runId: (await createRunRow(db.prisma, projectA.id)).id, notes: "# notes" }),
  },
  // A fresh finished run per call: every caller that gets through deletes it.
  "app/actions/manage-runs.ts deleteRunAction": {
    rule: { role: "editor" },
    input: async () => ({ runId: (await createFinishedRunInA()).id }),
  },
  "app/actions/manage-runs.ts editGroupNotesAction": {
    rule: { role: "editor" },
    input: async () => ({ projectId: projectA.id, experimentId: experimentA, notes: "group notes" }),
  },
  // A fresh group of one finished run per call, named in full as the confirmation names it.
  "app/actions/manage-runs.ts deleteGroupAction": {
    rule: { role: "editor" },
    input: async () => {
      const group = await db.prisma.experiment.create({
        data: { projectId: projectA.id, name: `doomed ${randomBytes(4).toString("hex")}` },
      });
      const run = await createFinishedRunInA(group.id);
      return { projectId: projectA.id, experimentId: group.id, runIds: [run.id] };
    },
  },
  "app/actions/run-curation.ts starRunAction": {
    rule: { role: "editor" },
    input: async () => ({ runId: (await createRunRow(db.prisma, projectA.id)).id, on: true }),
  },
  "app/actions/run-curation.ts archiveRunAction": {
    rule: { role: "editor" },
    input: async () => ({ runId: (await createRunRow(db.prisma, projectA.id)).id, on: true }),
  },
  "app/actions/backends.ts createBackendAction": {
    rule: { role: "owner" },
    input: async () => ({
      projectSlug: projectA.slug,
      name: `backend ${randomBytes(4).toString("hex")}`,
      kind: "openai_compatible",
      baseUrl: "https://llm.example/v1",
      apiKey: PLAINTEXT_KEY,
    }),
  },
  "app/actions/backends.ts updateBackendAction": {
    rule: { role: "owner" },
    input: async () => ({
      projectSlug: projectA.slug,
      backendId: (await createBackendRowInA()).id,
      name: `renamed ${randomBytes(4).toString("hex")}`,
      baseUrl: "http://127.0.0.1:9/v1",
      apiKey: PLAINTEXT_KEY,
      concurrency: "4",
    }),
  },
  // The probe fails fast (nothing listens on port 9): its error is stored, the call itself succeeds.
  "app/actions/backends.ts testBackendAction": {
    rule: { role: "owner" },
    input: async () => ({ projectSlug: projectA.slug, backendId: (await createBackendRowInA()).id }),
  },
  "app/actions/backends.ts deleteBackendAction": {
    rule: { role: "owner" },
    input: async () => ({ projectSlug: projectA.slug, backendId: (await createBackendRowInA()).id }),
  },
  "app/actions/datasets.ts renameDatasetAction": {
    rule: { role: "editor" },
    input: async () => ({
      projectSlug: projectA.slug,
      datasetId: (await createDatasetRowInA()).id,
      name: `renamed ${randomBytes(4).toString("hex")}`,
    }),
  },
  // An unused dataset: every caller that gets through deletes it.
  "app/actions/datasets.ts deleteDatasetAction": {
    rule: { role: "editor" },
    input: async () => ({ projectSlug: projectA.slug, datasetId: (await createDatasetRowInA()).id }),
  },
};

type ActionModule = Record<
  string,
  ((state: null, input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>) & { access: unknown }
>;

async function callAction(
  file: string,
  name: string,
  entry: ActionEntry,
  caller: CallerName,
  origin = ORIGIN,
) {
  const mod = (await import(/* @vite-ignore */ `@/${file}`)) as ActionModule;
  const { cookie } = await credentialsOf(caller);
  const jar = new Map<string, string>();
  if (cookie) jar.set("espl.session_token", cookie.split("=")[1]!);
  setActionRequest(jar, origin);
  const result = await mod[name]!(null, await entry.input(caller));
  bodies.push(JSON.stringify(result));
  return result;
}

const CODE_OUTCOME: Record<string, Outcome> = { unauthenticated: 401, forbidden: 403, not_found: 404 };

// ───────────── discovery ─────────────

function listFiles(dir: string, match: (path: string) => boolean): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((p) => join(dir, p))
    .filter(match)
    .sort();
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.ESPL_SECRET_KEY = randomBytes(32).toString("base64");
  const a = await createProjectRow(db.prisma, "A");
  const b = await createProjectRow(db.prisma, "B");
  projectA = a;
  projectB = b;
  for (const role of ["viewer", "editor", "owner"] as const)
    users[role] = (await createUserRow(db.prisma, [{ projectId: a.id, role }])).id;
  users.otherOwner = (await createUserRow(db.prisma, [{ projectId: b.id, role: "owner" }])).id;
  runA = await createRunRow(db.prisma, a.id, "run in A");
  rolloutA = await createRolloutRow(db.prisma, runA.id);
  // Its root program, for the routes that read one program (skipDuplicates: other entries may seed it too).
  await db.prisma.program.createMany({
    data: [{ runId: runA.id, programId: 0, principles: [], origin: "root", birthStep: -1, mu: 25, sigma: 8 }],
    skipDuplicates: true,
  });
  shareToken = (await createShareToken(db.prisma, { projectId: a.id, runIds: [runA.id] })).token;
  evaluationA = (
    await db.prisma.evaluationJob.create({
      data: { runId: runA.id, projectId: a.id, spec: {}, seed: 0, cellsTotal: 0, samplesTotal: 0 },
    })
  ).id;
  const experiment = await db.prisma.experiment.create({ data: { projectId: a.id, name: "matrix group" } });
  experimentA = experiment.id;
  await createRunRow(db.prisma, a.id).then((run) =>
    db.prisma.run.update({ where: { id: run.id }, data: { experimentId: experiment.id } }),
  );
});
afterAll(() => db?.drop());

/** One reflection call in run A, for the route that serves a call's texts. */
let llmCallA = "";
beforeAll(async () => {
  const event = await db.prisma.evolutionEvent.create({
    data: { runId: runA.id, step: 0, kind: "mutation", status: "ok", parentProgramIds: [0] },
  });
  const call = await db.prisma.llmCall.create({
    data: { eventId: event.id, ordinal: 0, purpose: "mutation.summary", prompt: "p", rawReply: "r" },
  });
  llmCallA = call.id.toString();
});

describe("every route handler and server action has a matrix entry", () => {
  // /api/v1 has its own matrix with API tokens (api-v1-matrix.db.test.ts), which also walks its folder.
  test("routes", async () => {
    const found = (await listRouteHandlers()).filter((key) => !key.startsWith("app/api/v1/"));
    expect(found).toEqual(Object.keys(ROUTES).sort());
  });

  test("server actions", async () => {
    const found: string[] = [];
    for (const file of listFiles("app", (p) => p.startsWith(join("app", "actions")) && p.endsWith(".ts"))) {
      const mod = (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, unknown>;
      for (const name of Object.keys(mod)) found.push(`${file} ${name}`);
    }
    expect(found.sort()).toEqual(Object.keys(ACTIONS).sort());
  });
});

describe("routes", () => {
  for (const [key, entry] of Object.entries(ROUTES)) {
    const [file, method] = key.split(" ") as [string, string];
    test(`${key} declares ${JSON.stringify(entry.rule)} and enforces it`, async () => {
      const mod = (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, RouteHandler>;
      expect(sameRule(mod[method]!.access, entry.rule)).toBe(true);
      for (const caller of CALLERS) {
        const { status, text } = await callRoute(file, method, entry, caller);
        expect({ caller, outcome: routeOutcome(status) }, text).toEqual({
          caller,
          outcome: expectedOutcome(entry.rule, caller, entry.readsRunA),
        });
      }
    });
  }

  test("the overview shows another project's owner nothing of project A", async () => {
    const { text } = await callRoute(
      "app/api/overview/route.ts",
      "GET",
      ROUTES["app/api/overview/route.ts GET"]!,
      "otherOwner",
    );
    expect(text).not.toContain(runA.id);
    const runB = await createRunRow(db.prisma, projectB.id, "run in B");
    const own = await callRoute(
      "app/api/overview/route.ts",
      "GET",
      ROUTES["app/api/overview/route.ts GET"]!,
      "viewer",
    );
    expect(own.text).toContain(runA.id);
    expect(own.text).not.toContain(runB.id);
  });

  test("a state-changing route refuses another origin", async () => {
    const entry = ROUTES["app/api/runs/[runId]/control/route.ts POST"]!;
    const { status, text } = await callRoute(
      "app/api/runs/[runId]/control/route.ts",
      "POST",
      entry,
      "owner",
      "http://evil.example",
    );
    expect(status).toBe(403);
    expect(text).toMatch(/cross-origin/);
  });
});

describe("server actions", () => {
  for (const [key, entry] of Object.entries(ACTIONS)) {
    const [file, name] = key.split(" ") as [string, string];
    test(`${key} declares ${JSON.stringify(entry.rule)} and enforces it`, async () => {
      const mod = (await import(/* @vite-ignore */ `@/${file}`)) as ActionModule;
      expect(sameRule(mod[name]!.access, entry.rule)).toBe(true);
      for (const caller of CALLERS) {
        const result = await callAction(file, name, entry, caller);
        const outcome = result.ok ? "through" : (CODE_OUTCOME[result.error!.code] ?? "through");
        const expected = expectedOutcome(entry.rule, caller);
        expect({ caller, outcome }, JSON.stringify(result)).toEqual({ caller, outcome: expected });
        // Whoever gets through succeeds: the fixtures make each input valid.
        if (expected === "through")
          expect(result, `${caller}: ${JSON.stringify(result)}`).toMatchObject({ ok: true });
      }
    });

    test(`${key} refuses a cross-origin request`, async () => {
      const result = await callAction(file, name, entry, "owner", "http://evil.example");
      expect(result).toMatchObject({
        ok: false,
        error: { code: "forbidden", message: "cross-origin request refused" },
      });
    });
  }
});

describe("share links", () => {
  const events = ROUTES["app/api/events/route.ts GET"]!;

  async function eventsWith(token: string) {
    const mod = (await import("@/app/api/events/route")) as unknown as Record<string, RouteHandler>;
    const request = new NextRequest(`${ORIGIN}${events.path}`, {
      headers: { host: HOST, "x-share-token": token },
    });
    const response = await mod.GET!(request, { params: Promise.resolve({}) });
    await response.body?.cancel().catch(() => {});
    return response.status;
  }

  test("an expired link stops working", async () => {
    const { token } = await createShareToken(db.prisma, {
      projectId: projectA.id,
      runIds: [runA.id],
      expiresAt: new Date(Date.now() - 1_000),
    });
    expect(await eventsWith(token)).toBe(404);
  });

  test("a revoked link stops working on the very next request", async () => {
    const { token, id } = await createShareToken(db.prisma, { projectId: projectA.id, runIds: [runA.id] });
    expect(await eventsWith(token)).toBe(200);
    await db.prisma.shareLink.update({ where: { id }, data: { revokedAt: new Date() } });
    expect(await eventsWith(token)).toBe(404);
  });

  test("a share holder cannot reach member-only routes or any action", async () => {
    const overview = await callRoute(
      "app/api/overview/route.ts",
      "GET",
      ROUTES["app/api/overview/route.ts GET"]!,
      "share",
    );
    expect(overview.status).toBe(401);
  });
});

describe("secrets", () => {
  test("the API key is stored sealed, reads back, and appeared in no response", async () => {
    // Backends made without a key (the registry's row fixtures) have nothing sealed to check.
    const backends = await db.prisma.modelBackend.findMany({
      where: { projectId: projectA.id, secretCipher: { not: null } },
    });
    expect(backends.length).toBeGreaterThan(0);
    const { readBackendSecret } = await import("@/lib/server/runner/backends/open-backend-secret");
    for (const backend of backends) {
      expect(backend.secretCipher).not.toContain(PLAINTEXT_KEY);
      expect(await readBackendSecret(db.prisma, backend.id)).toBe(PLAINTEXT_KEY);
    }
    expect(bodies.length).toBeGreaterThan(50);
    for (const body of bodies) expect(body).not.toContain(PLAINTEXT_KEY);
  });

  test("a run export names its backend but carries neither the key nor its sealed form", async () => {
    const backend = (await db.prisma.modelBackend.findFirstOrThrow({ where: { projectId: projectA.id } }))!;
    const run = await createRunRow(db.prisma, projectA.id);
    await db.prisma.run.update({ where: { id: run.id }, data: { policyBackendId: backend.id } });
    const { openRunExport } = await import("@/lib/server/io/export/export-run");
    let text = "";
    for await (const chunk of await openRunExport(db.prisma, run.id, "json")) text += chunk;
    expect(text).toContain(backend.name);
    expect(text).not.toContain(PLAINTEXT_KEY);
    expect(text).not.toContain(backend.secretCipher!);
  });
});

describe("live events", () => {
  test("a subscriber receives changes of runs in its scope only", async () => {
    const runB = await createRunRow(db.prisma, projectB.id, "live in B");
    const mod = (await import("@/app/api/events/route")) as unknown as Record<string, RouteHandler>;
    const cookie = `espl.session_token=${await createSessionToken(db.prisma, users.viewer!)}`;
    const request = new NextRequest(`${ORIGIN}/api/events`, { headers: { host: HOST, cookie } });
    const response = await mod.GET!(request, { params: Promise.resolve({}) });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value);
      }
    };
    // "ready" promises LISTEN is in place: one commit after it must arrive, with no retry loop.
    await readUntil("event: ready");
    await db.prisma.run.update({ where: { id: runB.id }, data: { currentStep: 1 } });
    await db.prisma.run.update({ where: { id: runA.id }, data: { currentStep: 1 } });
    await readUntil(runA.id);
    await reader.cancel();
    expect(text).toContain(runA.id);
    expect(text).not.toContain(runB.id);
  });

  test("an open stream of a share link ends once the link is revoked", async () => {
    const { token, id } = await createShareToken(db.prisma, { projectId: projectA.id, runIds: [runA.id] });
    const mod = (await import("@/app/api/events/route")) as unknown as Record<string, RouteHandler>;
    const request = new NextRequest(`${ORIGIN}/api/events`, {
      headers: { host: HOST, "x-share-token": token },
    });
    const response = await mod.GET!(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    await db.prisma.shareLink.update({ where: { id }, data: { revokedAt: new Date() } });
    const reader = response.body!.getReader();
    let text = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      text += new TextDecoder().decode(chunk.value);
    expect(text).toContain("event: revoked");
  });
});

describe("sessions", () => {
  test("signing out ends the session at once: the same cookie is refused afterwards", async () => {
    const token = await createSessionToken(db.prisma, users.viewer!);
    const overview = async () => {
      const mod = (await import("@/app/api/overview/route")) as unknown as Record<string, RouteHandler>;
      const request = new NextRequest(`${ORIGIN}/api/overview`, {
        headers: { host: HOST, cookie: `espl.session_token=${token}` },
      });
      return (await mod.GET!(request, { params: Promise.resolve({}) })).status;
    };
    expect(await overview()).toBe(200);
    const jar = new Map([["espl.session_token", token]]);
    setActionRequest(jar, ORIGIN);
    const { signOutAction } = await import("@/app/actions/auth");
    expect(await signOutAction(null, {})).toEqual({ ok: true, data: { redirectTo: "/sign-in" } });
    expect(jar.has("espl.session_token")).toBe(false);
    expect(await overview()).toBe(401);
  });
});
