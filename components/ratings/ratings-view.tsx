"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { prepareRatingBands } from "@/lib/view/charts/prepare-rating-bands";
import { DEFAULT_CHOSEN, STRIP_WINDOW, type RunRatings } from "@/lib/view/lineage/types";
import { useRatingsSelection } from "@/lib/client/use-lineage-queries";
import { useLiveRatings } from "@/lib/client/live/use-live-views";
import { LeaderboardAtStep } from "./leaderboard-at-step";
import { RankStrip } from "./rank-strip";
import { RatingBandsChart } from "./rating-bands-chart";
import { runViewHref, useRunView } from "@/lib/client/run-view-context";

const MAX_CHOSEN = 50;

/** μ ± kσ over steps for chosen programs, the leaderboard and the per-step rank strip. */
export function RatingsView({ initial: rendered }: { initial: RunRatings }) {
  const initial = useLiveRatings(rendered);
  const { runId, leaderboard } = initial;
  const view = useRunView(runId);
  const lastStep = initial.lastStep ?? -1;
  const initialKey = `${initial.chosen.join(",")}|${initial.strip.from}|${initial.strip.to}`;
  const [chosen, setChosen] = useState<number[]>(initial.chosen);
  const [k, setK] = useState(2);
  const [window, setWindow] = useState({ from: initial.strip.from, to: initial.strip.to });
  const selection = useRatingsSelection(runId, chosen, window, initial, initialKey);
  const data = selection.data ?? initial;
  const fallback = useMemo(
    () => new Map(leaderboard.map((r) => [r.id, { mu: r.mu, sigma: r.sigma }])),
    [leaderboard],
  );
  const prepared = useMemo(
    () => prepareRatingBands(data.histories, k, lastStep, fallback),
    [data.histories, k, lastStep, fallback],
  );
  const colourOf = useMemo(() => {
    const m = new Map(prepared.series.map((s) => [s.id, s.colour]));
    return (id: number) => m.get(id);
  }, [prepared.series]);
  const chosenSet = useMemo(() => new Set(chosen), [chosen]);
  const shift = (by: number) =>
    setWindow((w) => {
      const to = Math.min(lastStep, Math.max(-1 + STRIP_WINDOW - 1, w.to + by));
      return { from: Math.max(-1, to - STRIP_WINDOW + 1), to };
    });

  return (
    <div className="space-y-6">
      <section aria-label="Ratings over steps" className="rounded-lg border border-slate-200 p-4">
        <div className="mb-2 flex flex-wrap items-center gap-4 text-sm">
          <h2 className="font-medium">μ ± kσ over steps</h2>
          <label className="flex items-center gap-1">
            k
            <select
              value={k}
              onChange={(e) => setK(Number(e.target.value))}
              className="rounded border border-slate-300 px-1 py-0.5"
            >
              {[1, 2, 3].map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <span className="text-slate-500">
            {chosen.length} program{chosen.length === 1 ? "" : "s"} drawn (default: top {DEFAULT_CHOSEN} by μ
            − 3σ)
          </span>
          <button type="button" className="underline" onClick={() => setChosen(initial.chosen)}>
            Reset
          </button>
          {selection.isFetching && <span className="text-slate-500">Loading…</span>}
          {selection.error && <span className="text-red-600">{selection.error.message}</span>}
        </div>
        <RatingBandsChart rows={prepared.rows} series={prepared.series} k={k} />
      </section>
      <section aria-label="Rank strip" className="rounded-lg border border-slate-200 p-4">
        <div className="mb-2 flex items-center gap-3 text-sm">
          <h2 className="font-medium">Ranks and ties per step</h2>
          <span className="text-slate-500">
            steps {data.strip.from}–{data.strip.to}
          </span>
          <button
            type="button"
            className="underline disabled:opacity-40"
            disabled={data.strip.from <= -1}
            onClick={() => shift(-STRIP_WINDOW)}
          >
            Earlier
          </button>
          <button
            type="button"
            className="underline disabled:opacity-40"
            disabled={data.strip.to >= lastStep}
            onClick={() => shift(STRIP_WINDOW)}
          >
            Later
          </button>
        </div>
        <RankStrip strip={data.strip} colourOf={colourOf} />
      </section>
      <section aria-label="Leaderboard" className="rounded-lg border border-slate-200 p-4">
        <h2 className="mb-2 font-medium">
          Leaderboard{" "}
          <Link href={runViewHref(view, "lineage")} className="text-sm font-normal text-sky-700 underline">
            lineage
          </Link>
        </h2>
        <LeaderboardAtStep
          runId={runId}
          rows={leaderboard}
          lastStep={lastStep}
          chosen={chosenSet}
          colourOf={colourOf}
          max={MAX_CHOSEN}
          onToggle={(id) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]))}
        />
      </section>
    </div>
  );
}
