"use client";
import { useState } from "react";
import { useCancelEvaluation, useEvaluation, useEvaluationList } from "@/lib/client/use-evaluations";
import { useRunView, withShareToken } from "@/lib/client/run-view-context";
import { EVALUATION_EXPORT_FORMATS, evaluationExportPath } from "@/lib/domain/evaluations/evaluation-export";
import { describeSamplingOverrides, transferLabel } from "@/lib/domain/evaluations/evaluation-spec";
import type { EvaluationChoices, EvaluationSummary } from "@/lib/server/evaluations/read-evaluations";
import { DecompositionTable } from "./decomposition-table";
import { EvaluationGrid } from "./evaluation-grid";
import { FlipsList } from "./flips-list";
import { LaunchEvaluationForm } from "./launch-evaluation-form";

function describe(e: EvaluationSummary): string {
  const rows = [...e.spec.checkpoints, ...(e.spec.backend ? [transferLabel(e.spec.backend)] : [])];
  const spec = `${rows.join(",")} × ${e.spec.programs.join(",")}`;
  const sampling = describeSamplingOverrides(e.spec);
  return `${spec} · ${e.spec.split} · ${e.spec.samples} sample${e.spec.samples === 1 ? "" : "s"} · seed ${e.seed}${sampling ? ` · ${sampling}` : ""}`;
}

function Progress({ e }: { e: EvaluationSummary }) {
  const eta =
    e.etaSeconds !== null && (e.status === "running" || e.status === "queued")
      ? ` · about ${e.etaSeconds} s left`
      : "";
  return (
    <span data-testid="evaluation-progress">
      {e.status} · cells {e.cellsDone}/{e.cellsTotal} · samples {e.samplesDone}/{e.samplesTotal}
      {eta}
    </span>
  );
}

/** The run's evaluations: launch one, pick one, watch its grid fill in, read its attribution. */
export function EvaluationsView({
  runId,
  initial,
  canLaunch,
  choices,
}: {
  runId: string;
  initial: EvaluationSummary[];
  canLaunch: boolean;
  /** The project's backends and datasets the launch form offers. */
  choices: EvaluationChoices;
}) {
  const list = useEvaluationList(runId, initial);
  const evaluations = list.data ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const selectedId = chosen ?? evaluations[0]?.id ?? null;
  const detail = useEvaluation(runId, selectedId);
  const cancel = useCancelEvaluation(runId);
  const { shareToken } = useRunView(runId);
  const d = detail.data;

  return (
    <div className="flex flex-col gap-4">
      {canLaunch ? <LaunchEvaluationForm runId={runId} choices={choices} onLaunched={setChosen} /> : null}
      {evaluations.length === 0 ? (
        <p className="text-sm text-slate-600">No evaluations of this run yet.</p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm" aria-label="Evaluations">
          {evaluations.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                aria-pressed={e.id === selectedId}
                onClick={() => setChosen(e.id)}
                className={`w-full rounded border px-3 py-1 text-left ${
                  e.id === selectedId ? "border-sky-400 bg-sky-50" : "border-slate-200 hover:bg-slate-50"
                }`}
              >
                <span className="font-medium">{describe(e)}</span>{" "}
                <span className="text-slate-600">
                  · <Progress e={e} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {detail.error ? (
        <p role="alert" className="text-sm text-rose-700">
          {detail.error.message}
        </p>
      ) : null}
      {d ? (
        <section className="flex flex-col gap-4" aria-label="Evaluation">
          <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
            <Progress e={d} />
            {d.error ? <span className="text-rose-700">{d.error}</span> : null}
            {canLaunch && (d.status === "queued" || d.status === "running") ? (
              <button
                type="button"
                className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100"
                disabled={cancel.isPending}
                onClick={() => cancel.mutate(d.id)}
              >
                Cancel evaluation
              </button>
            ) : null}
            <span className="ml-auto flex items-center gap-2" data-testid="evaluation-export">
              Export grid:
              {EVALUATION_EXPORT_FORMATS.map((format) => (
                <a
                  key={format}
                  className="text-sky-700 underline"
                  href={withShareToken(evaluationExportPath(runId, d.id, format), shareToken)}
                  download
                  title="per cell: n, every Pass@k, mean reward and its 95% CI"
                >
                  {format.toUpperCase()}
                </a>
              ))}
            </span>
          </div>
          <EvaluationGrid view={d.view} bestProgramId={d.bestProgramId} jobStatus={d.status} />
          <div>
            <h2 className="mb-1 text-base font-semibold">Where the gain comes from</h2>
            {d.view.decomposition ? (
              <DecompositionTable decomposition={d.view.decomposition} />
            ) : (
              <p className="text-sm text-slate-600">{d.view.decompositionNote}</p>
            )}
          </div>
          {d.view.flips ? (
            <div>
              <h2 className="mb-1 text-base font-semibold">Per-problem flips</h2>
              <FlipsList
                runId={runId}
                evaluationId={d.id}
                flips={d.view.flips}
                bestProgramId={d.bestProgramId}
              />
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
