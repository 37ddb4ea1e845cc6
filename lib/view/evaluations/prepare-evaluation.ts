/**
 * An evaluation as its pages and the CLI show it: the grid (checkpoints × programs, each cell with its
 * metrics and CI), the decomposition of the final gain over the base when the grid has its four corners
 * (base/final × root/best), and the per-problem flips from base + root to final + best. A transfer row
 * (another backend's model) is shown in the grid but takes no part in them: it has none of the run's
 * weights, so it is neither "base" nor "final".
 */
import { decomposeGain, findFlips, type Decomposition, type Flip, type Interval } from "./attribution";

export interface StoredCell {
  position: number;
  checkpointLabel: string;
  programId: number;
  n: number;
  /** As stored by the worker: "Pass@k", mean_reward, ci_low, ci_high; null until graded. */
  metrics: Record<string, number | null> | null;
  /** Mean reward per problem, in problem order; empty until graded. */
  problemMeans: number[];
  /** Sampled now (default), copied from an imported run's recorded rollouts, or needing a live backend. */
  source?: CellSource;
  /** Where a recorded cell comes from, or why a cell needs a live backend. */
  note?: string | null;
  /** A row of another backend's model (transfer), not a checkpoint of the run. */
  transfer?: boolean;
}

export type CellSource = "sampled" | "recorded" | "needs_backend";
/** not_graded: the job was cancelled or failed before grading the cell, so it never will be. */
export type CellStatus = "pending" | "not_graded" | "graded" | "recorded" | "needs_backend";

/** A job in these states grades nothing more: its ungraded cells are "not graded", not "pending". */
const ENDED_UNGRADED = new Set(["cancelled", "failed"]);

export interface GridCell {
  checkpoint: string;
  program: number;
  n: number;
  done: boolean;
  /** "Pass@1" … and "mean_reward". */
  metrics: Record<string, number>;
  ci: Interval | null;
  /** pending until graded (not_graded once its job was cancelled or failed); graded (sampled now) or
   * recorded (an imported run's rollouts) once done; needs_backend when no stored row can answer it. */
  status: CellStatus;
  note: string | null;
}

export interface CellRef {
  /** The cell's position in the grid (its samples are read by it). */
  position: number;
  checkpoint: string;
  program: number;
}

export interface EvaluationView {
  checkpoints: string[];
  programs: number[];
  cells: GridCell[];
  decomposition: Decomposition | null;
  /** Why there is no decomposition, in plain words. */
  decompositionNote: string | null;
  flips: { from: CellRef; to: CellRef; items: Flip[] } | null;
  /** Said when the grid has transfer rows: they are outside the decomposition and the flips. */
  transferNote: string | null;
}

/** The cell's status as the grid, the CLI and the export say it, given its job's status. */
export function statusOf(cell: Pick<StoredCell, "source" | "metrics">, jobStatus: string): CellStatus {
  if (cell.source === "needs_backend") return "needs_backend";
  if (cell.metrics === null) return ENDED_UNGRADED.has(jobStatus) ? "not_graded" : "pending";
  return cell.source === "recorded" ? "recorded" : "graded";
}

function toGridCell(cell: StoredCell, jobStatus: string): GridCell {
  const metrics: Record<string, number> = {};
  let ci: Interval | null = null;
  if (cell.metrics) {
    for (const [key, value] of Object.entries(cell.metrics))
      if ((key.startsWith("Pass@") || key === "mean_reward") && typeof value === "number")
        metrics[key] = value;
    const { ci_low: low, ci_high: high } = cell.metrics;
    if (typeof low === "number" && typeof high === "number") ci = { low, high };
  }
  return {
    checkpoint: cell.checkpointLabel,
    program: cell.programId,
    n: cell.n,
    done: cell.metrics !== null,
    metrics,
    ci,
    status: statusOf(cell, jobStatus),
    note: cell.note ?? null,
  };
}

export function prepareEvaluation(
  cells: readonly StoredCell[],
  bestProgramId: number | null,
  jobStatus: string,
): EvaluationView {
  const ordered = [...cells].sort((a, b) => a.position - b.position);
  const checkpoints = [...new Set(ordered.map((c) => c.checkpointLabel))];
  const programs = [...new Set(ordered.map((c) => c.programId))];
  const find = (checkpoint: string, program: number | null) =>
    ordered.find(
      (c) => !c.transfer && c.checkpointLabel === checkpoint && c.programId === program && c.metrics !== null,
    );
  const unanswerable = (checkpoint: string, program: number) =>
    ordered.some(
      (c) => c.checkpointLabel === checkpoint && c.programId === program && c.source === "needs_backend",
    );
  const corners =
    bestProgramId === null
      ? null
      : {
          baseRoot: find("base", 0),
          finalRoot: find("final", 0),
          baseBest: find("base", bestProgramId),
          finalBest: find("final", bestProgramId),
        };
  let decomposition: Decomposition | null = null;
  let decompositionNote: string | null = null;
  const cornerPairs: [string, number][] =
    bestProgramId === null
      ? []
      : ["base", "final"].flatMap(
          (k) =>
            [
              [k, 0],
              [k, bestProgramId],
            ] as [string, number][],
        );
  const missingLive = cornerPairs.filter(([k, p]) => unanswerable(k, p)).length;
  if (!corners || Object.values(corners).some((c) => c === undefined))
    decompositionNote =
      missingLive > 0
        ? `the decomposition needs the cells base and final × root and best; ${missingLive} of them need a live backend (this run's files do not hold them)`
        : "the decomposition needs the graded cells base and final × root and best (evaluate base,final × root,best)";
  else {
    const { baseRoot, finalRoot, baseBest, finalBest } = corners as Record<keyof typeof corners, StoredCell>;
    decomposition = decomposeGain({
      baseRoot: baseRoot.problemMeans,
      finalRoot: finalRoot.problemMeans,
      baseBest: baseBest.problemMeans,
      finalBest: finalBest.problemMeans,
    });
  }
  let flips: EvaluationView["flips"] = null;
  const from = find("base", 0);
  const to = bestProgramId === null ? undefined : find("final", bestProgramId);
  if (from && to && from.problemMeans.length === to.problemMeans.length)
    flips = {
      from: { position: from.position, checkpoint: from.checkpointLabel, program: from.programId },
      to: { position: to.position, checkpoint: to.checkpointLabel, program: to.programId },
      items: findFlips(from.problemMeans, to.problemMeans),
    };
  const transferRows = [...new Set(ordered.filter((c) => c.transfer).map((c) => c.checkpointLabel))];
  const transferNote =
    transferRows.length === 0
      ? null
      : `${transferRows.join(", ")}: another model, none of this run's weights; the decomposition and the flips compare this run's base and final weights only`;
  return {
    checkpoints,
    programs,
    cells: ordered.map((cell) => toGridCell(cell, jobStatus)),
    decomposition,
    decompositionNote,
    flips,
    transferNote,
  };
}
