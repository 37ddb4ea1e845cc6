"use client";
import type { ReactNode } from "react";

export interface LegendItem {
  key: string;
  label: string;
  color: string;
  hidden: boolean;
}

/**
 * A chart's legend: clicking an entry hides or shows its series; hovering (or focusing) one fades the
 * others so it can be read alone. `footer` carries the "show all / top 5" switch where a chart has one.
 */
export function ChartLegend({
  title,
  items,
  onToggle,
  onHover,
  footer,
}: {
  title: string;
  items: readonly LegendItem[];
  onToggle: (key: string) => void;
  onHover: (key: string | null) => void;
  footer?: ReactNode;
}) {
  return (
    <div className="mt-2 flex items-start gap-2 text-xs">
      <ul className="flex flex-1 flex-wrap items-center gap-1" aria-label={`${title} legend`}>
        {items.map((item) => (
          <li key={item.key}>
            <button
              type="button"
              aria-pressed={!item.hidden}
              title={item.hidden ? `Show ${item.label}` : `Hide ${item.label}`}
              onClick={() => onToggle(item.key)}
              onMouseEnter={() => onHover(item.hidden ? null : item.key)}
              onMouseLeave={() => onHover(null)}
              onFocus={() => onHover(item.hidden ? null : item.key)}
              onBlur={() => onHover(null)}
              className="flex items-center gap-1 rounded px-1.5 py-0.5 text-slate-700 hover:bg-slate-100 aria-[pressed=false]:text-slate-500 aria-[pressed=false]:line-through"
            >
              <span
                aria-hidden
                className="inline-block h-0.5 w-3 rounded"
                style={{ background: item.color, opacity: item.hidden ? 0.3 : 1, height: 3 }}
              />
              {item.label}
            </button>
          </li>
        ))}
      </ul>
      {footer}
    </div>
  );
}
