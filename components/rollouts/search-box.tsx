"use client";
/**
 * A text filter that applies itself while the user types (after a pause) or on Enter, so the list
 * follows the box without a request per keystroke. The box keeps its own text while focused; when the
 * applied value changes from elsewhere (back/forward, "Clear filters") it shows that value instead.
 */
import { useRef, useState } from "react";
import { FILTER_FIELD, FilterField } from "@/components/forms/filter-bar";
import { SEARCH_MAX } from "@/lib/domain/rollouts/rollout-filters";

const DEBOUNCE_MS = 350;

export function SearchBox({
  label,
  value,
  placeholder,
  width,
  onApply,
}: {
  label: string;
  /** The applied value (from the URL). */
  value: string | undefined;
  placeholder: string;
  width: string;
  onApply: (value: string | undefined) => void;
}) {
  const [text, setText] = useState(value ?? "");
  const [shown, setShown] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The applied value moved without this box (history, clear): show it.
  if (shown !== value) {
    setShown(value);
    setText(value ?? "");
  }
  const apply = (raw: string) => {
    clearTimeout(timer.current);
    const next = raw.trim() === "" ? undefined : raw.trim();
    setShown(next);
    if (next !== value) onApply(next);
  };
  return (
    <FilterField label={label} inline>
      <input
        type="search"
        value={text}
        maxLength={SEARCH_MAX}
        placeholder={placeholder}
        aria-label={label}
        className={`${FILTER_FIELD} ${width}`}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          setText(raw);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => apply(raw), DEBOUNCE_MS);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") apply(e.currentTarget.value);
        }}
      />
    </FilterField>
  );
}
