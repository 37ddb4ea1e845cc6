"use client";
import { useMemo } from "react";
import { useRatingsAt } from "@/lib/client/use-ratings-at";
import { useFollowLatest } from "@/lib/client/live/use-follow-latest";
import { replayLeaderboard } from "@/lib/view/lineage/replay";
import type { LeaderboardRow } from "@/lib/view/lineage/types";
import { StepSlider } from "@/components/lineage/step-slider";
import { Leaderboard } from "./leaderboard";

/**
 * The leaderboard with a step slider: at the last step the final ratings, scrubbed back the programs
 * born by then with their μ, σ, selections, mean score and evictions as of that step.
 */
export function LeaderboardAtStep({
  runId,
  rows,
  lastStep,
  chosen,
  colourOf,
  onToggle,
  max,
}: {
  runId: string;
  rows: LeaderboardRow[];
  lastStep: number;
  chosen: ReadonlySet<number>;
  colourOf: (id: number) => string | undefined;
  onToggle: (id: number) => void;
  max: number;
}) {
  const [step, setStep] = useFollowLatest(lastStep);
  const replay = useRatingsAt(runId, step, lastStep);
  const shown = useMemo(() => replayLeaderboard(rows, replay.at), [rows, replay.at]);
  return (
    <>
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <StepSlider
          label="Leaderboard at step"
          testId="leaderboard-step"
          step={step}
          lastStep={lastStep}
          onStep={setStep}
        />
        {replay.pending && <span className="text-slate-500">Loading ratings at step {step}…</span>}
        {replay.error && (
          <span className="text-red-600">
            Ratings at step {step} could not be loaded: {replay.error.message}
          </span>
        )}
      </div>
      <Leaderboard rows={shown} chosen={chosen} colourOf={colourOf} max={max} onToggle={onToggle} />
    </>
  );
}
