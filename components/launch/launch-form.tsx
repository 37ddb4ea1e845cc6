"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { z } from "zod";
import { launchRunAction } from "@/app/actions/launch";
import type { LaunchOptions } from "@/lib/data/launch-options";
import { countRunSteps } from "@/lib/runs/count-run-steps";
import { CONFIG_GROUPS } from "@/lib/runs/launch/config-fields";
import { estimateStep } from "@/lib/runs/launch/estimate";
import { configToFormValues, formValuesToConfig, type ConfigFormValues } from "@/lib/runs/launch/form-values";
import { launchInputSchema, type LaunchResult } from "@/lib/runs/launch/launch-input";
import { checkBackendChoice, listModeAvailability } from "@/lib/runs/launch/backend-choice";
import { getPresetConfig, PRESETS, isPresetId } from "@/lib/runs/presets";
import { EstimatePanel } from "./estimate-panel";
import { FieldRow, InputRow, inputClass, SelectRow } from "./field-row";

export interface LaunchFormInitial {
  projectId: string;
  name: string;
  tags: string;
  /** One principle per line. */
  initialPrinciples: string;
  seed: string;
  datasetId: string;
  policyBackendId: string;
  reflectionBackendId: string;
  config: ConfigFormValues;
}

type General = Omit<LaunchFormInitial, "config">;

function describeBackend(b: LaunchOptions["backends"][number]): string {
  if (!b.hasDriver) return `${b.kind}, no driver`;
  if (b.testError) return `${b.kind}, last test failed`;
  if (!b.capabilities) return `${b.kind}, not tested`;
  const can = [b.capabilities.sampling && "samples", b.capabilities.training && "trains"].filter(Boolean);
  return `${b.kind}, ${can.join(" + ") || "cannot sample"}`;
}

export function LaunchForm({ options, initial }: { options: LaunchOptions; initial: LaunchFormInitial }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(
    async (_previous: LaunchResult | null, form: FormData): Promise<LaunchResult> => {
      const reply = await launchRunAction(null, form);
      // The wrapper's refusals (sign-in, role, a bad project) read like the form's own field errors.
      const result: LaunchResult = reply.ok
        ? reply.data
        : { ok: false, message: reply.error.message, fieldErrors: reply.error.fields ?? {} };
      if (result.ok) router.push(`/runs/${result.runId}`);
      return result;
    },
    null,
  );
  const [general, setGeneral] = useState<General>(initial);
  const [config, setConfig] = useState<ConfigFormValues>(initial.config);
  const [preset, setPreset] = useState("");

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
  // The action refuses exactly these combinations (lib/runs/launch/backend-choice.ts).
  const choiceErrors = checkedConfig.ok
    ? checkBackendChoice({
        trainMode: checkedConfig.config.train_mode,
        evolutionSampleClient: checkedConfig.config.evolution_sample_client,
        policy: policyBackend,
        reflection: reflectionBackend,
      })
    : {};
  const errorsFor = (name: string): string[] | undefined => {
    const local = name.startsWith("config.")
      ? checkedConfig.ok
        ? undefined
        : checkedConfig.errors[name.slice("config.".length)]
      : generalErrors[name];
    return local ?? choiceErrors[name] ?? serverErrors[name];
  };
  const unavailableModes = Object.entries(modeAvailability).filter(
    (entry): entry is [string, string] => entry[1] !== null,
  );

  const datasets = options.datasets.filter((d) => d.projectId === null || d.projectId === general.projectId);
  const dataset = datasets.find((d) => d.id === general.datasetId) ?? datasets[0];
  const estimate = checkedConfig.ok && dataset ? estimateStep(checkedConfig.config, dataset.testCount) : null;
  const steps = checkedConfig.ok && dataset ? countRunSteps(checkedConfig.config, dataset.trainCount) : null;

  // The policy and reflection pickers offer the same backends.
  const backendOptions = backends.map((b) => (
    <option key={b.id} value={b.id}>
      {b.name} ({describeBackend(b)})
    </option>
  ));

  const setField = (key: keyof General) => (event: { target: { value: string } }) =>
    setGeneral((g) => ({ ...g, [key]: event.target.value }));

  function applyPreset(id: string) {
    setPreset(id);
    if (isPresetId(id)) setConfig(configToFormValues(getPresetConfig(id)));
  }

  return (
    <form
      action={formAction}
      className="space-y-6"
      noValidate
      aria-describedby={state && !state.ok ? "form-error" : undefined}
    >
      {state && !state.ok && (
        <p
          id="form-error"
          role="alert"
          className="rounded bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {state.message}
          {state.fieldErrors._ && ` ${state.fieldErrors._.join("; ")}`}
        </p>
      )}
      <fieldset className="grid gap-4 rounded border border-slate-200 p-4 md:grid-cols-3 dark:border-slate-700">
        <legend className="px-1 font-semibold">Run</legend>
        <SelectRow
          id="projectId"
          label="Project"
          errors={errorsFor("projectId")}
          value={general.projectId}
          onChange={setField("projectId")}
        >
          {options.projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectRow>
        <InputRow
          id="name"
          label="Name"
          hint="empty: preset or mode and seed"
          errors={errorsFor("name")}
          value={general.name}
          onChange={setField("name")}
        />
        <InputRow
          id="tags"
          label="Tags"
          hint="comma-separated"
          errors={errorsFor("tags")}
          value={general.tags}
          onChange={setField("tags")}
        />
        <InputRow
          id="seed"
          label="Seed"
          hint="empty: random, recorded on the run"
          errors={errorsFor("seed")}
          value={general.seed}
          onChange={setField("seed")}
          inputMode="numeric"
        />
        <SelectRow
          id="datasetId"
          label="Dataset"
          errors={errorsFor("datasetId")}
          value={general.datasetId}
          onChange={setField("datasetId")}
        >
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.trainCount} train / {d.testCount} test)
            </option>
          ))}
        </SelectRow>
        <SelectRow
          id="policyBackendId"
          label="Policy backend"
          errors={errorsFor("policyBackendId")}
          value={general.policyBackendId}
          onChange={setField("policyBackendId")}
        >
          <option value="">Simulator (offline)</option>
          {backendOptions}
        </SelectRow>
        <SelectRow
          id="reflectionBackendId"
          label="Reflection backend"
          hint="mutation and crossover calls; empty: the policy backend"
          errors={errorsFor("reflectionBackendId")}
          value={general.reflectionBackendId}
          onChange={setField("reflectionBackendId")}
        >
          <option value="">Same as the policy backend</option>
          {backendOptions}
        </SelectRow>
        {unavailableModes.length > 0 && (
          <div
            className="text-sm text-amber-800 md:col-span-3 dark:text-amber-300"
            data-testid="mode-availability"
          >
            <p className="font-medium">Unavailable with this policy backend:</p>
            <ul className="list-disc pl-5">
              {unavailableModes.map(([mode, reason]) => (
                <li key={mode}>
                  <code>{mode}</code>: {reason}
                </li>
              ))}
            </ul>
          </div>
        )}
        <FieldRow id="preset" label="Preset" hint="replaces the config below">
          {(describedBy) => (
            <select
              id="preset"
              value={preset}
              onChange={(e) => applyPreset(e.target.value)}
              className={inputClass}
              aria-describedby={describedBy}
            >
              <option value="">—</option>
              {PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          )}
        </FieldRow>
      </fieldset>

      {CONFIG_GROUPS.map((group) => (
        <fieldset
          key={group.id}
          className="grid gap-4 rounded border border-slate-200 p-4 md:grid-cols-3 dark:border-slate-700"
        >
          <legend className="px-1 font-semibold">{group.legend}</legend>
          {group.fields.map((field) => {
            const id = `config.${field.key}`;
            const change = (event: { target: { value: string } }) =>
              setConfig((c) => ({ ...c, [field.key]: event.target.value }));
            const row = {
              id,
              label: field.label,
              hint: field.hint,
              errors: errorsFor(id),
              value: config[field.key],
              onChange: change,
            };
            if (!field.choices) return <InputRow key={field.key} {...row} />;
            return (
              <SelectRow key={field.key} {...row}>
                {field.choices.map((choice) => {
                  const unavailable =
                    field.key === "train_mode"
                      ? modeAvailability[choice as keyof typeof modeAvailability]
                      : null;
                  return (
                    <option key={choice} value={choice} disabled={Boolean(unavailable)}>
                      {unavailable ? `${choice} (unavailable)` : choice}
                    </option>
                  );
                })}
              </SelectRow>
            );
          })}
        </fieldset>
      ))}

      <fieldset className="grid gap-2 rounded border border-slate-200 p-4 dark:border-slate-700">
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

      <EstimatePanel estimate={estimate} steps={steps} />

      <button
        type="submit"
        disabled={pending}
        className="rounded bg-slate-900 px-4 py-2 text-white disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900"
      >
        {pending ? "Launching…" : "Launch run"}
      </button>
    </form>
  );
}
