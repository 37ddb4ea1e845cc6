import { prepareRankStrip } from "@/lib/view/charts/prepare-rank-strip";
import type { RankStrip as Strip } from "@/lib/view/lineage/types";

/** Per step (columns), the rated programs in rank order (rows); tie groups share a shade and a "=". */
export function RankStrip({
  strip,
  colourOf,
}: {
  strip: Strip;
  colourOf: (id: number) => string | undefined;
}) {
  const { columns, depth } = prepareRankStrip(strip);
  if (columns.length === 0) return <p className="text-sm text-slate-500">No rated steps in this window.</p>;
  return (
    // Focusable so a keyboard user can scroll a strip wider than the page (axe: scrollable-region-focusable).
    <div
      className="overflow-x-auto"
      data-testid="rank-strip"
      tabIndex={0}
      role="region"
      aria-label="Rank strip: programs by rank per step"
    >
      <p className="mb-1 text-xs text-slate-600">
        x: step → · y: rank ↓ (1 = best) · each cell is a program id, underlined in its chart colour; “=”
        marks a tie
      </p>
      <table className="border-separate border-spacing-0.5 text-[10px]">
        <caption className="sr-only">Programs by rank (rows) per step (columns)</caption>
        <thead>
          <tr>
            <th scope="col" className="whitespace-nowrap pr-1 text-right font-medium text-slate-600">
              rank \ step
            </th>
            {columns.map((c) => (
              <th key={c.step} className="font-mono font-normal text-slate-500">
                {c.step}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: depth }, (_, row) => (
            <tr key={row}>
              <th scope="row" className="pr-1 text-right font-normal text-slate-600">
                {row + 1}
              </th>
              {columns.map((c) => {
                const cell = c.cells[row];
                if (!cell) return <td key={c.step} />;
                const colour = colourOf(cell.id);
                return (
                  <td
                    key={c.step}
                    title={`step ${c.step}: #${cell.id}, rank ${cell.rank}, score ${cell.score.toFixed(3)}${cell.tied ? " (tied)" : ""}`}
                    data-tied={cell.tied}
                    className={`px-1 text-center font-mono text-slate-900 ${cell.group % 2 ? "bg-slate-200" : "bg-slate-100"}`}
                    // The program's colour underlines its id: palette colours as text fall below 4.5:1 contrast.
                    style={colour ? { boxShadow: `inset 0 -3px 0 ${colour}`, fontWeight: 600 } : undefined}
                  >
                    {cell.id}
                    {cell.tied ? "=" : ""}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
