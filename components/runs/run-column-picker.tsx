/**
 * "Columns": a GET form of checkboxes over the fixed columns, every config key and every logged metric
 * (its last value). No JavaScript needed; the choice goes into the URL like the rest of the view.
 */
import { FIXED_COLUMNS, columnLabel } from "@/lib/domain/runs/list/list-columns";
import type { RunListQuery } from "@/lib/domain/runs/list/list-query";
import { HiddenViewFields } from "./run-list-filters";

function ColumnGroup({
  title,
  tokens,
  chosen,
}: {
  title: string;
  tokens: string[];
  chosen: readonly string[];
}) {
  if (tokens.length === 0) return null;
  return (
    <fieldset className="min-w-48">
      <legend className="mb-1 text-xs font-medium text-slate-600">{title}</legend>
      <div className="grid max-h-64 gap-0.5 overflow-y-auto pr-2">
        {tokens.map((token) => (
          <label key={token} className="flex items-center gap-1.5 text-xs">
            <input type="checkbox" name="cols" value={token} defaultChecked={chosen.includes(token)} />
            <span className={token.includes(":") ? "font-mono" : ""}>
              {token.includes(":") ? token.slice(token.indexOf(":") + 1) : columnLabel(token)}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function RunColumnPicker({
  query,
  configKeys,
  metricKeys,
}: {
  query: RunListQuery;
  configKeys: readonly string[];
  metricKeys: readonly string[];
}) {
  return (
    <details className="relative" data-testid="column-picker">
      <summary className="cursor-pointer rounded border border-slate-300 px-3 py-1.5 text-sm">
        Columns ({query.cols.length})
      </summary>
      <form
        method="get"
        action="/runs"
        aria-label="Choose columns"
        className="absolute z-10 mt-1 flex flex-wrap gap-4 rounded-lg border border-slate-200 bg-white p-3 shadow-lg"
      >
        {/* Present even when every box is cleared, so "no extra columns" is a choice, not the default. */}
        <input type="hidden" name="cols" value="" />
        <ColumnGroup title="Run" tokens={[...FIXED_COLUMNS]} chosen={query.cols} />
        <ColumnGroup
          title="Last logged metric"
          tokens={metricKeys.map((k) => `final:${k}`)}
          chosen={query.cols}
        />
        <ColumnGroup title="Config" tokens={configKeys.map((k) => `config:${k}`)} chosen={query.cols} />
        <HiddenViewFields query={query} omit={["cols", "page"]} />
        <div className="basis-full">
          <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">
            Show columns
          </button>
        </div>
      </form>
    </details>
  );
}
