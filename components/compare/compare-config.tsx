import { buildConfigRows } from "@/lib/view/compare/config-diff";
import type { ComparedRun } from "@/lib/server/read/compare-runs";

/** The compared runs' configs side by side; "differences only" keeps the rows whose values differ. */
export function CompareConfig({
  runs,
  diff,
  onDiff,
}: {
  runs: readonly ComparedRun[];
  diff: boolean;
  onDiff: (diff: boolean) => void;
}) {
  const rows = buildConfigRows([...runs]).filter((row) => !diff || row.differs);
  return (
    <section
      aria-label="Config comparison"
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="flex items-center justify-between">
        <h2 className="font-medium">Config</h2>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={diff} onChange={(e) => onDiff(e.target.checked)} />
          differences only
        </label>
      </div>
      <table className="mt-2 text-sm">
        <thead>
          <tr>
            <th className="pr-4 text-left">key</th>
            {runs.map((r) => (
              <th key={r.id} className="pr-4 text-left">
                {r.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid="config-row" className={row.differs ? "bg-amber-50" : ""}>
              <th scope="row" className="pr-4 text-left font-mono font-normal">
                {row.key}
              </th>
              {row.values.map((v, i) => (
                <td key={i} className="pr-4 font-mono">
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
