import { formatStepValue, prepareStepValues } from "@/lib/view/runs/step-values";
import type { Bucket } from "@/lib/view/charts/downsample";

/** The charts' values as a table (folded by default): what each plotted point is, to read or copy. */
export function StepValuesTable({
  series,
  keys,
}: {
  series: Record<string, readonly Bucket[]>;
  keys: readonly string[];
}) {
  const table = prepareStepValues(series, keys);
  return (
    <details className="rounded-lg border border-slate-200 p-4">
      <summary className="cursor-pointer font-medium">Values per step</summary>
      {table.rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No committed steps yet.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="text-sm" aria-label="Values per step">
            <thead>
              <tr>
                <th scope="col" className="px-2 text-left">
                  step
                </th>
                {table.keys.map((k) => (
                  <th key={k} scope="col" className="px-2 text-right font-mono text-xs font-normal">
                    {k}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.step} className="border-t border-slate-100">
                  <th scope="row" className="px-2 text-left font-normal">
                    {row.step}
                  </th>
                  {row.values.map((v, i) => (
                    <td key={table.keys[i]} className="px-2 text-right font-mono">
                      {formatStepValue(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
