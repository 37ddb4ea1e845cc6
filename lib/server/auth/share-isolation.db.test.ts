/**
 * No route under /api serves run A to a credential that may not read it. Every route handler (found by
 * walking app/api, so a new route without a row here fails the suite) is called for run A with:
 * share links to another run of the same project and to a run of another project (by header and by
 * `?share=`), a revoked and an expired link to run A itself, no credentials, and the session of another
 * project's owner. Each must answer 401 or 404 where it reads run A, and no response may carry any of
 * run A's text: its name, a principle, a completion, a reflection prompt (unique markers below).
 *
 * The pages under /s are enumerated the same way by the e2e spec share-isolation.spec.ts.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { assertScopedRuns, findScopedRun } from "@/lib/server/read/scoped-run";
import { createRolloutRow } from "@/lib/server/read/testing/rollout-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/tools/testing/test-database";
import type { Access } from "./access";
import {
  createProjectRow,
  createRunRow,
  createSessionToken,
  createShareToken,
  createUserRow,
} from "./testing/auth-fixtures";
import { callRouteHandler, listRouteHandlers } from "./testing/call-route";
import type { RouteHandler } from "@/lib/server/http/route";

const MARKER = `secret-of-run-a-${randomBytes(6).toString("hex")}`;

let db: TestDatabase;
const fx = {
  projectA: { id: "", slug: "" },
  runA: "",
  rolloutA: "",
  callA: "",
  experimentA: "",
  evaluationA: "",
};

/** How each route is called for run A. `readsRunA`: it serves run A's data (not a list or a form). */
interface Row {
  path: () => string;
  params?: () => Record<string, string>;
  body?: unknown;
  readsRunA: boolean;
}

const runParams = () => ({ runId: fx.runA });
const ROWS: Record<string, Row> = {
  "app/api/health/route.ts GET": { path: () => "/api/health", readsRunA: false },
  "app/api/health/ready/route.ts GET": { path: () => "/api/health/ready", readsRunA: false },
  "app/api/health/live/route.ts GET": { path: () => "/api/health/live", readsRunA: false },
  "app/api/auth/oidc/start/route.ts GET": { path: () => "/api/auth/oidc/start", readsRunA: false },
  "app/api/auth/callback/oidc/route.ts GET": {
    path: () => "/api/auth/callback/oidc?code=x&state=y",
    readsRunA: false,
  },
  "app/api/overview/route.ts GET": { path: () => "/api/overview", readsRunA: false },
  "app/api/runs/route.ts GET": { path: () => "/api/runs", readsRunA: false },
  "app/api/events/route.ts GET": { path: () => `/api/events?runs=${fx.runA}`, readsRunA: true },
  "app/api/imports/route.ts POST": {
    path: () => `/api/imports?project=${fx.projectA.slug}&format=zip`,
    body: "not an archive",
    readsRunA: false,
  },
  "app/api/datasets/route.ts POST": {
    path: () =>
      `/api/datasets?projectId=${fx.projectA.id}&name=isolation&format=jsonl&question=question&answer=answer`,
    body: '{"question":"What is 1+1?","answer":"2"}',
    readsRunA: false,
  },
  "app/api/runs/[runId]/export/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/export?format=json`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/runs/[runId]/overview/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/overview`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/runs/[runId]/lineage/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/lineage`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/runs/[runId]/lineage/[programId]/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/lineage/0`,
    params: () => ({ runId: fx.runA, programId: "0" }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/lineage/search/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/lineage/search?q=${MARKER}`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/runs/[runId]/ratings/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/ratings?programs=0`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/runs/[runId]/ratings/replay/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/ratings/replay?step=0`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/runs/[runId]/leaderboard/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/leaderboard`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/runs/[runId]/prompts/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/prompts?q=${MARKER}`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/runs/[runId]/head-to-head/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/head-to-head`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/runs/[runId]/evolution/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/evolution?afterStep=-1`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/runs/[runId]/rollouts/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/rollouts?split=train`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/runs/[runId]/rollouts/[rolloutId]/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/rollouts/${fx.rolloutA}`,
    params: () => ({ runId: fx.runA, rolloutId: fx.rolloutA }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/critiques/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/critiques?q=${MARKER}`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/runs/[runId]/llm-calls/[callId]/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/llm-calls/${fx.callA}`,
    params: () => ({ runId: fx.runA, callId: fx.callA }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/control/route.ts POST": {
    path: () => `/api/runs/${fx.runA}/control`,
    params: runParams,
    body: { action: "pause" },
    readsRunA: true,
  },
  "app/api/runs/[runId]/evaluations/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/evaluations`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/runs/[runId]/evaluations/route.ts POST": {
    path: () => `/api/runs/${fx.runA}/evaluations`,
    params: runParams,
    body: { checkpoints: ["final"], programs: ["root"] },
    readsRunA: true,
  },
  "app/api/runs/[runId]/evaluations/[evaluationId]/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/evaluations/${fx.evaluationA}`,
    params: () => ({ runId: fx.runA, evaluationId: fx.evaluationA }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/evaluations/[evaluationId]/samples/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/evaluations/${fx.evaluationA}/samples?problem=0&cells=0`,
    params: () => ({ runId: fx.runA, evaluationId: fx.evaluationA }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/evaluations/[evaluationId]/export/route.ts GET": {
    path: () => `/api/runs/${fx.runA}/evaluations/${fx.evaluationA}/export?format=json`,
    params: () => ({ runId: fx.runA, evaluationId: fx.evaluationA }),
    readsRunA: true,
  },
  "app/api/runs/[runId]/evaluations/[evaluationId]/cancel/route.ts POST": {
    path: () => `/api/runs/${fx.runA}/evaluations/${fx.evaluationA}/cancel`,
    params: () => ({ runId: fx.runA, evaluationId: fx.evaluationA }),
    readsRunA: true,
  },
  "app/api/experiments/route.ts POST": {
    path: () => "/api/experiments",
    get body() {
      return { projectId: fx.projectA.id, name: "isolation", seeds: "1" };
    },
    readsRunA: false,
  },
  "app/api/experiments/[experimentId]/route.ts GET": {
    path: () => `/api/experiments/${fx.experimentA}`,
    params: () => ({ experimentId: fx.experimentA }),
    readsRunA: true,
  },
  "app/api/experiments/[experimentId]/export/route.ts GET": {
    path: () => `/api/experiments/${fx.experimentA}/export?format=csv`,
    params: () => ({ experimentId: fx.experimentA }),
    readsRunA: true,
  },
  "app/api/experiments/[experimentId]/control/route.ts POST": {
    path: () => `/api/experiments/${fx.experimentA}/control`,
    params: () => ({ experimentId: fx.experimentA }),
    get body() {
      return { projectId: fx.projectA.id, action: "cancel" };
    },
    readsRunA: true,
  },
  // /api/v1 takes no share links (only sessions and API tokens): a link is no credential there.
  "app/api/v1/openapi.json/route.ts GET": { path: () => "/api/v1/openapi.json", readsRunA: false },
  "app/api/v1/me/route.ts GET": { path: () => "/api/v1/me", readsRunA: false },
  "app/api/v1/runs/route.ts GET": { path: () => "/api/v1/runs", readsRunA: false },
  "app/api/v1/runs/route.ts POST": {
    path: () => "/api/v1/runs",
    get body() {
      return { projectId: fx.projectA.id, config: { batch_size: "many" } };
    },
    readsRunA: false,
  },
  "app/api/v1/external-runs/route.ts POST": {
    path: () => "/api/v1/external-runs",
    get body() {
      return { projectId: fx.projectA.id, name: "shared external", totalSteps: 1 };
    },
    readsRunA: false,
  },
  "app/api/v1/external-runs/[runId]/steps/route.ts POST": {
    path: () => `/api/v1/external-runs/${fx.runA}/steps`,
    params: runParams,
    body: {
      step: 0,
      selectedProgramIds: [],
      poolBefore: [
        { principles: {}, program_id: 0, timestep: 0, self_modified_from: -1, rating: { mu: 25, sigma: 8 } },
      ],
      rollouts: [],
    },
    readsRunA: true,
  },
  "app/api/v1/external-runs/[runId]/finish/route.ts POST": {
    path: () => `/api/v1/external-runs/${fx.runA}/finish`,
    params: runParams,
    body: { status: "completed" },
    readsRunA: true,
  },
  "app/api/v1/runs/[runId]/route.ts GET": {
    path: () => `/api/v1/runs/${fx.runA}`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/v1/runs/[runId]/control/route.ts POST": {
    path: () => `/api/v1/runs/${fx.runA}/control`,
    params: runParams,
    body: { action: "cancel" },
    readsRunA: true,
  },
  "app/api/v1/runs/[runId]/export/route.ts GET": {
    path: () => `/api/v1/runs/${fx.runA}/export?format=json`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/v1/runs/[runId]/evaluations/route.ts GET": {
    path: () => `/api/v1/runs/${fx.runA}/evaluations`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/v1/runs/[runId]/evaluations/route.ts POST": {
    path: () => `/api/v1/runs/${fx.runA}/evaluations`,
    params: runParams,
    body: { checkpoints: ["final"], programs: ["root"] },
    readsRunA: true,
  },
  "app/api/v1/runs/[runId]/evaluations/[evaluationId]/route.ts GET": {
    path: () => `/api/v1/runs/${fx.runA}/evaluations/${fx.evaluationA}`,
    params: () => ({ runId: fx.runA, evaluationId: fx.evaluationA }),
    readsRunA: true,
  },
  "app/api/v1/runs/[runId]/evaluations/[evaluationId]/export/route.ts GET": {
    path: () => `/api/v1/runs/${fx.runA}/evaluations/${fx.evaluationA}/export?format=json`,
    params: () => ({ runId: fx.runA, evaluationId: fx.evaluationA }),
    readsRunA: true,
  },
  "app/api/v1/groups/route.ts GET": { path: () => "/api/v1/groups", readsRunA: false },
  "app/api/v1/groups/route.ts POST": {
    path: () => "/api/v1/groups",
    get body() {
      return { projectId: fx.projectA.id, name: "share group", seeds: "5-1" };
    },
    readsRunA: true,
  },
  "app/api/v1/groups/[groupId]/control/route.ts POST": {
    path: () => `/api/v1/groups/${fx.experimentA}/control`,
    params: () => ({ groupId: fx.experimentA }),
    get body() {
      return { projectId: fx.projectA.id, action: "cancel" };
    },
    readsRunA: true,
  },
  "app/api/v1/groups/[groupId]/route.ts GET": {
    path: () => `/api/v1/groups/${fx.experimentA}`,
    params: () => ({ groupId: fx.experimentA }),
    readsRunA: true,
  },
  "app/api/v1/groups/[groupId]/results/route.ts GET": {
    path: () => `/api/v1/groups/${fx.experimentA}/results`,
    params: () => ({ groupId: fx.experimentA }),
    readsRunA: true,
  },
  "app/api/v1/datasets/route.ts GET": { path: () => "/api/v1/datasets", readsRunA: false },
  "app/api/v1/datasets/route.ts POST": {
    path: () =>
      `/api/v1/datasets?projectId=${fx.projectA.id}&name=isolation-v1&format=jsonl&question=question&answer=answer`,
    body: '{"question":"What is 1+1?","answer":"2"}',
    readsRunA: false,
  },
  "app/api/v1/backends/route.ts GET": { path: () => "/api/v1/backends", readsRunA: false },
  "app/api/v1/backends/[backendId]/check/route.ts POST": {
    // No backend of project A exists here: the share link is refused before any lookup.
    path: () => "/api/v1/backends/00000000-0000-4000-8000-000000000000/check",
    params: () => ({ backendId: "00000000-0000-4000-8000-000000000000" }),
    get body() {
      return { projectId: fx.projectA.id };
    },
    readsRunA: false,
  },
  "app/api/v1/imports/route.ts POST": {
    path: () => `/api/v1/imports?project=${fx.projectA.slug}&format=zip`,
    body: "not an archive",
    readsRunA: false,
  },
  "app/api/v1/runs/[runId]/steps/route.ts GET": {
    path: () => `/api/v1/runs/${fx.runA}/steps`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/v1/runs/[runId]/metrics/route.ts GET": {
    path: () => `/api/v1/runs/${fx.runA}/metrics?keys=rollout/reward_mean`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/v1/runs/[runId]/programs/route.ts GET": {
    path: () => `/api/v1/runs/${fx.runA}/programs`,
    params: runParams,
    readsRunA: true,
  },
  "app/api/v1/runs/[runId]/lineage/route.ts GET": {
    path: () => `/api/v1/runs/${fx.runA}/lineage`,
    params: runParams,
    readsRunA: true,
  },
};

type Hostile =
  "anonymous" | "otherOwner" | "linkToOtherRun" | "linkToOtherProject" | "revokedLink" | "expiredLink";
const HOSTILE: Hostile[] = [
  "anonymous",
  "otherOwner",
  "linkToOtherRun",
  "linkToOtherProject",
  "revokedLink",
  "expiredLink",
];
const credentials: Partial<Record<Hostile, { cookie?: string; share?: string }>> = {};

type Outcome = "answers" | 401 | 404;

/** What a hostile caller must get, from the route's declared rule. */
function expected(access: Access<never>, row: Row, caller: Hostile): Outcome {
  if (access === "public") return "answers";
  if (caller === "anonymous") return 401;
  if (caller === "otherOwner") {
    if (row.readsRunA || typeof access === "object") return 404;
    return "answers";
  }
  // Share links are accepted by read-only routes only; elsewhere they are no credential at all.
  if (access !== "share-or-member") return 401;
  if (caller === "revokedLink" || caller === "expiredLink") return 404;
  return row.readsRunA ? 404 : "answers";
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const a = await createProjectRow(db.prisma, "A");
  const b = await createProjectRow(db.prisma, "B");
  fx.projectA = a;
  const runA = await createRunRow(db.prisma, a.id, `run A ${MARKER}`);
  fx.runA = runA.id;
  // Run A is in an experiment, so the group routes would serve its name to whoever may read the group.
  const experiment = await db.prisma.experiment.create({ data: { projectId: a.id, name: "group of A" } });
  fx.experimentA = experiment.id;
  await db.prisma.run.update({ where: { id: runA.id }, data: { experimentId: experiment.id } });
  fx.rolloutA = await createRolloutRow(db.prisma, runA.id, `Completion ${MARKER}`, `Principle ${MARKER}`);
  const event = await db.prisma.evolutionEvent.create({
    data: { runId: runA.id, step: 0, kind: "mutation", status: "ok", parentProgramIds: [0] },
  });
  const call = await db.prisma.llmCall.create({
    data: { eventId: event.id, ordinal: 0, purpose: "mutation.summary", prompt: MARKER, rawReply: MARKER },
  });
  fx.callA = call.id.toString();
  fx.evaluationA = (
    await db.prisma.evaluationJob.create({
      data: {
        runId: runA.id,
        projectId: a.id,
        spec: { marker: MARKER },
        seed: 0,
        cellsTotal: 0,
        samplesTotal: 0,
      },
    })
  ).id;

  const otherRunA = await createRunRow(db.prisma, a.id, "another run in A");
  const runB = await createRunRow(db.prisma, b.id, "run in B");
  const otherOwner = await createUserRow(db.prisma, [{ projectId: b.id, role: "owner" }]);
  credentials.anonymous = {};
  credentials.otherOwner = {
    cookie: `espl.session_token=${await createSessionToken(db.prisma, otherOwner.id)}`,
  };
  const link = (input: Parameters<typeof createShareToken>[1]) =>
    createShareToken(db.prisma, input).then(({ token }) => ({ share: token }));
  credentials.linkToOtherRun = await link({ projectId: a.id, runIds: [otherRunA.id] });
  credentials.linkToOtherProject = await link({ projectId: b.id, runIds: [runB.id] });
  credentials.revokedLink = await link({ projectId: a.id, runIds: [runA.id], revokedAt: new Date() });
  credentials.expiredLink = await link({
    projectId: a.id,
    runIds: [runA.id],
    expiresAt: new Date(Date.now() - 1_000),
  });
});
afterAll(() => db?.drop());

test("every route under /api has a row here", async () => {
  expect(await listRouteHandlers("app/api")).toEqual(Object.keys(ROWS).sort());
});

describe("no route serves run A to a caller who may not read it", () => {
  for (const [key, row] of Object.entries(ROWS)) {
    const [file, method] = key.split(" ") as [string, string];
    for (const via of ["header", "query"] as const) {
      test(`${key} (share token by ${via})`, async () => {
        const mod = (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, RouteHandler>;
        const access = mod[method]!.access;
        for (const caller of HOSTILE) {
          const { cookie, share } = credentials[caller]!;
          const { status, text } = await callRouteHandler(file, method, {
            path: row.path(),
            params: row.params?.(),
            body: row.body,
            cookie,
            share: share ? { token: share, via } : undefined,
          });
          const outcome = status === 401 || status === 404 ? status : "answers";
          expect({ caller, outcome }, text).toEqual({ caller, outcome: expected(access, row, caller) });
          expect(text, `${caller} got run A's text`).not.toContain(MARKER);
        }
      });
    }
  }

  test("the rows reach run A: its own link reads what hostile callers are refused", async () => {
    // Without this, a row whose path misses run A would pass the test above vacuously.
    const { token } = await createShareToken(db.prisma, { projectId: fx.projectA.id, runIds: [fx.runA] });
    const leaks: string[] = [];
    for (const key of [
      "app/api/runs/[runId]/export/route.ts GET",
      "app/api/runs/[runId]/rollouts/[rolloutId]/route.ts GET",
      "app/api/runs/[runId]/llm-calls/[callId]/route.ts GET",
      "app/api/runs/[runId]/lineage/[programId]/route.ts GET",
    ]) {
      const [file, method] = key.split(" ") as [string, string];
      const row = ROWS[key]!;
      const { status, text } = await callRouteHandler(file, method, {
        path: row.path(),
        params: row.params?.(),
        share: { token, via: "header" },
      });
      expect(status, text).toBe(200);
      if (text.includes(MARKER)) leaks.push(key);
    }
    expect(leaks).toHaveLength(4);
  });
});

describe("the scoped read helpers", () => {
  test("a link to one run cannot read another run of its project, nor one elsewhere", async () => {
    const [other] = await db.prisma.run.findMany({
      where: { projectId: fx.projectA.id, NOT: { id: fx.runA } },
      take: 1,
    });
    const scope = { projectIds: [fx.projectA.id], runIds: [other!.id] };
    await expect(findScopedRun(scope, fx.runA)).rejects.toMatchObject({ code: "not_found" });
    await expect(findScopedRun(scope, other!.id)).resolves.toMatchObject({ id: other!.id });
    await expect(assertScopedRuns(scope, [other!.id, fx.runA])).rejects.toMatchObject({ code: "not_found" });
    await expect(assertScopedRuns(scope, [other!.id])).resolves.toBeUndefined();
  });
});
