/**
 * The overview's "Values per step" table: the same series the success charts draw, one row per bucket
 * (one step while a run has up to a thousand; lib/view/charts/downsample.ts), one column per metric key,
 * each cell the value at the bucket's last step. A key with no value in a bucket is null (shown as
 * missing, never 0).
 */
import type { Bucket } from "@/lib/view/charts/downsample";

export interface StepValues {
  keys: string[];
  rows: { step: number; values: (number | null)[] }[];
}

export function prepareStepValues(
  series: Record<string, readonly Bucket[]>,
  keys: readonly string[],
): StepValues {
  const byStep = new Map<number, Map<string, number>>();
  for (const key of keys)
    for (const b of series[key] ?? []) {
      const row = byStep.get(b.step) ?? new Map<string, number>();
      row.set(key, b.last);
      byStep.set(b.step, row);
    }
  const rows = [...byStep.keys()]
    .sort((a, b) => a - b)
    .map((step) => ({ step, values: keys.map((k) => byStep.get(step)!.get(k) ?? null) }));
  return { keys: [...keys], rows };
}

/** A table cell: four decimals (the reference's values are float32 fractions). */
export const formatStepValue = (value: number | null) => (value === null ? "—" : value.toFixed(4));
