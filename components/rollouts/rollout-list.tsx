"use client";
/**
 * The rollout summaries, virtualised: only the rows in view are in the DOM however many pages are
 * loaded, and the next keyset page is requested when the user scrolls near the end.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import type { RolloutSummary } from "@/lib/server/read/list-rollouts";
import { HighlightedText } from "./highlighted-text";
import { LoadMoreButton } from "./load-more-button";

const ROW_HEIGHT = 64;
/** A searched row has a third line: where its completion matches. */
const SEARCH_ROW_HEIGHT = 84;
/** Load the next page when fewer than this many loaded rows are left below the viewport. */
const PREFETCH_ROWS = 15;

export function formatReward(reward: number): string {
  return Number.isInteger(reward) ? String(reward) : reward.toFixed(3);
}

function RolloutRow({
  row,
  selected,
  onSelect,
}: {
  row: RolloutSummary;
  selected: boolean;
  onSelect: () => void;
}) {
  const correct = row.reward > 0;
  return (
    <button
      type="button"
      onClick={onSelect}
      data-testid="rollout-row"
      data-rollout-id={row.id}
      aria-pressed={selected}
      className={`flex h-full w-full flex-col justify-center gap-0.5 border-b border-slate-100 px-3 text-left text-xs ${
        selected ? "bg-sky-50" : "hover:bg-slate-50"
      }`}
    >
      <span className="flex min-w-0 items-center gap-2 whitespace-nowrap">
        <span
          className={`shrink-0 rounded px-1.5 font-medium ${correct ? "bg-emerald-100 text-emerald-800" : "bg-rose-100 text-rose-800"}`}
          data-testid="rollout-correct"
        >
          {correct ? "✓" : "✗"} {formatReward(row.reward)}
        </span>
        <span className="min-w-0 truncate font-mono text-slate-600">
          step {row.step} · {row.split} · slot {row.slot} · program #{row.programId} · Q{row.problemIndex}
          {row.problemId !== null ? ` (problem ${row.problemId})` : ""} · sample {row.sampleIndex}
        </span>
        {/* slate-600 throughout the row: slate-500 falls under 4.5:1 on the selected row's sky-50. */}
        <span className="ml-auto shrink-0 text-slate-600">
          {row.completionTokens !== null ? `${row.completionTokens} tok · ` : ""}
          {row.completionChars} chars
        </span>
      </span>
      <span className="truncate">
        <span className="text-slate-600">answer</span>{" "}
        <span className="font-mono">{row.extractedAnswer ?? "—"}</span>{" "}
        <span className="text-slate-600">truth</span>{" "}
        <span className="font-mono">{row.groundTruth ?? "—"}</span>
        {row.advantage !== null && <span className="text-slate-600"> · adv {row.advantage.toFixed(3)}</span>}
        {row.question ? <span className="text-slate-600"> · {row.question}</span> : null}
      </span>
      {row.snippet && (
        <span className="truncate text-slate-700" data-testid="rollout-snippet">
          <HighlightedText parts={row.snippet} />
        </span>
      )}
    </button>
  );
}

export function RolloutList({
  rows,
  selectedId,
  onSelect,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  rows: RolloutSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer is read in this render only (nothing memoised receives its functions).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.snippet ? SEARCH_ROW_HEIGHT : ROW_HEIGHT),
    overscan: 8,
  });
  const loadMoreIfNear = () => {
    const last = virtualizer.getVirtualItems().at(-1);
    if (last && last.index >= rows.length - PREFETCH_ROWS && hasNextPage && !isFetchingNextPage)
      fetchNextPage();
  };
  // ↑/↓ (or k/j) move the selection through the loaded rows, scrolling it into view.
  const moveSelection = (event: React.KeyboardEvent) => {
    const delta =
      event.key === "ArrowDown" || event.key === "j"
        ? 1
        : event.key === "ArrowUp" || event.key === "k"
          ? -1
          : 0;
    if (delta === 0 || rows.length === 0) return;
    event.preventDefault();
    const current = rows.findIndex((r) => r.id === selectedId);
    const next = Math.min(rows.length - 1, Math.max(0, current === -1 ? 0 : current + delta));
    onSelect(rows[next]!.id);
    virtualizer.scrollToIndex(next, { align: "auto" });
    if (next >= rows.length - PREFETCH_ROWS && hasNextPage && !isFetchingNextPage) fetchNextPage();
  };
  return (
    <div
      ref={scrollRef}
      onScroll={loadMoreIfNear}
      onKeyDown={moveSelection}
      tabIndex={0}
      aria-label="Rollouts (↑/↓ to move)"
      data-testid="rollout-list"
      className="h-[70vh] overflow-auto rounded-lg border border-slate-200"
    >
      {rows.length === 0 && !hasNextPage && !isFetchingNextPage ? (
        <p className="p-4 text-sm text-slate-600" data-testid="rollout-list-empty">
          No rollouts match. Clear the search or the filters above, or wait for the run&apos;s first step.
        </p>
      ) : null}
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={row.id}
              style={{
                position: "absolute",
                top: 0,
                left: 0,
                right: 0,
                height: item.size,
                transform: `translateY(${item.start}px)`,
              }}
            >
              <RolloutRow row={row} selected={row.id === selectedId} onSelect={() => onSelect(row.id)} />
            </div>
          );
        })}
      </div>
      <LoadMoreButton
        hasNextPage={hasNextPage}
        isFetchingNextPage={isFetchingNextPage}
        fetchNextPage={fetchNextPage}
      />
    </div>
  );
}
