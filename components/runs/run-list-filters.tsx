import { TRAIN_MODES } from "@/lib/espl/config";
import { runChangeSchema } from "@/lib/live/run-change";
import type { RunListQuery } from "@/lib/runs/list/list-query";

const field =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

/** A plain GET form: the filters live in the URL, work without JavaScript and submit with Enter. */
export function RunListFilters({ query }: { query: RunListQuery }) {
  return (
    <form
      method="get"
      action="/runs"
      role="search"
      aria-label="Filter runs"
      className="flex flex-wrap items-end gap-3"
    >
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Name
        <input
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          className={field}
          placeholder="contains…"
        />
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Status
        <select name="status" defaultValue={query.status ?? ""} className={field}>
          <option value="">any</option>
          {runChangeSchema.shape.status.options.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Mode
        <select name="mode" defaultValue={query.mode ?? ""} className={field}>
          <option value="">any</option>
          {TRAIN_MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Tag
        <input name="tag" defaultValue={query.tag ?? ""} className={field} />
      </label>
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <button
        type="submit"
        className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white focus-visible:outline-2 dark:bg-slate-100 dark:text-slate-900"
      >
        Apply
      </button>
    </form>
  );
}
