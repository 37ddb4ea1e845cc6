/**
 * What `espl eval` prints, with the database or over HTTP alike: the queued line, the progress line on
 * stderr, and the grid as aligned text or JSON. Types only from the server: this loads nothing.
 */
import type { EvaluationDetail, EvaluationSummary } from "@/lib/server/evaluations/read-evaluations";
import { EXIT } from "./cli-error";

const fixed = (value: number | undefined) => (value === undefined ? "–" : value.toFixed(3));

/** What an unfinished or ungradable cell says in place of its mean reward. */
const STATUS_WORDS = {
  pending: "pending",
  not_graded: "not graded",
  needs_backend: "needs a live backend",
} as const;

/** The grid as aligned text lines: one per cell. */
export function formatGridLines(detail: EvaluationDetail): string[] {
  const lines = [
    `evaluation ${detail.id}  ${detail.status}  cells ${detail.cellsDone}/${detail.cellsTotal}`,
    `${"checkpoint".padEnd(18)} ${"program".padStart(7)} ${"n".padStart(6)} ${"Pass@1".padStart(7)}  mean reward [95% CI]`,
  ];
  for (const cell of detail.view.cells) {
    const ci = cell.ci ? ` [${cell.ci.low.toFixed(3)}, ${cell.ci.high.toFixed(3)}]` : "";
    const recorded = cell.status === "recorded" ? `  (${cell.note ?? "recorded"})` : "";
    const value =
      cell.status === "pending" || cell.status === "not_graded" || cell.status === "needs_backend"
        ? STATUS_WORDS[cell.status]
        : fixed(cell.metrics.mean_reward) + ci + recorded;
    lines.push(
      `${cell.checkpoint.padEnd(18)} ${String(cell.program).padStart(7)} ${String(cell.n).padStart(6)} ` +
        `${fixed(cell.metrics["Pass@1"]).padStart(7)}  ${value}`,
    );
  }
  if (detail.view.transferNote) lines.push(detail.view.transferNote);
  const d = detail.view.decomposition;
  if (d) {
    const effect = (name: string, e: typeof d.both) =>
      `${name.padEnd(13)} ${e.estimate >= 0 ? "+" : ""}${e.estimate.toFixed(3)}` +
      (e.ci ? ` [${e.ci.low.toFixed(3)}, ${e.ci.high.toFixed(3)}]` : "");
    lines.push(
      "gain over base + root (mean reward, 95% paired t-interval):",
      effect("  weights only", d.weightsOnly),
      effect("  prompt only", d.promptOnly),
      effect("  both", d.both),
      effect("  interaction", d.interaction),
    );
  }
  return lines;
}

export function toGridJson(detail: EvaluationDetail) {
  return {
    evaluation: detail.id,
    status: detail.status,
    cells: detail.view.cells.map((c) => ({
      checkpoint: c.checkpoint,
      program: c.program,
      status: c.status,
      note: c.note,
      n: c.n,
      metrics: c.metrics,
      ci: c.ci,
    })),
    decomposition: detail.view.decomposition,
  };
}

const OVER = new Set(["completed", "failed", "cancelled"]);

export function describeCreatedEvaluation(created: { id: string; cells: number; samplesTotal: number }) {
  return `evaluation ${created.id} queued: ${created.cells} cells, ${created.samplesTotal} samples`;
}

/** "running cells 3/8 eta 12s", and whether the evaluation is over. */
export function formatEvaluationProgress(
  job: Pick<EvaluationSummary, "status" | "cellsDone" | "cellsTotal" | "etaSeconds">,
): { line: string; over: boolean } {
  const eta = job.etaSeconds !== null ? ` eta ${job.etaSeconds}s` : "";
  return { line: `${job.status} cells ${job.cellsDone}/${job.cellsTotal}${eta}`, over: OVER.has(job.status) };
}

interface PrintIo {
  out(line: string): void;
  note(line: string): void;
}

export function printEvaluation(io: PrintIo, options: { json: boolean }, detail: EvaluationDetail): void {
  if (options.json) io.out(JSON.stringify(toGridJson(detail)));
  else for (const line of formatGridLines(detail)) io.out(line);
}

/** The grid of an evaluation that is over: exit 0 when it completed, else 1 with its error. */
export function endEvaluation(io: PrintIo, options: { json: boolean }, detail: EvaluationDetail): number {
  printEvaluation(io, options, detail);
  if (detail.status === "completed") return EXIT.ok;
  io.note(`evaluation ${detail.status}${detail.error ? `: ${detail.error}` : ""}`);
  return EXIT.failed;
}
