import "server-only";
import { scopedRunWhere, type ReadScope } from "@/lib/server/auth/scope";
import { getPrisma } from "@/lib/server/db/client";
import { getDefaultConfig, validateConfig, type EsplConfig } from "@/lib/espl/config";
import { DEFAULT_TEST_SIZE, DEFAULT_TRAIN_SIZE } from "@/lib/espl/simulator/problem-suite";
import { BUILTIN_SUITE_NAME } from "@/lib/server/runner/run-problems";
import { findDriver } from "@/lib/server/runner/backends/drivers";
import { readStoredProbe } from "@/lib/server/runner/backends/stored-probe";
import type { BackendKind } from "@/lib/generated/prisma/enums";
import type { LaunchBackendOption } from "@/lib/domain/launch/backend-choice";

const BACKEND_SELECT = {
  id: true,
  projectId: true,
  name: true,
  kind: true,
  capabilities: true,
  lastTestedAt: true,
} as const;

function toLaunchBackend(row: {
  id: string;
  projectId: string;
  name: string;
  kind: BackendKind;
  capabilities: unknown;
  lastTestedAt: Date | null;
}): LaunchBackendOption {
  const probe = row.lastTestedAt ? readStoredProbe(row.capabilities) : null;
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    kind: String(row.kind),
    capabilities:
      probe && !probe.error
        ? { sampling: probe.sampling, logprobs: probe.logprobs, training: probe.training }
        : null,
    testError: probe?.error ?? null,
    hasDriver: findDriver(row.kind) !== undefined,
  };
}

/** One backend of the project as the launch check sees it; null for none (the simulator) or another project's. */
export async function loadLaunchBackend(
  projectId: string,
  backendId: string | undefined,
): Promise<LaunchBackendOption | null> {
  if (!backendId) return null;
  const row = await getPrisma().modelBackend.findFirst({
    where: { id: backendId, projectId },
    select: BACKEND_SELECT,
  });
  // A missing backend is refused by createRun with its own message.
  return row ? toLaunchBackend(row) : null;
}

export interface LaunchDatasetOption {
  /** "" is the project's built-in simulator suite (created on first use). */
  id: string;
  projectId: string | null;
  name: string;
  trainCount: number;
  testCount: number;
}

export interface LaunchOptions {
  projects: { id: string; name: string }[];
  datasets: LaunchDatasetOption[];
  backends: LaunchBackendOption[];
}

export interface CloneSource {
  projectId: string;
  name: string;
  tags: string[];
  initialPrinciples: string[];
  seed: number;
  datasetId: string | null;
  policyBackendId: string | null;
  reflectionBackendId: string | null;
  config: EsplConfig;
}

/** What the launch form may choose from: the caller's projects, their datasets and model backends. */
export async function getLaunchOptions(scope: ReadScope): Promise<LaunchOptions> {
  const prisma = getPrisma();
  const inScope = { projectId: { in: [...scope.projectIds] } };
  const [projects, datasets, backends] = await Promise.all([
    prisma.project.findMany({
      where: { id: { in: [...scope.projectIds] } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    prisma.dataset.findMany({
      where: { ...inScope, name: { not: BUILTIN_SUITE_NAME } },
      select: { id: true, projectId: true, name: true, trainCount: true, testCount: true },
      orderBy: { createdAt: "desc" },
    }),
    prisma.modelBackend.findMany({
      where: inScope,
      select: BACKEND_SELECT,
      orderBy: { name: "asc" },
    }),
  ]);
  const builtin: LaunchDatasetOption = {
    id: "",
    projectId: null,
    name: BUILTIN_SUITE_NAME,
    trainCount: DEFAULT_TRAIN_SIZE,
    testCount: DEFAULT_TEST_SIZE,
  };
  return {
    projects,
    datasets: [builtin, ...datasets],
    backends: backends.map(toLaunchBackend),
  };
}

/** An existing run's launch settings, for "clone"; null when the caller may not read it. */
export async function getCloneSource(scope: ReadScope, runId: string): Promise<CloneSource | null> {
  const run = await getPrisma().run.findFirst({
    where: scopedRunWhere(scope, runId),
    select: {
      projectId: true,
      name: true,
      tags: true,
      initialPrinciples: true,
      seed: true,
      datasetId: true,
      policyBackendId: true,
      reflectionBackendId: true,
      config: true,
      dataset: { select: { name: true } },
    },
  });
  if (!run) return null;
  // A stored config from an older engine may lack keys or hold removed ones: fill defaults, keep what still validates.
  const stored = validateConfig({ ...getDefaultConfig(), ...(run.config as object) });
  const config = stored.ok ? stored.config : getDefaultConfig();
  const builtin = run.dataset?.name === BUILTIN_SUITE_NAME;
  return {
    projectId: run.projectId,
    name: `${run.name} (copy)`,
    tags: run.tags,
    initialPrinciples: run.initialPrinciples,
    seed: run.seed,
    datasetId: builtin ? null : run.datasetId,
    policyBackendId: run.policyBackendId,
    reflectionBackendId: run.reflectionBackendId,
    config,
  };
}
