"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { focusFirstError } from "@/components/forms/action-form";
import { z } from "zod";
import { launchRunAction } from "@/app/actions/launch";
import { launchExperimentAction } from "@/app/actions/launch-experiment";
import type { LaunchOptions } from "@/lib/server/read/launch-options";
import { countRunSteps } from "@/lib/domain/runs/count-run-steps";
import { estimateStep } from "@/lib/domain/launch/estimate";
import { checkDatasetFit, clampDatasetSize, describeSplits } from "@/lib/domain/launch/dataset-fit";
import {
  configToFormValues,
  formValuesToConfig,
  type ConfigFormValues,
} from "@/lib/domain/launch/form-values";
import { launchInputSchema, type LaunchResult } from "@/lib/domain/launch/launch-input";
import { checkBackendChoice, listModeAvailability } from "@/lib/domain/launch/backend-choice";
import { getPresetConfig, isPresetId } from "@/lib/domain/runs/presets";
import type { StepCostBasis } from "@/lib/domain/launch/experiment-estimate";
import {
  EMPTY_EXPERIMENT_FIELDS,
  isExperimentLaunch,
  readExperimentFields,
  type ExperimentFields,
  type ExperimentLaunchResult,
} from "@/lib/domain/launch/experiment-form";
import { draftExperiment } from "@/lib/view/launch/experiment-draft";
import { ConfigFieldsets } from "./config-fieldsets";
import { EstimatePanel } from "./estimate-panel";
import { ExperimentEstimatePanel } from "./experiment-estimate-panel";
import { ExperimentFieldset } from "./experiment-fieldset";
import { ReproduceCard } from "./reproduce-card";
import { FieldRow, inputClass } from "./field-row";
import { RunFieldset, type LaunchGeneral } from "./run-fieldset";

export interface LaunchFormInitial extends LaunchGeneral {
  config: ConfigFormValues;
}

type Dataset = LaunchOptions["datasets"][number];

/** dataset_size brought within the chosen dataset, so a 40-problem dataset never launches asking for 256. */
function fitConfig(config: ConfigFormValues, dataset: Dataset | undefined): ConfigFormValues {
  const size = Number(config.dataset_size);
  if (!dataset || !Number.isInteger(size)) return config;
  const clamped = clampDatasetSize(size, dataset.trainCount);
  return clamped === size ? config : { ...config, dataset_size: String(clamped) };
}

function pickDataset(options: LaunchOptions, projectId: string, datasetId: string) {
  const datasets = options.datasets.filter((d) => d.projectId === null || d.projectId === projectId);
  return { datasets, dataset: datasets.find((d) => d.id === datasetId) ?? datasets[0] };
}

/** Measured step costs of earlier runs, per project and policy backend (null: the simulator). */
export type StepCosts = (StepCostBasis & { projectId: string; policyBackendId: string | null })[];

type FormResult = LaunchResult | ExperimentLaunchResult;

/** Seeds or a sweep launch an experiment (and open its page); otherwise one run (and its page). */
async function submitLaunch(form: FormData): Promise<{ result: FormResult; href?: string }> {
  const experiment = isExperimentLaunch(readExperimentFields(Object.fromEntries(form.entries())));
  const reply = experiment ? await launchExperimentAction(null, form) : await launchRunAction(null, form);
  // The wrapper's refusals (sign-in, role, a bad project) read like the form's own field errors.
  if (!reply.ok)
    return { result: { ok: false, message: reply.error.message, fieldErrors: reply.error.fields ?? {} } };
  const result = reply.data;
  if (!result.ok) return { result };
  return {
    result,
    href: "runId" in result ? `/runs/${result.runId}` : `/experiments/${result.experimentId}`,
  };
}

export function LaunchForm({
  options,
  initial,
  stepCosts = [],
}: {
  options: LaunchOptions;
  initial: LaunchFormInitial;
  stepCosts?: StepCosts;
}) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(
    async (_previous: FormResult | null, form: FormData): Promise<FormResult> => {
      const { result, href } = await submitLaunch(form);
      if (href) router.push(href);
      return result;
    },
    null,
  );
  const [experiment, setExperiment] = useState<ExperimentFields>(EMPTY_EXPERIMENT_FIELDS);
  const [general, setGeneral] = useState<LaunchGeneral>(initial);
  const [config, setConfig] = useState<ConfigFormValues>(() =>
    fitConfig(initial.config, pickDataset(options, initial.projectId, initial.datasetId).dataset),
  );
  const [preset, setPreset] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  // A refused launch moves focus to the first invalid field (or the message), not leaving it on the button.
  useEffect(() => {
    if (state && !state.ok && formRef.current) focusFirstError(formRef.current);
  }, [state]);
  const { datasets, dataset } = pickDataset(options, general.projectId, general.datasetId);

  // Errors as you type come from the same schemas the action applies; the server's win after a submit.
  const checkedGeneral = launchInputSchema.omit({ config: true }).safeParse(general);
  const generalErrors: Partial<Record<string, string[]>> = checkedGeneral.success
    ? {}
    : z.flattenError(checkedGeneral.error).fieldErrors;
  const checkedConfig = formValuesToConfig(config);
  const serverErrors = state && !state.ok ? state.fieldErrors : {};
  const backends = options.backends.filter((b) => b.projectId === general.projectId);
  const policyBackend = backends.find((b) => b.id === general.policyBackendId) ?? null;
  const reflectionBackend = backends.find((b) => b.id === general.reflectionBackendId) ?? null;
  const modeAvailability = listModeAvailability(policyBackend);
  // The action refuses exactly these combinations (lib/domain/launch/backend-choice.ts) and runs that do
  // not fit their dataset (lib/domain/launch/dataset-fit.ts, checked by createRun).
  const choiceErrors = checkedConfig.ok
    ? checkBackendChoice({
        trainMode: checkedConfig.config.train_mode,
        evolutionSampleClient: checkedConfig.config.evolution_sample_client,
        policy: policyBackend,
        reflection: reflectionBackend,
      })
    : {};
  const fitErrors =
    checkedConfig.ok && dataset ? checkDatasetFit(checkedConfig.config.dataset_size, dataset) : {};
  const policyName = policyBackend?.name ?? "the simulator";
  const draft = draftExperiment({
    fields: experiment,
    projectId: general.projectId,
    seed: checkedGeneral.success ? checkedGeneral.data.seed : undefined,
    config: checkedConfig,
    dataset,
    basis:
      stepCosts.find(
        (c) => c.projectId === general.projectId && c.policyBackendId === (policyBackend?.id ?? null),
      ) ?? null,
    backendName: policyName,
  });
  const errorsFor = (name: string): string[] | undefined => {
    const local = name.startsWith("config.")
      ? checkedConfig.ok
        ? undefined
        : checkedConfig.errors[name.slice("config.".length)]
      : generalErrors[name];
    return local ?? draft.errors[name] ?? choiceErrors[name] ?? fitErrors[name] ?? serverErrors[name];
  };
  const unavailableModes = Object.entries(modeAvailability).filter(
    (entry): entry is [string, string] => entry[1] !== null,
  );

  const estimate = checkedConfig.ok && dataset ? estimateStep(checkedConfig.config, dataset.testCount) : null;
  const steps = checkedConfig.ok && dataset ? countRunSteps(checkedConfig.config, dataset.trainCount) : null;

  const setField = (key: keyof LaunchGeneral) => (event: { target: { value: string } }) => {
    const next = { ...general, [key]: event.target.value };
    setGeneral(next);
    // Another dataset (or project, which changes the datasets offered) re-fits dataset_size to its data.
    if (key === "datasetId" || key === "projectId")
      setConfig((c) => fitConfig(c, pickDataset(options, next.projectId, next.datasetId).dataset));
  };

  function applyPreset(id: string) {
    setPreset(id);
    if (isPresetId(id)) setConfig(fitConfig(configToFormValues(getPresetConfig(id)), dataset));
  }

  return (
    <>
      {/* Outside the form: the template launches on its own, with the project, dataset and backend chosen below. */}
      <ReproduceCard
        projectId={general.projectId}
        datasetId={dataset?.id ?? ""}
        datasetName={dataset?.name ?? "the built-in suite"}
        policyBackendId={policyBackend?.id ?? ""}
        backendName={policyName}
        modeAvailability={modeAvailability}
      />
      <form
        ref={formRef}
        action={formAction}
        className="space-y-6"
        noValidate
        aria-describedby={state && !state.ok ? "form-error" : undefined}
      >
        {state && !state.ok && (
          <p
            id="form-error"
            role="alert"
            tabIndex={-1}
            data-form-error
            className="rounded bg-red-50 p-3 text-sm text-red-800"
          >
            {state.message}
            {state.fieldErrors._ && ` ${state.fieldErrors._.join("; ")}`}
          </p>
        )}
        <RunFieldset
          options={options}
          general={general}
          setField={setField}
          errorsFor={errorsFor}
          datasets={datasets}
          backends={backends}
          unavailableModes={unavailableModes}
          preset={preset}
          applyPreset={applyPreset}
        />

        <ConfigFieldsets
          config={config}
          setConfigField={(key, value) => setConfig((c) => ({ ...c, [key]: value }))}
          errorsFor={errorsFor}
          modeAvailability={modeAvailability}
          hints={
            dataset
              ? {
                  dataset_size: `at most ${dataset.trainCount} (${describeSplits(dataset)}); 0 or less uses all`,
                }
              : {}
          }
        />

        <fieldset className="grid gap-2 rounded border border-slate-200 p-4">
          <legend className="px-1 font-semibold">Initial prompt</legend>
          <FieldRow
            id="initialPrinciples"
            label="Initial principles"
            hint="One principle per line: the root program's system prompt at step 0. Empty, as in the reference: evolution starts from no principles."
            errors={errorsFor("initialPrinciples")}
          >
            {(describedBy, invalid) => (
              <textarea
                id="initialPrinciples"
                name="initialPrinciples"
                rows={4}
                value={general.initialPrinciples}
                onChange={setField("initialPrinciples")}
                className={`${inputClass} font-mono`}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </FieldRow>
        </fieldset>

        <ExperimentFieldset
          fields={experiment}
          setField={(key) => (event) => setExperiment((e) => ({ ...e, [key]: event.target.value }))}
          errorsFor={errorsFor}
        />

        <EstimatePanel estimate={estimate} steps={steps} />
        {draft.active ? <ExperimentEstimatePanel estimate={draft.estimate} /> : null}

        <button
          type="submit"
          disabled={pending}
          className="rounded bg-slate-900 px-4 py-2 text-white disabled:opacity-50"
        >
          {pending
            ? "Launching…"
            : draft.active
              ? draft.estimate
                ? `Launch ${draft.estimate.runs} runs`
                : "Launch experiment"
              : "Launch run"}
        </button>
      </form>
    </>
  );
}
