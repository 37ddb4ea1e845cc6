import type { EvaluationView, GridCell } from "@/lib/view/evaluations/prepare-evaluation";
import { ScrollRegion } from "@/components/table/scroll-region";

/** Pass@1 as a tint of the theme's sky colour: capped so the cell's text keeps its contrast. */
function heat(cell: GridCell | undefined): string | undefined {
  const value = cell?.metrics["Pass@1"];
  if (value === undefined) return undefined;
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 45);
  return `color-mix(in oklab, var(--color-sky-500) ${pct}%, var(--color-white))`;
}

const fmt = (value: number | undefined) => (value === undefined ? "–" : value.toFixed(3));

export function programLabel(program: number, bestProgramId: number | null): string {
  const name = program === 0 ? "root" : `#${program}`;
  return program === bestProgramId && program !== 0 ? `${name} (best)` : name;
}

/**
 * The grid, checkpoints × programs: Pass@1 tinted, mean reward with its 95% interval, n. A recorded cell
 * (an imported run's test rollouts) says which step it copies; a cell no stored row answers says it needs
 * a live backend; transfer rows ("model: NAME") are another model, as the note under the grid says.
 */
export function EvaluationGrid({
  view,
  bestProgramId,
  jobStatus,
}: {
  view: EvaluationView;
  bestProgramId: number | null;
  /** Named in a "not graded" cell: the job was cancelled or it failed. */
  jobStatus: string;
}) {
  const cellAt = (checkpoint: string, program: number) =>
    view.cells.find((c) => c.checkpoint === checkpoint && c.program === program);
  return (
    <ScrollRegion label="Evaluation grid">
      <table className="border-collapse text-sm" data-testid="evaluation-grid">
        <caption className="mb-1 text-left text-xs text-slate-600">
          Pass@1 (tint), mean reward [95% t-interval over problems], n graded samples
        </caption>
        <thead>
          <tr>
            <th scope="col" className="border border-slate-200 px-3 py-1 text-left font-medium">
              checkpoint \ program
            </th>
            {view.programs.map((p) => (
              <th key={p} scope="col" className="border border-slate-200 px-3 py-1 text-left font-medium">
                {programLabel(p, bestProgramId)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.checkpoints.map((checkpoint) => (
            <tr key={checkpoint}>
              <th scope="row" className="border border-slate-200 px-3 py-1 text-left font-medium">
                {checkpoint}
              </th>
              {view.programs.map((program) => {
                const cell = cellAt(checkpoint, program);
                return (
                  <td
                    key={program}
                    className="min-w-40 border border-slate-200 px-3 py-1 align-top text-slate-900"
                    style={{ background: heat(cell) }}
                    data-testid={`cell-${checkpoint}-${program}`}
                  >
                    {cell?.done ? (
                      <>
                        <div className="font-mono text-base">{fmt(cell.metrics["Pass@1"])}</div>
                        <div className="font-mono text-xs text-slate-700">
                          {fmt(cell.metrics.mean_reward)}
                          {cell.ci ? ` [${cell.ci.low.toFixed(3)}, ${cell.ci.high.toFixed(3)}]` : ""}
                        </div>
                        <div className="text-xs text-slate-700">n = {cell.n}</div>
                        {cell.status === "recorded" ? (
                          <div className="text-xs text-slate-700">{cell.note ?? "recorded"}</div>
                        ) : null}
                      </>
                    ) : cell?.status === "needs_backend" ? (
                      <span className="text-xs text-slate-700">{cell.note ?? "needs a live backend"}</span>
                    ) : (
                      <span className="text-xs text-slate-600">
                        {!cell ? "–" : cell.status === "not_graded" ? `not graded (${jobStatus})` : "pending"}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {view.transferNote ? (
        <p className="mt-1 text-xs text-slate-600" data-testid="transfer-note">
          {view.transferNote}
        </p>
      ) : null}
    </ScrollRegion>
  );
}
