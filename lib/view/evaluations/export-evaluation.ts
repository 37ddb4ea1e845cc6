/**
 * An evaluation as export rows: one per cell (checkpoint × program) with n, every Pass@k, the mean reward
 * and its 95% CI, exactly as the worker stored them in the cell's metrics. Nothing is recomputed here, so
 * the file says what the grid says; a value the cell has not recorded is null (an empty CSV field).
 */
import { formatCsvRow } from "@/lib/domain/text/csv";
import { statusOf, type CellSource, type CellStatus } from "./prepare-evaluation";

export interface ExportableCell {
  position: number;
  checkpointLabel: string;
  programId: number;
  n: number;
  /** As stored: "Pass@k", mean_reward, ci_low, ci_high; null until graded. */
  metrics: Record<string, number | null> | null;
  /** Sampled now (default), copied from an imported run's rollouts, or needing a live backend. */
  source?: CellSource;
  /** Where a recorded cell comes from, or why a cell needs a live backend. */
  note?: string | null;
}

export interface EvaluationExportRow {
  checkpoint: string;
  program: number;
  /** pending, not_graded, graded, recorded or needs_backend: the grid's own word for the cell. */
  status: CellStatus;
  n: number;
  /** Every Pass@k of the evaluation, in k order; null where this cell has none. */
  passAtK: Record<string, number | null>;
  meanReward: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  note: string | null;
}

const PASS_AT = /^Pass@(\d+)$/;

const numberOrNull = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

/** "Pass@1", "Pass@2", … found in any cell, ordered by k (not as strings: Pass@10 after Pass@9). */
export function listPassAtKeys(cells: readonly ExportableCell[]): string[] {
  const ks = new Set<number>();
  for (const cell of cells)
    for (const key of Object.keys(cell.metrics ?? {})) {
      const match = PASS_AT.exec(key);
      if (match) ks.add(Number(match[1]));
    }
  return [...ks].sort((a, b) => a - b).map((k) => `Pass@${k}`);
}

export function buildEvaluationExportRows(
  cells: readonly ExportableCell[],
  jobStatus: string,
): EvaluationExportRow[] {
  const keys = listPassAtKeys(cells);
  return [...cells]
    .sort((a, b) => a.position - b.position)
    .map((cell) => {
      const metrics = cell.metrics ?? {};
      return {
        checkpoint: cell.checkpointLabel,
        program: cell.programId,
        status: statusOf(cell, jobStatus),
        n: cell.n,
        passAtK: Object.fromEntries(keys.map((key) => [key, numberOrNull(metrics[key])])),
        meanReward: numberOrNull(metrics.mean_reward),
        ciLow: numberOrNull(metrics.ci_low),
        ciHigh: numberOrNull(metrics.ci_high),
        note: cell.note ?? null,
      };
    });
}

/** One header line, then one line per cell; full precision, for further analysis. */
export function formatEvaluationExportCsv(rows: readonly EvaluationExportRow[]): string {
  const keys = rows[0] ? Object.keys(rows[0].passAtK) : [];
  let text = formatCsvRow([
    "checkpoint",
    "program",
    "status",
    "n",
    ...keys,
    "mean_reward",
    "ci_low",
    "ci_high",
    "note",
  ]);
  for (const row of rows)
    text += formatCsvRow([
      row.checkpoint,
      row.program,
      row.status,
      row.n,
      ...keys.map((key) => row.passAtK[key]),
      row.meanReward,
      row.ciLow,
      row.ciHigh,
      row.note,
    ]);
  return text;
}
