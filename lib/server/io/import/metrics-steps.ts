/**
 * The global step of each metrics.jsonl line. The reference logs `step = batch_idx`, which restarts at 0
 * every epoch (SPEC §12.4, §13 item 13), while stats.json and the step folders use the global step. So the
 * lines are walked in order, counting epochs: a line at batch 0 right after the epoch's last batch starts
 * the next epoch. A line at or before the previous batch is a resumed run redoing steps (SPEC §11): it
 * stays in the same epoch and, like the stats file's entry, the last line for a step wins.
 *
 * Batches per epoch come from the line itself (`progress/done_frac = (batch + 1) / num_batches`), else
 * from stats.json. Each placement is checked against stats.json's (epoch, batch) for that step; a line
 * that disagrees is left out and reported, rather than attaching one step's metrics to another.
 */
import "server-only";
import type { MetricsLine, StatsEntry } from "./schemas";

export interface PlacedMetrics {
  /** Global step → the last line logged for it. */
  byStep: Map<number, MetricsLine>;
  /** Plain-words reasons for lines left out, with their 1-based position among the lines read. */
  skipped: { line: number; reason: string }[];
}

function batchesFromLine(line: MetricsLine): number | null {
  const frac = line["progress/done_frac"];
  if (typeof frac !== "number" || !(frac > 0) || frac > 1) return null;
  const batches = Math.round((line.step + 1) / frac);
  // done_frac is a float: accept it only when it names a whole number of batches.
  return Math.abs((line.step + 1) / frac - batches) < 1e-6 && batches > line.step ? batches : null;
}

function batchesFromStats(stats: ReadonlyMap<number, StatsEntry>): number | null {
  let max = -1;
  for (const entry of stats.values()) max = Math.max(max, entry.batch);
  return max >= 0 ? max + 1 : null;
}

export function placeMetricsLines(
  lines: readonly MetricsLine[],
  stats: ReadonlyMap<number, StatsEntry>,
): PlacedMetrics {
  const byStep = new Map<number, MetricsLine>();
  const skipped: PlacedMetrics["skipped"] = [];
  // stats.json says which global step each (epoch, batch) pair is.
  const globalOf = new Map<string, number>();
  for (const [step, entry] of stats) globalOf.set(`${entry.epoch}/${entry.batch}`, step);
  const statsBatches = batchesFromStats(stats);
  let epoch = 0;
  let previous: number | null = null;
  lines.forEach((line, index) => {
    const batches = batchesFromLine(line) ?? statsBatches;
    if (previous !== null) {
      const wrapped = batches === null ? line.step < previous : previous === batches - 1;
      if (line.step === 0 && wrapped) epoch++;
    }
    previous = line.step;
    const step =
      globalOf.get(`${epoch}/${line.step}`) ?? (batches === null ? null : epoch * batches + line.step);
    const entry = step === null ? undefined : stats.get(step);
    if (step === null)
      skipped.push({
        line: index + 1,
        reason: `batch ${line.step} of epoch ${epoch}: the number of batches per epoch is unknown, so its step is too`,
      });
    else if (entry && (entry.epoch !== epoch || entry.batch !== line.step))
      skipped.push({
        line: index + 1,
        reason: `batch ${line.step} of epoch ${epoch} would be step ${step}, which stats.json records as batch ${entry.batch} of epoch ${entry.epoch}; line not used`,
      });
    else byStep.set(step, line);
  });
  return { byStep, skipped };
}

/**
 * A step's stats.json entry under the names its metrics.jsonl line would use (`rollout/…` and
 * `testing/…`, the reference logs the same values under both, SPEC §12.3–12.4), for a step that has no
 * line: its charts then show these values rather than nothing. `step` is the batch index, as the
 * reference logs it; what only the log holds (time/total, optim/lr, progress/…) stays absent.
 */
export function statsAsLoggedLine(entry: StatsEntry): MetricsLine {
  const line: MetricsLine = { step: entry.batch };
  for (const [key, value] of Object.entries(entry.rollout)) line[`rollout/${key}`] = value;
  for (const [key, value] of Object.entries(entry.test)) line[`testing/${key}`] = value;
  return line;
}

/** Steps stats.json records that no metrics.jsonl line was placed on, in order. */
export function stepsWithoutLine(
  stats: ReadonlyMap<number, StatsEntry>,
  byStep: ReadonlyMap<number, MetricsLine>,
): number[] {
  return [...stats.keys()].filter((step) => !byStep.has(step)).sort((a, b) => a - b);
}
