"use client";

/**
 * A slider over a run's committed steps (-1: before the first step) with the chosen step beside it,
 * for the lineage replay and the leaderboard.
 */
export function StepSlider({
  label,
  testId,
  step,
  lastStep,
  onStep,
}: {
  label: string;
  testId: string;
  step: number;
  lastStep: number;
  onStep: (step: number) => void;
}) {
  return (
    <label className="flex grow items-center gap-2">
      {label}
      <input
        type="range"
        aria-label={label}
        min={-1}
        max={Math.max(lastStep, -1)}
        value={step}
        onChange={(e) => onStep(Number(e.target.value))}
        className="grow"
      />
      <output data-testid={testId} className="w-12 font-mono">
        {step}
      </output>
    </label>
  );
}
