import "server-only";
import { runWhere, type ReadScope } from "@/lib/auth/scope";
import { getPrisma } from "@/lib/db/client";
import { getDefaultConfig, validateConfig, type EsplConfig } from "@/lib/espl/config";
import { DEFAULT_TEST_SIZE, DEFAULT_TRAIN_SIZE } from "@/lib/espl/simulator/problem-suite";
import { BUILTIN_SUITE_NAME } from "@/lib/runner/run-problems";

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
  backends: { id: string; projectId: string; name: string; kind: string }[];
}

export interface CloneSource {
  projectId: string;
  name: string;
  tags: string[];
  seed: number;
  datasetId: string | null;
  policyBackendId: string | null;
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
      select: { id: true, projectId: true, name: true, kind: true },
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
    backends: backends.map((b) => ({ ...b, kind: String(b.kind) })),
  };
}

/** An existing run's launch settings, for "clone"; null when the caller may not read it. */
export async function getCloneSource(scope: ReadScope, runId: string): Promise<CloneSource | null> {
  const run = await getPrisma().run.findFirst({
    where: { ...runWhere(scope), id: runId },
    select: {
      projectId: true,
      name: true,
      tags: true,
      seed: true,
      datasetId: true,
      policyBackendId: true,
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
    seed: run.seed,
    datasetId: builtin ? null : run.datasetId,
    policyBackendId: run.policyBackendId,
    config,
  };
}
