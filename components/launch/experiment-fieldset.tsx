"use client";

import type { ExperimentFields } from "@/lib/domain/launch/experiment-form";
import { FieldRow, InputRow, inputClass } from "./field-row";

/** "Many runs": an experiment's name, its seeds and its sweep lines; empty, the form launches one run. */
export function ExperimentFieldset({
  fields,
  setField,
  errorsFor,
}: {
  fields: ExperimentFields;
  setField: (key: keyof ExperimentFields) => (event: { target: { value: string } }) => void;
  errorsFor: (name: string) => string[] | undefined;
}) {
  return (
    <fieldset className="grid gap-4 rounded border border-slate-200 p-4 md:grid-cols-3">
      <legend className="px-1 font-semibold">Many runs (an experiment)</legend>
      <p className="text-sm text-slate-600 md:col-span-3">
        Fill in seeds or a sweep to launch one run per seed and setting, grouped under one experiment whose
        page compares them. Leave these empty to launch a single run.
      </p>
      <InputRow
        id="experimentName"
        label="Group name"
        hint="the experiment holding these runs (not config experiment_name); runs are named after it"
        errors={errorsFor("experimentName")}
        value={fields.experimentName}
        onChange={setField("experimentName")}
      />
      <InputRow
        id="seeds"
        label="Seeds"
        hint="a list or ranges, e.g. 1-5 or 1,2,7"
        errors={errorsFor("seeds")}
        value={fields.seeds}
        onChange={setField("seeds")}
      />
      <FieldRow
        id="sweep"
        label="Sweep"
        hint="one config key a line: key=value1,value2; the grid is every combination"
        errors={errorsFor("sweep")}
      >
        {(describedBy, invalid) => (
          <textarea
            id="sweep"
            name="sweep"
            rows={3}
            value={fields.sweep}
            onChange={setField("sweep")}
            placeholder="crossover_prob=0,0.5"
            className={`${inputClass} font-mono`}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </FieldRow>
    </fieldset>
  );
}
