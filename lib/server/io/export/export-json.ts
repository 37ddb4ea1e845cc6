/**
 * The whole run as one JSON document: summary and config, steps with their metrics and evaluations,
 * programs with principles, parents and rating history, evolution events with every LLM call, and
 * checkpoints. Rollouts are left to the JSONL export (they are most of a run's bytes); `counts` says
 * how many there are. Keys are snake_case, like the config and the reference's metric names, so the
 * file reads naturally from Python.
 *
 * Streamed page by page: the document is written as it is read and never held whole.
 */
import "server-only";
import type { RecordedUsage, UsageCounts } from "@/lib/domain/runs/usage/usage-summary";
import { readRecordedUsageByStep, recordedCount } from "@/lib/server/read/unrecorded-tokens";
import { esplConfigSchema } from "@/lib/espl/config";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { RUN_JSON_FORMAT, RUN_JSON_VERSION } from "@/lib/domain/export-formats";
import { describeProvenance } from "@/lib/domain/runs/run-provenance";
import { DEFAULT_BATCH_SIZE, type ExportOptions, type ExportTarget } from "./export-target";
import { readPages } from "./read-pages";

// Programs carry their rating history and events their LLM prompts (tens of kB each): smaller pages.
const PROGRAM_PAGE_LIMIT = 200;
const EVENT_PAGE_LIMIT = 50;

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/**
 * The seed as recorded, null where nothing recorded one: an imported run stores 0 in the NOT NULL
 * column when its config.json had no seed. The run header decides this (run-provenance.ts); only its
 * seed is read here, so the timing inputs are left empty.
 */
const recordedSeed = (run: {
  source: "native" | "imported";
  seed: number;
  config: unknown;
  engineState: unknown;
}) =>
  describeProvenance({
    ...run,
    policyBackend: null,
    clockElapsedMs: null,
    stepCount: 0,
    loggedTime: null,
  }).seed;

/** JSONB reorders keys; the export lists them in the schema's order (the reference's), unknown ones last. */
function orderConfig(config: unknown): unknown {
  if (typeof config !== "object" || config === null || Array.isArray(config)) return config;
  const source = config as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(esplConfigSchema.shape))
    if (Object.hasOwn(source, key)) ordered[key] = source[key];
  for (const [key, value] of Object.entries(source)) if (!Object.hasOwn(ordered, key)) ordered[key] = value;
  return ordered;
}

/** `[` … `]` with one element per line; pages are written as they arrive. */
async function* writeArray(pages: AsyncIterable<unknown[]>): AsyncGenerator<string> {
  yield "[";
  let first = true;
  for await (const page of pages) {
    yield (first ? "\n" : ",\n") + page.map((item) => JSON.stringify(item)).join(",\n");
    first = false;
  }
  yield first ? "]" : "\n]";
}

async function readHeader(prisma: PrismaClient, target: ExportTarget) {
  const { runId, asOfStep } = target;
  const run = await prisma.run.findUniqueOrThrow({
    where: { id: runId },
    include: {
      project: { select: { id: true, slug: true, name: true } },
      dataset: { select: { id: true, name: true } },
      policyBackend: { select: { id: true, name: true, kind: true } },
    },
  });
  const before = { runId, step: { lt: asOfStep } };
  const [steps, programs, rollouts, evolutionEvents] = await Promise.all([
    prisma.step.count({ where: before }),
    prisma.program.count({ where: { runId, birthStep: { lt: asOfStep } } }),
    prisma.rollout.count({ where: before }),
    prisma.evolutionEvent.count({ where: before }),
  ]);
  return {
    format: RUN_JSON_FORMAT,
    version: RUN_JSON_VERSION,
    exported_at: new Date().toISOString(),
    as_of_step: asOfStep,
    run: {
      id: run.id,
      name: run.name,
      project: run.project,
      status: run.status,
      status_detail: run.statusDetail,
      source: run.source,
      train_mode: run.trainMode,
      seed: recordedSeed(run),
      tags: run.tags,
      dataset: run.dataset,
      policy_backend: run.policyBackend,
      current_step: run.currentStep,
      total_steps: run.totalSteps,
      best_test_pass1: run.bestTestPass1,
      best_program_id: run.bestProgramId,
      best_conservative: run.bestConservative,
      error: run.error,
      created_at: iso(run.createdAt),
      started_at: iso(run.startedAt),
      finished_at: iso(run.finishedAt),
    },
    config: orderConfig(run.config),
    counts: { steps, programs, rollouts, evolution_events: evolutionEvents },
  };
}

function usageOf(counts: UsageCounts, recorded: RecordedUsage) {
  const count = (key: keyof UsageCounts) => recordedCount(counts, recorded, key);
  return {
    policy_prompt_tokens: count("policyPromptTokens"),
    policy_completion_tokens: count("policyCompletionTokens"),
    reflection_prompt_tokens: count("reflectionPromptTokens"),
    reflection_completion_tokens: count("reflectionCompletionTokens"),
    reflection_calls: count("reflectionCalls"),
    train_tokens: count("trainTokens"),
  };
}

async function* readSteps(prisma: PrismaClient, target: ExportTarget, pageSize: number) {
  const { runId, asOfStep } = target;
  const pages = readPages(
    (after: number | null, take) =>
      prisma.step.findMany({
        where: { runId, step: { gt: after ?? -1, lt: asOfStep } },
        orderBy: { step: "asc" },
        take,
      }),
    (row) => row.step,
    pageSize,
  );
  const recordedAt = await readRecordedUsageByStep(prisma, runId);
  for await (const steps of pages) {
    const evaluations = await prisma.evaluation.findMany({
      where: { runId, step: { gte: steps[0]!.step, lte: steps[steps.length - 1]!.step } },
      select: { step: true, avgReward: true, passAtK: true, program: { select: { programId: true } } },
      orderBy: [{ step: "asc" }, { programId: "asc" }],
    });
    yield steps.map((s) => ({
      step: s.step,
      epoch: s.epoch,
      batch_index: s.batchIndex,
      selected_program_ids: s.selectedProgramIds,
      test_program_id: s.testProgramId,
      samples_consumed: s.samplesConsumed,
      // null where the step did not record a count (an import, a backend that reported no tokens).
      usage: usageOf(s, recordedAt(s.step)),
      started_at: iso(s.startedAt),
      committed_at: iso(s.committedAt),
      metrics: s.metrics,
      timings: s.timings,
      details: s.details,
      evaluations: evaluations
        .filter((e) => e.step === s.step)
        .map((e) => ({ program_id: e.program.programId, avg_reward: e.avgReward, pass_at_k: e.passAtK })),
    }));
  }
}

async function* readPrograms(prisma: PrismaClient, target: ExportTarget, pageSize: number) {
  const { runId, asOfStep } = target;
  const pages = readPages(
    (after: number | null, take) =>
      prisma.program.findMany({
        where: { runId, programId: { gt: after ?? -1 }, birthStep: { lt: asOfStep } },
        orderBy: { programId: "asc" },
        take,
        include: {
          parentEdges: {
            select: { kind: true, parentOrder: true, parent: { select: { programId: true } } },
            orderBy: { parentOrder: "asc" },
          },
          ratingUpdates: { where: { step: { lt: asOfStep } }, orderBy: { step: "asc" } },
        },
      }),
    (row) => row.programId,
    Math.min(pageSize, PROGRAM_PAGE_LIMIT),
  );
  for await (const programs of pages) {
    yield programs.map((p) => ({
      program_id: p.programId,
      origin: p.origin,
      birth_step: p.birthStep,
      // Eviction and the rating below are as stored now; rating_history is fenced at as_of_step.
      evicted_at_step: p.evictedAtStep,
      mu: p.mu,
      sigma: p.sigma,
      conservative: p.mu - 3 * p.sigma,
      times_selected: p.timesSelected,
      principles: p.principles,
      parents: p.parentEdges.map((e) => ({
        program_id: e.parent.programId,
        kind: e.kind,
        order: e.parentOrder,
      })),
      rating_history: p.ratingUpdates.map((u) => ({
        step: u.step,
        mu_before: u.muBefore,
        sigma_before: u.sigmaBefore,
        mu_after: u.muAfter,
        sigma_after: u.sigmaAfter,
        score: u.score,
        rank: u.rank,
        tie_group: u.tieGroup,
      })),
    }));
  }
}

async function* readEvents(prisma: PrismaClient, target: ExportTarget, pageSize: number) {
  const { runId, asOfStep } = target;
  const pages = readPages(
    (after: number | null, take) =>
      prisma.evolutionEvent.findMany({
        where: { runId, id: { gt: after ?? 0 }, step: { lt: asOfStep } },
        orderBy: { id: "asc" },
        take,
        include: {
          child: { select: { programId: true } },
          llmCalls: { orderBy: { ordinal: "asc" } },
        },
      }),
    (row) => row.id,
    Math.min(pageSize, EVENT_PAGE_LIMIT),
  );
  for await (const events of pages) {
    yield events.map((e) => ({
      step: e.step,
      kind: e.kind,
      status: e.status,
      parent_program_ids: e.parentProgramIds,
      child_program_id: e.child?.programId ?? null,
      error: e.error,
      details: e.details,
      created_at: iso(e.createdAt),
      llm_calls: e.llmCalls.map((c) => ({
        ordinal: c.ordinal,
        purpose: c.purpose,
        model: c.model,
        prompt: c.prompt,
        raw_reply: c.rawReply,
        parsed_operations: c.parsedOperations,
        error: c.error,
        prompt_tokens: c.promptTokens,
        completion_tokens: c.completionTokens,
        latency_ms: c.latencyMs,
      })),
    }));
  }
}

async function* readCheckpoints(prisma: PrismaClient, target: ExportTarget) {
  // A handful per run (every save_every steps, best, final): one query.
  const checkpoints = await prisma.checkpoint.findMany({
    where: { runId: target.runId, step: { lt: target.asOfStep } },
    orderBy: [{ step: "asc" }, { name: "asc" }],
    select: { step: true, name: true, backendRef: true, createdAt: true },
  });
  if (checkpoints.length > 0)
    yield checkpoints.map((c) => ({
      step: c.step,
      name: c.name,
      backend_ref: c.backendRef,
      created_at: iso(c.createdAt),
    }));
}

export async function* streamRunJson(
  prisma: PrismaClient,
  target: ExportTarget,
  options: ExportOptions = {},
): AsyncGenerator<string> {
  const pageSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const header = JSON.stringify(await readHeader(prisma, target));
  // The header object without its closing brace; the arrays follow as further members.
  yield `${header.slice(0, -1)},\n"steps":`;
  yield* writeArray(readSteps(prisma, target, pageSize));
  yield ',\n"programs":';
  yield* writeArray(readPrograms(prisma, target, pageSize));
  yield ',\n"evolution_events":';
  yield* writeArray(readEvents(prisma, target, pageSize));
  yield ',\n"checkpoints":';
  yield* writeArray(readCheckpoints(prisma, target));
  yield "}\n";
}
