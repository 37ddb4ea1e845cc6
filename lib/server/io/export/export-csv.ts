/**
 * Per-step metrics as CSV, one row per committed step: step, epoch and batch index, then one column per
 * metric key: the union over all steps, sorted, so that prefixes group (optim/, rollout/, testing/,
 * train/…) and two exports of similar runs line up (JSONB keeps no insertion order to follow instead).
 * A step without a key leaves its cell empty, and so does a usage count the step did not record.
 *
 * The header needs every key before the first row, so the steps are read twice, in pages both times:
 * once for the keys, once for the rows. Steps are few (thousands at most) next to rollouts.
 */
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sortMetricKeys } from "@/lib/domain/metrics/metric-order";
import { formatCsvRow, type CsvValue } from "./csv";
import { DEFAULT_BATCH_SIZE, type ExportOptions, type ExportTarget } from "./export-target";
import { readPages } from "./read-pages";
import { readRecordedUsageByStep, recordedCount } from "@/lib/server/read/unrecorded-tokens";

const FIXED_COLUMNS = ["step", "epoch", "batch_index"] as const;
/** Token usage per step (stored columns, not metrics), after the metrics so metric columns keep their place. */
const USAGE_COLUMNS = [
  ["usage/policy_prompt_tokens", "policyPromptTokens"],
  ["usage/policy_completion_tokens", "policyCompletionTokens"],
  ["usage/reflection_prompt_tokens", "reflectionPromptTokens"],
  ["usage/reflection_completion_tokens", "reflectionCompletionTokens"],
  ["usage/reflection_calls", "reflectionCalls"],
  ["usage/train_tokens", "trainTokens"],
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function addFlattened(out: Map<string, CsvValue>, prefix: string, value: unknown): void {
  if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value))
      addFlattened(out, prefix ? `${prefix}/${key}` : key, inner);
  } else if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
    out.set(prefix, value);
  } else if (value === null) {
    out.set(prefix, null);
  }
}

/**
 * A step's metrics as flat key → value. Native runs store `logged`, the reference's metrics.jsonl line,
 * which already holds rollout/… and testing/… under prefixed names; anything else (an imported run) is
 * flattened with "/" between levels.
 */
export function flattenStepMetrics(metrics: unknown): Map<string, CsvValue> {
  const out = new Map<string, CsvValue>();
  if (isRecord(metrics) && isRecord(metrics.logged)) addFlattened(out, "", metrics.logged);
  else addFlattened(out, "", metrics);
  // Already a fixed column.
  out.delete("step");
  return out;
}

function readStepPages(prisma: PrismaClient, target: ExportTarget, pageSize: number) {
  return readPages(
    (after: number | null, take) =>
      prisma.step.findMany({
        where: { runId: target.runId, step: { gt: after ?? -1, lt: target.asOfStep } },
        orderBy: { step: "asc" },
        select: {
          step: true,
          epoch: true,
          batchIndex: true,
          metrics: true,
          policyPromptTokens: true,
          policyCompletionTokens: true,
          reflectionPromptTokens: true,
          reflectionCompletionTokens: true,
          reflectionCalls: true,
          trainTokens: true,
        },
        take,
      }),
    (row) => row.step,
    pageSize,
  );
}

export async function* streamStepMetricsCsv(
  prisma: PrismaClient,
  target: ExportTarget,
  options: ExportOptions = {},
): AsyncGenerator<string> {
  const pageSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const keys = new Set<string>();
  for await (const steps of readStepPages(prisma, target, pageSize))
    for (const step of steps) for (const key of flattenStepMetrics(step.metrics).keys()) keys.add(key);
  const usageNames = USAGE_COLUMNS.map(([name]) => name as string);
  const metricKeys = sortMetricKeys(
    [...keys].filter(
      (key) => !(FIXED_COLUMNS as readonly string[]).includes(key) && !usageNames.includes(key),
    ),
  );

  const recordedAt = await readRecordedUsageByStep(prisma, target.runId);

  yield formatCsvRow([...FIXED_COLUMNS, ...metricKeys, ...usageNames]);
  for await (const steps of readStepPages(prisma, target, pageSize)) {
    let chunk = "";
    for (const step of steps) {
      const values = flattenStepMetrics(step.metrics);
      chunk += formatCsvRow([
        step.step,
        step.epoch,
        step.batchIndex,
        ...metricKeys.map((k) => values.get(k)),
        // A count the step did not record is an empty cell, not the column's stored 0.
        ...USAGE_COLUMNS.map(([, field]) => recordedCount(step, recordedAt(step.step), field)),
      ]);
    }
    yield chunk;
  }
}
