import { TRAIN_MODES } from "@/lib/espl/config";
import { runChangeSchema } from "@/lib/domain/run-change";
import { listRunListParams, type RunListQuery } from "@/lib/domain/runs/list/list-query";
import { FILTER_FIELD, FilterField, FilterSelect } from "@/components/forms/filter-bar";

/** The view's other settings as hidden fields, so submitting one form keeps what the others set. */
export function HiddenViewFields({ query, omit }: { query: RunListQuery; omit: readonly string[] }) {
  return listRunListParams(query, { page: 1 })
    .filter(([key]) => !omit.includes(key))
    .map(([key, value], i) => <input key={`${key}-${i}`} type="hidden" name={key} value={value} />);
}

/** A plain GET form: the filters live in the URL, work without JavaScript and submit with Enter. */
export function RunListFilters({
  query,
  configKeys,
}: {
  query: RunListQuery;
  configKeys: readonly string[];
}) {
  return (
    <form
      method="get"
      action="/runs"
      role="search"
      aria-label="Filter runs"
      className="flex flex-wrap items-end gap-3"
    >
      <FilterField label="Name">
        <input
          name="q"
          type="search"
          defaultValue={query.q ?? ""}
          className={FILTER_FIELD}
          placeholder="contains…"
        />
      </FilterField>
      <FilterSelect
        label="Status"
        name="status"
        defaultValue={query.status}
        emptyLabel="any"
        options={runChangeSchema.shape.status.options}
      />
      <FilterSelect
        label="Mode"
        name="mode"
        defaultValue={query.mode}
        emptyLabel="any"
        options={TRAIN_MODES}
      />
      <FilterField label="Tag">
        <input name="tag" defaultValue={query.tag ?? ""} className={FILTER_FIELD} />
      </FilterField>
      <FilterSelect
        label="Group by"
        name="group"
        defaultValue={query.group}
        emptyLabel="no grouping"
        options={[
          { value: "experiment", label: "experiment" },
          ...configKeys.map((key) => ({ value: `config:${key}`, label: key })),
        ]}
      />
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" name="starred" value="1" defaultChecked={query.starred} />
        Starred only
      </label>
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" name="archived" value="1" defaultChecked={query.archived} />
        Show archived
      </label>
      <HiddenViewFields
        query={query}
        omit={["q", "status", "mode", "tag", "group", "starred", "archived", "page"]}
      />
      <button
        type="submit"
        className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white focus-visible:outline-2"
      >
        Apply
      </button>
    </form>
  );
}
