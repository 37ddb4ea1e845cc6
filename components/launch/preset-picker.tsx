"use client";
import { useRef, useState, type KeyboardEvent } from "react";
import { PRESETS } from "@/lib/domain/runs/presets";
import { FieldRow, inputClass } from "./field-row";

/** Keys that move a closed select through its options, each firing a change event. */
const MOVING_KEYS = new Set([
  "ArrowUp",
  "ArrowDown",
  "ArrowLeft",
  "ArrowRight",
  "Home",
  "End",
  "PageUp",
  "PageDown",
]);

/**
 * The preset select. A preset replaces the whole config below, so it applies only on an explicit choice:
 * a pick from the opened list (mouse or keyboard), Enter, or the Apply button. Arrowing through a closed
 * select fires a change per option, and applying each would wipe the config while a keyboard user is
 * only looking.
 */
export function PresetPicker({ applied, apply }: { applied: string; apply: (id: string) => void }) {
  const [chosen, setChosen] = useState(applied);
  const movedByKeys = useRef(false);
  const pending = chosen !== applied && chosen !== "";
  const onKeyDown = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (MOVING_KEYS.has(event.key) || event.key.length === 1) movedByKeys.current = true;
    if (event.key === "Enter") {
      // Enter commits the choice; it must not submit the launch form.
      event.preventDefault();
      if (pending) apply(chosen);
    }
  };
  return (
    <FieldRow
      id="preset"
      label="Preset"
      hint={pending ? "Enter or Apply replaces the config below" : "replaces the config below"}
    >
      {(describedBy) => (
        <div className="flex gap-2">
          <select
            id="preset"
            value={chosen}
            onPointerDown={() => (movedByKeys.current = false)}
            onKeyDown={onKeyDown}
            onChange={(event) => {
              setChosen(event.target.value);
              if (!movedByKeys.current && event.target.value !== "") apply(event.target.value);
            }}
            className={`${inputClass} min-w-0 flex-1`}
            aria-describedby={describedBy}
          >
            <option value="">—</option>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          {pending ? (
            <button
              type="button"
              onClick={() => apply(chosen)}
              className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100"
            >
              Apply
            </button>
          ) : null}
        </div>
      )}
    </FieldRow>
  );
}
