"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import {
  buildReproduceLaunch,
  DEFAULT_REPRODUCE_SEEDS,
  REPRODUCE_LABELS,
  REPRODUCE_MODES,
} from "@/lib/domain/experiments/reproduce-template";
import { checkExperimentForm } from "@/lib/domain/launch/experiment-form";
import type { TrainMode } from "@/lib/espl/config";
import { useLaunchExperiment } from "@/lib/client/use-experiment";
import { inputClass } from "./field-row";

/**
 * The "Reproduce the paper" template: E-SPL, RL only and evolution only × the seeds, on the project,
 * dataset and policy backend chosen in the form, launched as one experiment whose page opens.
 */
export function ReproduceCard({
  projectId,
  datasetId,
  datasetName,
  policyBackendId,
  backendName,
  modeAvailability,
}: {
  projectId: string;
  datasetId: string;
  datasetName: string;
  policyBackendId: string;
  backendName: string;
  modeAvailability: Record<TrainMode, string | null>;
}) {
  const router = useRouter();
  const seedsId = useId();
  const [seeds, setSeeds] = useState(DEFAULT_REPRODUCE_SEEDS);
  const launch = useLaunchExperiment();
  const input = buildReproduceLaunch({
    projectId,
    seeds,
    datasetId: datasetId || undefined,
    policyBackendId: policyBackendId || undefined,
    datasetName,
    backendName,
  });
  const checked = checkExperimentForm(input);
  const seedErrors = checked.ok ? [] : Object.values(checked.fieldErrors).flat();
  const blocked = REPRODUCE_MODES.flatMap((mode) => {
    const reason = modeAvailability[mode];
    return reason ? [`${REPRODUCE_LABELS[mode]}: ${reason}`] : [];
  });
  const problems = [...seedErrors, ...blocked];
  return (
    <section
      aria-labelledby="reproduce-heading"
      className="grid gap-2 rounded border border-sky-200 bg-sky-50 p-4 text-sm"
      data-testid="reproduce-card"
    >
      <h2 id="reproduce-heading" className="font-semibold text-slate-900">
        Template: reproduce the paper
      </h2>
      <p className="text-slate-700">
        {REPRODUCE_MODES.map((m) => REPRODUCE_LABELS[m]).join(", ")} from the E-SPL preset, each once per
        seed, on {datasetName} with {backendName}: one experiment whose page compares them.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <label htmlFor={seedsId} className="flex flex-col gap-1 font-medium text-slate-700">
          Seeds per mode
          <input
            id={seedsId}
            value={seeds}
            onChange={(event) => setSeeds(event.target.value)}
            className={inputClass}
            aria-invalid={seedErrors.length > 0}
          />
        </label>
        <button
          type="button"
          className="rounded bg-slate-900 px-4 py-2 text-white disabled:opacity-50"
          disabled={problems.length > 0 || launch.isPending}
          onClick={() =>
            launch.mutate(input, {
              onSuccess: (launched) => router.push(`/experiments/${launched.experimentId}`),
            })
          }
        >
          {launch.isPending
            ? "Launching…"
            : checked.ok
              ? `Reproduce the paper (${checked.cells.length} runs)`
              : "Reproduce the paper"}
        </button>
      </div>
      {problems.length > 0 ? (
        <ul className="list-disc pl-5 text-red-700" data-testid="reproduce-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {launch.isError ? (
        <p role="alert" className="text-red-700">
          {launch.error.message}
        </p>
      ) : null}
    </section>
  );
}
