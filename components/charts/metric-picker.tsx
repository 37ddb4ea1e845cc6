"use client";

/**
 * A panel's metric picker: a disclosure listing every metric of the panel's group with a checkbox,
 * in ranked order. Each change is reported at once (the page keeps the choice in its URL).
 */
export function MetricPicker({
  title,
  available,
  chosen,
  labelOf,
  onChange,
  align = "right",
}: {
  title: string;
  available: readonly string[];
  chosen: readonly string[];
  labelOf: (key: string) => string;
  onChange: (chosen: string[]) => void;
  /** Which edge the list opens from: a picker at the left of a toolbar opens rightwards. */
  align?: "left" | "right";
}) {
  const set = new Set(chosen);
  return (
    <details className="relative text-xs">
      <summary
        className="cursor-pointer list-none rounded border border-slate-300 px-2 py-0.5 text-slate-700 hover:bg-slate-100"
        aria-label={`${title} metrics`}
      >
        metrics {chosen.length}/{available.length} ▾
      </summary>
      <fieldset
        className={`absolute ${align === "left" ? "left-0" : "right-0"} z-20 mt-1 max-h-72 w-72 overflow-y-auto rounded border border-slate-200 bg-white p-2 shadow-lg`}
      >
        <legend className="sr-only">{title} metrics</legend>
        {available.map((key) => (
          <label key={key} className="flex items-center gap-2 py-0.5 font-mono text-slate-700">
            <input
              type="checkbox"
              checked={set.has(key)}
              onChange={() =>
                onChange(
                  set.has(key)
                    ? chosen.filter((k) => k !== key)
                    : available.filter((k) => set.has(k) || k === key),
                )
              }
            />
            {labelOf(key)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
