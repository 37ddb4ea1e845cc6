"use client";
import { useState } from "react";
import { useProblemSamples } from "@/lib/client/use-evaluations";
import type { EvaluationView } from "@/lib/view/evaluations/prepare-evaluation";
import { programLabel } from "./evaluation-grid";
import { FlipSamples } from "./flip-samples";

/** Problems solved (mean reward ≥ ½) by one cell and not the other; a chosen one opens side by side. */
export function FlipsList({
  runId,
  evaluationId,
  flips,
  bestProgramId,
}: {
  runId: string;
  evaluationId: string;
  flips: NonNullable<EvaluationView["flips"]>;
  bestProgramId: number | null;
}) {
  const [problem, setProblem] = useState<number | null>(null);
  const samples = useProblemSamples(
    runId,
    evaluationId,
    problem === null ? null : { problem, cells: [flips.from.position, flips.to.position] },
  );
  const name = (ref: { checkpoint: string; program: number }) =>
    `${ref.checkpoint} + ${programLabel(ref.program, bestProgramId)}`;
  const gained = flips.items.filter((f) => f.kind === "gained").length;
  return (
    <div data-testid="flips">
      <p className="text-sm text-slate-700">
        {name(flips.from)} → {name(flips.to)}: {gained} problems gained, {flips.items.length - gained} lost
        (solved = at least half the samples right).
      </p>
      {flips.items.length > 0 ? (
        <ul className="mt-1 flex flex-wrap gap-1 text-xs">
          {flips.items.map((f) => (
            <li key={f.problemIndex}>
              <button
                type="button"
                aria-pressed={problem === f.problemIndex}
                onClick={() => setProblem(f.problemIndex)}
                className={`rounded border px-2 py-0.5 font-mono ${
                  f.kind === "gained"
                    ? "border-emerald-300 bg-emerald-50 text-emerald-800"
                    : "border-rose-300 bg-rose-50 text-rose-800"
                }`}
                title={`mean reward ${f.from.toFixed(2)} → ${f.to.toFixed(2)}`}
              >
                {f.kind === "gained" ? "+" : "−"} problem {f.problemIndex}: {f.from.toFixed(2)} →{" "}
                {f.to.toFixed(2)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {samples.error ? (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {samples.error.message}
        </p>
      ) : null}
      {samples.data ? <FlipSamples data={samples.data} bestProgramId={bestProgramId} /> : null}
    </div>
  );
}
