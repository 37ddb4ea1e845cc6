"use client";
import { usePathname, useRouter } from "next/navigation";
import { CurveControls } from "@/components/charts/curve-controls";
import { SuccessChart } from "@/components/run/success-chart";
import { prepareCurve } from "@/lib/charts/prepare-curves";
import { serialiseCompareQuery, type CompareQuery } from "@/lib/compare/compare-query";
import { buildConfigRows } from "@/lib/compare/config-diff";
import type { Comparison } from "@/lib/data/compare-runs";

const COLORS = ["#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"];

/** Renders a comparison; every control writes the URL (the one source of the view's state). */
export function CompareView({ query, comparison }: { query: CompareQuery; comparison: Comparison }) {
  const router = useRouter();
  const pathname = usePathname();
  const update = (patch: Partial<CompareQuery>) =>
    router.replace(`${pathname}?${serialiseCompareQuery({ ...query, ...patch })}`, { scroll: false });
  const hidden = new Set(query.hide);
  const curves = comparison.runs.map((r) => {
    const origin = r.firstStartedAt ? Date.parse(r.firstStartedAt) : 0;
    const curve = prepareCurve(r.name, r.series, query.x, query.smooth, origin);
    return hidden.has(r.id) ? { ...curve, points: [] } : curve;
  });
  const configRows = buildConfigRows(comparison.runs.map((r) => r.config)).filter(
    (row) => !query.diff || row.differs,
  );
  const metricKeys = comparison.metricKeys.includes(query.metric)
    ? comparison.metricKeys
    : [query.metric, ...comparison.metricKeys];
  const finalKeys = comparison.metricKeys.filter(
    (k) => k.startsWith("testing/") || k === "rollout/Agg_avg_reward",
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          metric
          <select
            value={query.metric}
            onChange={(e) => update({ metric: e.target.value })}
            className="rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-600"
          >
            {metricKeys.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <CurveControls
          axis={query.x}
          smoothing={query.smooth}
          onAxis={(x) => update({ x })}
          onSmoothing={(smooth) => update({ smooth })}
        />
      </div>
      <ul className="flex flex-wrap gap-2" aria-label="Runs">
        {comparison.runs.map((r, i) => (
          <li key={r.id}>
            <button
              type="button"
              aria-pressed={!hidden.has(r.id)}
              onClick={() =>
                update({
                  hide: hidden.has(r.id) ? query.hide.filter((h) => h !== r.id) : [...query.hide, r.id],
                })
              }
              className="flex items-center gap-1 rounded border border-slate-300 px-2 py-1 text-sm aria-[pressed=false]:opacity-40 dark:border-slate-600"
            >
              <span className="inline-block h-2 w-3" style={{ background: COLORS[i % COLORS.length] }} />
              {r.name}
            </button>
          </li>
        ))}
      </ul>
      <SuccessChart title={query.metric} curves={curves} markers={[]} axis={query.x} fileName="compare" />

      <section
        aria-label="Final metrics"
        className="overflow-x-auto rounded-lg border border-slate-200 p-4 dark:border-slate-700"
      >
        <h2 className="font-medium">Final metrics</h2>
        <table className="mt-2 text-sm">
          <thead>
            <tr>
              <th className="pr-4 text-left">run</th>
              {finalKeys.map((k) => (
                <th key={k} className="pr-4 text-left font-mono font-normal">
                  {k}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {comparison.runs.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="pr-4 text-left font-normal">
                  {r.name}
                </th>
                {finalKeys.map((k) => (
                  <td key={k} className="pr-4 tabular-nums">
                    {r.finalMetrics[k]?.toFixed(3) ?? "—"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section
        aria-label="Config comparison"
        className="overflow-x-auto rounded-lg border border-slate-200 p-4 dark:border-slate-700"
      >
        <div className="flex items-center justify-between">
          <h2 className="font-medium">Config</h2>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={query.diff}
              onChange={(e) => update({ diff: e.target.checked })}
            />
            differences only
          </label>
        </div>
        <table className="mt-2 text-sm">
          <thead>
            <tr>
              <th className="pr-4 text-left">key</th>
              {comparison.runs.map((r) => (
                <th key={r.id} className="pr-4 text-left">
                  {r.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {configRows.map((row) => (
              <tr
                key={row.key}
                data-testid="config-row"
                className={row.differs ? "bg-amber-50 dark:bg-amber-950" : ""}
              >
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

      <section
        aria-label="Best prompts"
        className="grid gap-4"
        style={{ gridTemplateColumns: `repeat(${Math.max(1, comparison.runs.length)}, minmax(16rem, 1fr))` }}
      >
        {comparison.runs.map((r) => (
          <div key={r.id} className="rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-700">
            <h3 className="font-medium">{r.name}</h3>
            <ol className="mt-2 list-decimal space-y-1 pl-5">
              {(Array.isArray(r.bestPrinciples) ? (r.bestPrinciples as { text?: unknown }[]) : []).map(
                (p, i) => (
                  <li key={i}>{String(p.text ?? "")}</li>
                ),
              )}
            </ol>
          </div>
        ))}
      </section>
    </div>
  );
}
