import { prepareRankStrip } from "@/lib/charts/prepare-rank-strip";
import type { RankStrip as Strip } from "@/lib/lineage/types";

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
    <div className="overflow-x-auto" data-testid="rank-strip">
      <table className="border-separate border-spacing-0.5 text-[10px]">
        <thead>
          <tr>
            <th className="pr-1 text-right font-normal text-slate-500">step</th>
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
              <th className="pr-1 text-right font-normal text-slate-500">{row + 1}</th>
              {columns.map((c) => {
                const cell = c.cells[row];
                if (!cell) return <td key={c.step} />;
                const colour = colourOf(cell.id);
                return (
                  <td
                    key={c.step}
                    title={`step ${c.step}: #${cell.id}, rank ${cell.rank}, score ${cell.score.toFixed(3)}${cell.tied ? " (tied)" : ""}`}
                    data-tied={cell.tied}
                    className={`px-1 text-center font-mono ${cell.group % 2 ? "bg-slate-200 dark:bg-slate-700" : "bg-slate-100 dark:bg-slate-800"}`}
                    style={colour ? { color: colour, fontWeight: 600 } : undefined}
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
