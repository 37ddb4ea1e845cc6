import "server-only";
import { runWhere, type ReadScope } from "@/lib/auth/scope";
import { getBucketWidth, type Bucket } from "@/lib/charts/downsample";
import { getPrisma } from "@/lib/db/client";
import { z } from "zod";
import { notFound } from "@/lib/errors";
import type {
  EventStatus,
  EvolutionKind,
  ProgramOrigin,
  RunStatus,
  TrainMode,
} from "@/lib/generated/prisma/enums";
import { queryDownsampledSeries, queryLatestLoggedMetrics } from "./run-series";
import { readBackendOptions } from "@/lib/backends/backend-options";
import { summariseUsage, type UsageCounts, type UsageSummary } from "@/lib/runs/usage/usage-summary";

const USAGE_SELECT = {
  policyPromptTokens: true,
  policyCompletionTokens: true,
  reflectionPromptTokens: true,
  reflectionCompletionTokens: true,
  reflectionCalls: true,
  trainTokens: true,
} as const;

/** Prices of a backend for the cost estimate; the simulator (no backend) is free. */
function readPrices(backend: { options: unknown } | null) {
  if (!backend) return null;
  const { inputPricePerM, outputPricePerM } = readBackendOptions(backend.options);
  return { inputPricePerM, outputPricePerM };
}

export interface ProgramSummary {
  programId: number;
  origin: ProgramOrigin;
  birthStep: number;
  evictedAtStep: number | null;
  mu: number;
  sigma: number;
  conservative: number;
  principles: unknown;
}

export interface EventMarker {
  step: number;
  kind: EvolutionKind;
  status: EventStatus;
  childId: number | null;
  error: string | null;
}

export interface RunOverview {
  run: {
    id: string;
    name: string;
    projectName: string;
    status: RunStatus;
    statusDetail: string | null;
    error: string | null;
    trainMode: TrainMode;
    simulated: boolean;
    config: unknown;
    currentStep: number;
    totalSteps: number;
    attempts: number;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
  };
  /** Steps visible to the caller (all, or up to a share link's frozen step). */
  stepCount: number;
  lastStep: number | null;
  firstStartedAt: string | null;
  lastCommittedAt: string | null;
  bucketWidth: number;
  series: Record<string, Bucket[]>;
  events: EventMarker[];
  best: ProgramSummary | null;
  newest: ProgramSummary | null;
  /** Tokens sampled (policy, reflection) and trained, with a cost estimate where prices are set. */
  usage: UsageSummary;
  backends: { policy: string | null; reflection: string | null };
}

/** Series drawn on the run page: train (rollout/…) and test (testing/…) success. */
export function selectChartKeys(metricKeys: readonly string[]): string[] {
  return metricKeys.filter((k) => k.startsWith("rollout/") || k.startsWith("testing/")).sort();
}

const PROGRAM_SELECT = {
  programId: true,
  origin: true,
  birthStep: true,
  evictedAtStep: true,
  mu: true,
  sigma: true,
  principles: true,
} as const;

function toProgramSummary(p: Omit<ProgramSummary, "conservative"> | null): ProgramSummary | null {
  return p ? { ...p, conservative: p.mu - 3 * p.sigma } : null;
}

/**
 * Everything the run overview page shows, scoped to the caller: summary columns, downsampled success
 * series, evolution markers and the best/newest program. Never reads rollout text. A run outside the
 * scope is "not found" (not "forbidden"), so ids of other projects' runs leak nothing.
 */
export async function getRunOverview(scope: ReadScope, runId: string): Promise<RunOverview> {
  if (!z.guid().safeParse(runId).success) throw notFound("run");
  const prisma = getPrisma();
  const run = await prisma.run.findFirst({
    where: { id: runId, ...runWhere(scope) },
    select: {
      id: true,
      name: true,
      status: true,
      statusDetail: true,
      error: true,
      trainMode: true,
      config: true,
      currentStep: true,
      totalSteps: true,
      attempts: true,
      bestProgramId: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      policyBackend: { select: { kind: true, name: true, options: true } },
      reflectionBackend: { select: { kind: true, name: true, options: true } },
      project: { select: { name: true } },
    },
  });
  if (!run) throw notFound("run");
  const maxStep = scope.frozenAtStep ?? 2_147_483_647;
  const stepWhere = { runId, step: { lte: maxStep } };
  const [agg, latest, events, newest, bestRow] = await Promise.all([
    prisma.step.aggregate({
      where: stepWhere,
      _count: { _all: true },
      _sum: USAGE_SELECT,
      _max: { step: true, committedAt: true },
      _min: { startedAt: true },
    }),
    prisma.step.findFirst({
      where: stepWhere,
      orderBy: { step: "desc" },
      select: { metrics: true, ...USAGE_SELECT },
    }),
    prisma.evolutionEvent.findMany({
      where: stepWhere,
      orderBy: [{ step: "asc" }, { id: "asc" }],
      select: { step: true, kind: true, status: true, childId: true, error: true },
    }),
    prisma.program.findFirst({
      where: { runId, birthStep: { lte: maxStep } },
      orderBy: [{ birthStep: "desc" }, { programId: "desc" }],
      select: PROGRAM_SELECT,
    }),
    run.bestProgramId === null || scope.frozenAtStep !== undefined
      ? null
      : prisma.program.findFirst({ where: { runId, programId: run.bestProgramId }, select: PROGRAM_SELECT }),
  ]);
  const keys = selectChartKeys(Object.keys(await queryLatestLoggedMetrics(prisma, runId, maxStep)));
  const bucketWidth = getBucketWidth(run.totalSteps);
  const series = await queryDownsampledSeries(prisma, runId, keys, bucketWidth, maxStep);
  const {
    policyBackend,
    reflectionBackend,
    project,
    bestProgramId: _best,
    createdAt,
    startedAt,
    finishedAt,
    ...rest
  } = run;
  const total = Object.fromEntries(
    Object.keys(USAGE_SELECT).map((k) => [k, agg._sum[k as keyof UsageCounts] ?? 0]),
  ) as unknown as UsageCounts;
  const last = latest
    ? (Object.fromEntries(
        Object.keys(USAGE_SELECT).map((k) => [k, latest[k as keyof UsageCounts]]),
      ) as unknown as UsageCounts)
    : null;
  const usage = summariseUsage({
    total,
    last,
    stepCount: agg._count._all,
    policyPrices: readPrices(policyBackend),
    // Without its own reflection backend a run reflects with its policy backend.
    reflectionPrices: readPrices(reflectionBackend ?? policyBackend),
  });
  return {
    run: {
      ...rest,
      projectName: project.name,
      simulated: !policyBackend || policyBackend.kind === "sim",
      createdAt: createdAt.toISOString(),
      startedAt: startedAt?.toISOString() ?? null,
      finishedAt: finishedAt?.toISOString() ?? null,
    },
    stepCount: agg._count._all,
    lastStep: agg._max.step,
    firstStartedAt: agg._min.startedAt?.toISOString() ?? null,
    lastCommittedAt: agg._max.committedAt?.toISOString() ?? null,
    bucketWidth,
    series,
    events,
    best: toProgramSummary(bestRow),
    newest: toProgramSummary(newest),
    usage,
    backends: { policy: policyBackend?.name ?? null, reflection: reflectionBackend?.name ?? null },
  };
}
