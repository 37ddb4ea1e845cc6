"use client";

import { CONFIG_GROUPS } from "@/lib/domain/launch/config-fields";
import type { ConfigFormValues } from "@/lib/domain/launch/form-values";
import type { listModeAvailability } from "@/lib/domain/launch/backend-choice";
import { InputRow, SelectRow } from "./field-row";

/** The engine config, one fieldset per group; a train mode the policy backend cannot run is disabled. */
export function ConfigFieldsets({
  config,
  setConfigField,
  errorsFor,
  modeAvailability,
  hints,
}: {
  config: ConfigFormValues;
  setConfigField: (key: string, value: string) => void;
  errorsFor: (name: string) => string[] | undefined;
  modeAvailability: ReturnType<typeof listModeAvailability>;
  /** Hints that depend on the rest of the form (the chosen dataset's size), over the static ones. */
  hints: Partial<Record<string, string>>;
}) {
  return CONFIG_GROUPS.map((group) => (
    <fieldset key={group.id} className="grid gap-4 rounded border border-slate-200 p-4 md:grid-cols-3">
      <legend className="px-1 font-semibold">{group.legend}</legend>
      {group.fields.map((field) => {
        const id = `config.${field.key}`;
        const row = {
          id,
          label: field.label,
          hint: hints[field.key] ?? field.hint,
          errors: errorsFor(id),
          value: config[field.key],
          onChange: (event: { target: { value: string } }) => setConfigField(field.key, event.target.value),
        };
        if (!field.choices) return <InputRow key={field.key} {...row} />;
        return (
          <SelectRow key={field.key} {...row}>
            {field.choices.map((choice) => {
              const unavailable =
                field.key === "train_mode" ? modeAvailability[choice as keyof typeof modeAvailability] : null;
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
  ));
}
