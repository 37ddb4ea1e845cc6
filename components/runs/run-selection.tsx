"use client";
import Link from "next/link";
import { useState } from "react";
import type { Column } from "@/components/table/data-table";

/** The rows ticked in a runs table (home and the runs list), in the order they were ticked. */
export interface RunSelection {
  selected: readonly string[];
  toggle: (id: string) => void;
  clear: () => void;
}

export function useRunSelection(): RunSelection {
  const [selected, setSelected] = useState<string[]>([]);
  return {
    selected,
    toggle: (id) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id])),
    clear: () => setSelected([]),
  };
}

/** The first column of a runs table: a checkbox per run, named after it for screen readers. */
export function selectColumn<T extends { id: string; name: string }>({
  selected,
  toggle,
}: RunSelection): Column<T> {
  return {
    header: <span className="sr-only">Select</span>,
    cell: (run) => (
      <input
        type="checkbox"
        checked={selected.includes(run.id)}
        onChange={() => toggle(run.id)}
        aria-label={`Select ${run.name}`}
      />
    ),
  };
}

/** "Compare (n)": a link to /compare with the ticked runs once two are ticked, and a hint before. */
export function CompareButton({ selection }: { selection: RunSelection }) {
  const { selected, clear } = selection;
  if (selected.length < 2)
    return (
      <span className="text-sm text-slate-500">
        {selected.length === 1 ? "Tick one more run to compare" : "Tick two or more runs to compare"}
      </span>
    );
  return (
    <span className="flex items-center gap-2 text-sm">
      <Link
        href={`/compare?runs=${selected.join(",")}`}
        className="rounded bg-slate-900 px-3 py-1 font-medium text-white hover:bg-slate-700"
      >
        Compare ({selected.length})
      </Link>
      <button type="button" className="text-slate-600 underline" onClick={clear}>
        clear
      </button>
    </span>
  );
}
