import "server-only";
import { isPanelMetric } from "@/lib/view/charts/metric-panels";
import { scopedRunWhere, type ReadScope } from "@/lib/server/auth/scope";
import { getBucketWidth, type Bucket } from "@/lib/view/charts/downsample";
import { getPrisma } from "@/lib/server/db/client";
import { z } from "zod";
import { notFound } from "@/lib/domain/errors";
import type { ProgramOrigin, RunSource, RunStatus, TrainMode } from "@/lib/generated/prisma/enums";
import { sortMetricKeys } from "@/lib/domain/metrics/metric-order";
import { queryAxisPositions } from "./axis-positions";
import { countUnrecordedTokenCalls } from "./unrecorded-tokens";
import { bucketSteps, type AxisPositions } from "@/lib/view/charts/axis-positions";
import { queryDownsampledSeries, queryLatestLoggedMetrics } from "./run-series";
import { queryEventMarkers, type EventMarker } from "./run-overview-events";
import { describeProvenance, type RunProvenance } from "@/lib/domain/runs/run-provenance";
import { estimateRunProgress } from "@/lib/domain/runs/run-progress";
import { readBackendOptions } from "@/lib/domain/backends/backend-options";
import {
  recordedUsage,
  summariseUsage,
  type UsageCounts,
  type UsageSummary,
} from "@/lib/domain/runs/usage/usage-summary";

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

export type { EventMarker };

/** What the caller's panels draw: see lib/domain/runs/overview-query.ts. */
export interface RunOverviewOptions {
  /** Series to send (null: the charted ones, selectChartKeys). */
  metrics?: readonly string[] | null;
  /** At most this many buckets per series (the chart's width); MAX_POINTS when absent. */
  points?: number;
  /** Only buckets and events after this step: the client holds the rest (null: everything). */
  sinceStep?: number | null;
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
    /** The dataset's name and content hash as recorded at launch; null where none was recorded. */
    datasetId: string | null;
    datasetName: string | null;
    datasetVersion: string | null;
    source: RunSource;
    simulated: boolean;
    /** Source, model, backend, seed and elapsed time, each null where nothing recorded it. */
    provenance: RunProvenance;
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
  /** Every numeric metric the run's newest metrics line holds: what `metrics` may ask for. */
  metricKeys: string[];
  /** Set on a delta: series, axes and events hold only what lies after this step. */
  sinceStep: number | null;
  series: Record<string, Bucket[]>;
  /** Where the series' bucket ends lie on the samples, tokens and time axes. */
  axes: AxisPositions;
  events: EventMarker[];
  best: ProgramSummary | null;
  newest: ProgramSummary | null;
  /** Tokens sampled (policy, reflection) and trained, with a cost estimate where prices are set. */
  usage: UsageSummary;
  backends: { policy: string | null; reflection: string | null };
}

/**
 * What an imported run's files recorded (the import's note of config.json's keys and log folder; the
 * engine state is otherwise not read here, it can be large) and the visible steps' logged `time/total`
 * (seconds per step, as the reference's clock measured them).
 */
async function queryImportedRecord(runId: string, maxStep: number) {
  const [row] = await getPrisma().$queryRaw<
    { configKeys: unknown; logDir: unknown; seconds: number | null; steps: number }[]
  >`
    SELECT r.engine_state #> '{imported,configKeys}' AS "configKeys",
           r.engine_state #> '{imported,logDir}' AS "logDir",
           t.seconds, t.steps
    FROM runs r, LATERAL (
      SELECT sum((s.metrics #>> '{logged,time/total}')::float8) AS seconds, count(*)::int AS steps
      FROM steps s WHERE s.run_id = r.id AND s.step <= ${maxStep}::int
        AND jsonb_typeof(s.metrics #> '{logged,time/total}') = 'number') t
    WHERE r.id = ${runId}::uuid`;
  return {
    record: { configKeys: row?.configKeys ?? null, logDir: row?.logDir ?? null },
    loggedTime: { seconds: row?.seconds ?? 0, steps: row?.steps ?? 0 },
  };
}

/**
 * Series sent by default: every panel's. Train and test success are per program (the bulk of the bytes);
 * the optimizer, usage and time groups are a handful of run-level series, cheap at the chart's width.
 */
export function selectChartKeys(metricKeys: readonly string[]): string[] {
  return sortMetricKeys(metricKeys.filter(isPanelMetric));
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
export async function getRunOverview(
  scope: ReadScope,
  runId: string,
  options: RunOverviewOptions = {},
): Promise<RunOverview> {
  if (!z.guid().safeParse(runId).success) throw notFound("run");
  const prisma = getPrisma();
  const run = await prisma.run.findFirst({
    where: scopedRunWhere(scope, runId),
    select: {
      id: true,
      name: true,
      status: true,
      statusDetail: true,
      error: true,
      trainMode: true,
      datasetId: true,
      datasetName: true,
      datasetVersion: true,
      source: true,
      seed: true,
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
  const sinceStep = options.sinceStep ?? null;
  const bucketWidth = getBucketWidth(run.totalSteps, options.points);
  // Independent reads in one round: each costs a round trip, and under load the trips add up.
  const [agg, latest, events, newest, bestRow, logged, unrecorded] = await Promise.all([
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
    queryEventMarkers(prisma, runId, bucketWidth, maxStep, sinceStep),
    prisma.program.findFirst({
      where: { runId, birthStep: { lte: maxStep } },
      orderBy: [{ birthStep: "desc" }, { programId: "desc" }],
      select: PROGRAM_SELECT,
    }),
    run.bestProgramId === null || scope.frozenAtStep !== undefined
      ? null
      : prisma.program.findFirst({ where: { runId, programId: run.bestProgramId }, select: PROGRAM_SELECT }),
    queryLatestLoggedMetrics(prisma, runId, maxStep),
    // A reflection call whose backend reported no token counts makes the run's reflection tokens unknown.
    // So does a sampling batch for the policy tokens.
    countUnrecordedTokenCalls(prisma, stepWhere),
  ]);
  const metricKeys = sortMetricKeys(Object.keys(logged).filter((k) => typeof logged[k] === "number"));
  const keys = options.metrics ?? selectChartKeys(Object.keys(logged));
  const series = await queryDownsampledSeries(prisma, runId, keys, bucketWidth, maxStep, sinceStep);
  const axes = await queryAxisPositions(
    prisma,
    runId,
    run.source,
    bucketSteps(Object.values(series)),
    maxStep,
  );
  const {
    policyBackend,
    reflectionBackend,
    project,
    bestProgramId: _best,
    createdAt,
    startedAt,
    finishedAt,
    seed,
    ...rest
  } = run;
  const imported = run.source === "imported" ? await queryImportedRecord(runId, maxStep) : null;
  const provenance = describeProvenance({
    source: run.source,
    seed,
    config: run.config,
    engineState: imported && { imported: imported.record },
    policyBackend,
    clockElapsedMs: estimateRunProgress({
      stepCount: agg._count._all,
      totalSteps: run.totalSteps,
      firstStartedAt: agg._min.startedAt?.toISOString() ?? null,
      lastCommittedAt: agg._max.committedAt?.toISOString() ?? null,
      finished: true,
    }).elapsedMs,
    stepCount: agg._count._all,
    loggedTime: imported && imported.loggedTime,
  });
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
    recorded: recordedUsage({
      imported: run.source === "imported",
      unrecordedReflectionCalls: unrecorded.reflection,
      unrecordedSamplingCalls: unrecorded.sampling,
    }),
    policyPrices: readPrices(policyBackend),
    // Without its own reflection backend a run reflects with its policy backend.
    reflectionPrices: readPrices(reflectionBackend ?? policyBackend),
  });
  return {
    run: {
      ...rest,
      projectName: project.name,
      simulated: provenance.source === "simulated",
      provenance,
      createdAt: createdAt.toISOString(),
      startedAt: startedAt?.toISOString() ?? null,
      finishedAt: finishedAt?.toISOString() ?? null,
    },
    stepCount: agg._count._all,
    lastStep: agg._max.step,
    firstStartedAt: agg._min.startedAt?.toISOString() ?? null,
    lastCommittedAt: agg._max.committedAt?.toISOString() ?? null,
    bucketWidth,
    metricKeys,
    sinceStep,
    series,
    axes,
    events,
    best: toProgramSummary(bestRow),
    newest: toProgramSummary(newest),
    usage,
    backends: { policy: policyBackend?.name ?? null, reflection: reflectionBackend?.name ?? null },
  };
}
