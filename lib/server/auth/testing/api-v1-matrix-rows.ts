/**
 * The rows of the /api/v1 authorization matrix (api-v1-matrix.db.test.ts): one per route handler under
 * app/api/v1, with the rule it must declare and a call that reaches project A's data (fx, filled by the
 * test's fixtures). Kept apart from the test so that each stays readable.
 */
import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/generated/prisma/enums";

export type Rule = "public" | "member" | { role: Role };

export interface Row {
  rule: Rule;
  path: () => string;
  params?: () => Record<string, string>;
  body?: () => unknown;
  /** Serves something of project A itself (not a list): another project's caller gets 404. */
  readsA: boolean;
}

/** Project A's ids, filled by the test before any row is called. */
export const fx = { projectA: "", projectSlugA: "", runA: "", groupA: "", evaluationA: "", backendA: "" };

const run = () => ({ runId: fx.runA });
const ROOT_POOL_ENTRY = {
  principles: {},
  program_id: 0,
  timestep: 0,
  self_modified_from: -1,
  rating: { mu: 25, sigma: 8.3 },
};
export const API_V1_ROWS: Record<string, Row> = {
  "app/api/v1/openapi.json/route.ts GET": {
    rule: "public",
    path: () => "/api/v1/openapi.json",
    readsA: false,
  },
  "app/api/v1/me/route.ts GET": { rule: "member", path: () => "/api/v1/me", readsA: false },
  "app/api/v1/runs/route.ts GET": { rule: "member", path: () => "/api/v1/runs?limit=5", readsA: false },
  // An invalid config: whoever gets through is told so (400) after authorization, and nothing is queued.
  "app/api/v1/runs/route.ts POST": {
    rule: { role: "editor" },
    path: () => "/api/v1/runs",
    body: () => ({ projectId: fx.projectA, name: "matrix", config: { batch_size: "many" } }),
    readsA: true,
  },
  "app/api/v1/external-runs/route.ts POST": {
    rule: { role: "editor" },
    path: () => "/api/v1/external-runs",
    body: () => ({ projectId: fx.projectA, name: "matrix external", totalSteps: 1 }),
    readsA: true,
  },
  // Run A is a native run: whoever gets through is told it takes no steps (409), and nothing is written.
  "app/api/v1/external-runs/[runId]/steps/route.ts POST": {
    rule: { role: "editor" },
    path: () => `/api/v1/external-runs/${fx.runA}/steps`,
    params: run,
    body: () => ({ step: 0, selectedProgramIds: [], poolBefore: [ROOT_POOL_ENTRY], rollouts: [] }),
    readsA: true,
  },
  "app/api/v1/external-runs/[runId]/finish/route.ts POST": {
    rule: { role: "editor" },
    path: () => `/api/v1/external-runs/${fx.runA}/finish`,
    params: run,
    body: () => ({ status: "completed" }),
    readsA: true,
  },
  "app/api/v1/runs/[runId]/route.ts GET": {
    rule: { role: "viewer" },
    path: () => `/api/v1/runs/${fx.runA}`,
    params: run,
    readsA: true,
  },
  // The first caller through pauses the queued run; later pauses are a 409 conflict: still "through".
  "app/api/v1/runs/[runId]/control/route.ts POST": {
    rule: { role: "editor" },
    path: () => `/api/v1/runs/${fx.runA}/control`,
    params: run,
    body: () => ({ action: "pause" }),
    readsA: true,
  },
  "app/api/v1/runs/[runId]/export/route.ts GET": {
    rule: { role: "viewer" },
    path: () => `/api/v1/runs/${fx.runA}/export?format=json`,
    params: run,
    readsA: true,
  },
  "app/api/v1/runs/[runId]/evaluations/route.ts GET": {
    rule: { role: "viewer" },
    path: () => `/api/v1/runs/${fx.runA}/evaluations`,
    params: run,
    readsA: true,
  },
  // Run A has no final checkpoint: whoever gets through is told so (400), and nothing is queued.
  "app/api/v1/runs/[runId]/evaluations/route.ts POST": {
    rule: { role: "editor" },
    path: () => `/api/v1/runs/${fx.runA}/evaluations`,
    params: run,
    body: () => ({ checkpoints: ["final"], programs: ["root"] }),
    readsA: true,
  },
  "app/api/v1/runs/[runId]/evaluations/[evaluationId]/route.ts GET": {
    rule: { role: "viewer" },
    path: () => `/api/v1/runs/${fx.runA}/evaluations/${fx.evaluationA}`,
    params: () => ({ runId: fx.runA, evaluationId: fx.evaluationA }),
    readsA: true,
  },
  "app/api/v1/runs/[runId]/evaluations/[evaluationId]/export/route.ts GET": {
    rule: { role: "viewer" },
    path: () => `/api/v1/runs/${fx.runA}/evaluations/${fx.evaluationA}/export?format=json`,
    params: () => ({ runId: fx.runA, evaluationId: fx.evaluationA }),
    readsA: true,
  },
  "app/api/v1/groups/route.ts GET": { rule: "member", path: () => "/api/v1/groups", readsA: false },
  // A bad seed list: whoever gets through is told so (400), and nothing is launched.
  "app/api/v1/groups/route.ts POST": {
    rule: { role: "editor" },
    path: () => "/api/v1/groups",
    body: () => ({ projectId: fx.projectA, name: "matrix group", seeds: "5-1" }),
    readsA: true,
  },
  // Group A holds run A: the first caller through pauses it, later ones are told it is left as it is.
  "app/api/v1/backends/route.ts GET": { rule: "member", path: () => "/api/v1/backends", readsA: false },
  // Backend A is a simulator backend: whoever gets through is answered its probe at once.
  "app/api/v1/backends/[backendId]/check/route.ts POST": {
    rule: { role: "editor" },
    path: () => `/api/v1/backends/${fx.backendA}/check`,
    params: () => ({ backendId: fx.backendA }),
    body: () => ({ projectId: fx.projectA }),
    readsA: true,
  },
  "app/api/v1/groups/[groupId]/control/route.ts POST": {
    rule: { role: "editor" },
    path: () => `/api/v1/groups/${fx.groupA}/control`,
    params: () => ({ groupId: fx.groupA }),
    body: () => ({ projectId: fx.projectA, action: "pause" }),
    readsA: true,
  },
  "app/api/v1/groups/[groupId]/route.ts GET": {
    rule: "member",
    path: () => `/api/v1/groups/${fx.groupA}`,
    params: () => ({ groupId: fx.groupA }),
    readsA: true,
  },
  "app/api/v1/groups/[groupId]/results/route.ts GET": {
    rule: "member",
    path: () => `/api/v1/groups/${fx.groupA}/results`,
    params: () => ({ groupId: fx.groupA }),
    readsA: true,
  },
  "app/api/v1/datasets/route.ts GET": { rule: "member", path: () => "/api/v1/datasets", readsA: false },
  // One JSONL row: a caller who gets through stores it as a new dataset (its own name each time).
  "app/api/v1/datasets/route.ts POST": {
    rule: { role: "editor" },
    path: () =>
      `/api/v1/datasets?projectId=${fx.projectA}&name=matrix-${randomBytes(4).toString("hex")}` +
      "&format=jsonl&question=question&answer=answer",
    body: () => '{"question":"What is 1+1?","answer":"2"}',
    readsA: true,
  },
  // Not an archive: whoever gets through is told so (400), and no run is created.
  "app/api/v1/imports/route.ts POST": {
    rule: { role: "editor" },
    path: () => `/api/v1/imports?project=${fx.projectSlugA}&format=zip`,
    body: () => "not an archive",
    readsA: true,
  },
  "app/api/v1/runs/[runId]/steps/route.ts GET": {
    rule: { role: "viewer" },
    path: () => `/api/v1/runs/${fx.runA}/steps`,
    params: run,
    readsA: true,
  },
  "app/api/v1/runs/[runId]/metrics/route.ts GET": {
    rule: { role: "viewer" },
    path: () => `/api/v1/runs/${fx.runA}/metrics?keys=rollout/reward_mean&points=10`,
    params: run,
    readsA: true,
  },
  "app/api/v1/runs/[runId]/programs/route.ts GET": {
    rule: { role: "viewer" },
    path: () => `/api/v1/runs/${fx.runA}/programs`,
    params: run,
    readsA: true,
  },
  "app/api/v1/runs/[runId]/lineage/route.ts GET": {
    rule: { role: "viewer" },
    path: () => `/api/v1/runs/${fx.runA}/lineage`,
    params: run,
    readsA: true,
  },
};
