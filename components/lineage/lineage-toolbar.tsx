"use client";
import type { ColourBy } from "@/lib/view/lineage/graph";
import { StepSlider } from "./step-slider";

const INPUT = "rounded border border-slate-300";

/** Search, colour, path to best and the replay slider above the lineage graph (state lives in the canvas). */
export function LineageToolbar({
  searchInput,
  searchText,
  onSearchInput,
  onSearch,
  onClearSearch,
  colourBy,
  onColourBy,
  showBestPath,
  onShowBestPath,
  best,
  step,
  lastStep,
  onStep,
  alive,
  replayNote,
}: {
  searchInput: string;
  searchText: string;
  onSearchInput: (text: string) => void;
  onSearch: (text: string) => void;
  onClearSearch: () => void;
  colourBy: ColourBy;
  onColourBy: (by: ColourBy) => void;
  showBestPath: boolean;
  onShowBestPath: (show: boolean) => void;
  best: number | null;
  step: number;
  lastStep: number;
  onStep: (step: number) => void;
  alive: number;
  /** Whether the ratings shown are those of the replayed step yet (or still loading, or failed). */
  replayNote: string | null;
}) {
  return (
    <div className="flex flex-wrap items-center gap-4 text-sm">
      <form
        role="search"
        className="flex gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          onSearch(searchInput);
        }}
      >
        <input
          aria-label="Search programs by id or principle text"
          placeholder="#id or principle text"
          value={searchInput}
          onChange={(e) => onSearchInput(e.target.value)}
          className={`w-56 px-2 py-1 ${INPUT}`}
        />
        <button type="submit" className="rounded border border-slate-300 px-2 py-1">
          Search
        </button>
        {searchText && (
          <button type="button" onClick={onClearSearch} className="px-1 text-slate-500">
            Clear
          </button>
        )}
      </form>
      <label className="flex items-center gap-1">
        Colour
        <select
          value={colourBy}
          onChange={(e) => onColourBy(e.target.value as ColourBy)}
          className={`px-1 py-0.5 ${INPUT}`}
        >
          <option value="mu">μ</option>
          <option value="conservative">μ − 3σ</option>
        </select>
      </label>
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={showBestPath} onChange={(e) => onShowBestPath(e.target.checked)} />
        Path to best{best !== null ? ` (#${best})` : ""}
      </label>
      <StepSlider label="Replay step" testId="replay-step" step={step} lastStep={lastStep} onStep={onStep} />
      <span data-testid="population-count">
        {alive} in the pool at step {step}
      </span>
      {replayNote && (
        <span data-testid="replay-ratings-note" className="text-slate-500" aria-live="polite">
          {replayNote}
        </span>
      )}
    </div>
  );
}
