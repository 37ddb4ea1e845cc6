"use client";

import type { ReactNode } from "react";
import type { LaunchOptions } from "@/lib/server/read/launch-options";
import { describeSplits } from "@/lib/domain/launch/dataset-fit";
import { InputRow, SelectRow } from "./field-row";
import { PresetPicker } from "./preset-picker";

/** The launch form's fields outside the engine config, as the form state holds them. */
export interface LaunchGeneral {
  projectId: string;
  name: string;
  tags: string;
  /** One principle per line. */
  initialPrinciples: string;
  seed: string;
  datasetId: string;
  policyBackendId: string;
  reflectionBackendId: string;
}

type Change = (event: { target: { value: string } }) => void;

function describeBackend(b: LaunchOptions["backends"][number]): string {
  if (!b.hasDriver) return `${b.kind}, no driver`;
  if (b.testError) return `${b.kind}, last test failed`;
  if (!b.capabilities) return `${b.kind}, not tested`;
  const can = [b.capabilities.sampling && "samples", b.capabilities.training && "trains"].filter(Boolean);
  return `${b.kind}, ${can.join(" + ") || "cannot sample"}`;
}

/** The "Run" fieldset: project, name, tags, seed, dataset, backends and the preset picker, in tab order. */
export function RunFieldset({
  options,
  general,
  setField,
  errorsFor,
  datasets,
  backends,
  unavailableModes,
  preset,
  applyPreset,
}: {
  options: LaunchOptions;
  general: LaunchGeneral;
  setField: (key: keyof LaunchGeneral) => Change;
  errorsFor: (name: string) => string[] | undefined;
  datasets: LaunchOptions["datasets"];
  backends: LaunchOptions["backends"];
  unavailableModes: [string, string][];
  preset: string;
  applyPreset: (id: string) => void;
}) {
  // The policy and reflection pickers offer the same backends.
  const backendOptions: ReactNode = backends.map((b) => (
    <option key={b.id} value={b.id}>
      {b.name} ({describeBackend(b)})
    </option>
  ));
  return (
    <fieldset className="grid gap-4 rounded border border-slate-200 p-4 md:grid-cols-3">
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
        hint="train rows are sampled in batches; every step is evaluated on the test rows"
        errors={errorsFor("datasetId")}
        value={general.datasetId}
        onChange={setField("datasetId")}
      >
        {datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name} ({describeSplits(d)}
            {d.testCount === 0 ? ", no test split" : ""})
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
        <div className="text-sm text-amber-800 md:col-span-3" data-testid="mode-availability">
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
      <PresetPicker applied={preset} apply={applyPreset} />
    </fieldset>
  );
}
