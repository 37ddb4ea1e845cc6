"use client";
import { useState } from "react";
import type { LeaderboardRow } from "@/lib/view/lineage/types";

type SortKey =
  "conservative" | "mu" | "sigma" | "timesSelected" | "meanScore" | "birthStep" | "evictedAtStep" | "id";

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "id", label: "program" },
  { key: "mu", label: "μ" },
  { key: "sigma", label: "σ" },
  { key: "conservative", label: "μ − 3σ" },
  { key: "timesSelected", label: "selected" },
  { key: "meanScore", label: "mean score" },
  { key: "birthStep", label: "born" },
  { key: "evictedAtStep", label: "evicted" },
];

function compare(a: LeaderboardRow, b: LeaderboardRow, key: SortKey): number {
  const va = a[key];
  const vb = b[key];
  if (va === vb) return 0;
  if (va === null) return 1;
  if (vb === null) return -1;
  return (va as number) - (vb as number);
}

/** Every program with its rating, sortable; a checkbox per row chooses what the chart draws. */
export function Leaderboard({
  rows,
  chosen,
  colourOf,
  onToggle,
  max,
}: {
  rows: LeaderboardRow[];
  chosen: ReadonlySet<number>;
  colourOf: (id: number) => string | undefined;
  onToggle: (id: number) => void;
  max: number;
}) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "conservative", desc: true });
  const sorted = [...rows].sort((a, b) => (sort.desc ? -1 : 1) * compare(a, b, sort.key) || a.id - b.id);
  return (
    <div className="max-h-[32rem] overflow-y-auto">
      <table className="w-full text-sm" data-testid="leaderboard">
        <thead className="sticky top-0 bg-white">
          <tr className="text-left text-slate-500">
            <th className="w-8">
              <span className="sr-only">draw</span>
            </th>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                aria-sort={sort.key === c.key ? (sort.desc ? "descending" : "ascending") : undefined}
              >
                <button
                  type="button"
                  className="font-medium hover:text-slate-900"
                  onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : true }))}
                >
                  {c.label}
                  {sort.key === c.key ? (sort.desc ? " ↓" : " ↑") : ""}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => {
            const on = chosen.has(r.id);
            return (
              <tr key={r.id} className="border-t border-slate-100" data-testid={`leaderboard-row-${r.id}`}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Draw program ${r.id}`}
                    checked={on}
                    disabled={!on && chosen.size >= max}
                    onChange={() => onToggle(r.id)}
                    style={on ? { accentColor: colourOf(r.id) } : undefined}
                  />
                </td>
                <td className="font-mono">
                  #{r.id} <span className="font-sans text-xs text-slate-500">{r.origin}</span>
                </td>
                <td>{r.mu.toFixed(2)}</td>
                <td>{r.sigma.toFixed(2)}</td>
                <td className="font-medium">{r.conservative.toFixed(2)}</td>
                <td>{r.timesSelected}</td>
                <td>{r.meanScore === null ? "–" : r.meanScore.toFixed(3)}</td>
                <td>{r.birthStep}</td>
                <td>{r.evictedAtStep ?? "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
