"use client";
/**
 * A step slider's state that follows the newest step while it rests on it: when a live view learns of a
 * new step, a slider left at the end moves along, one scrubbed back stays where the user put it.
 */
import { useCallback, useState, type Dispatch, type SetStateAction } from "react";

/** `start`: the step to open on (e.g. one named in the URL); the newest by default. */
export function useFollowLatest(
  latest: number,
  start: number = latest,
): [number, Dispatch<SetStateAction<number>>] {
  const [state, setState] = useState({ value: start, latest });
  let current = state;
  if (state.latest !== latest) {
    // Adjusting state while rendering (React's pattern for state derived from a changed prop).
    current = { value: state.value === state.latest ? latest : state.value, latest };
    setState(current);
  }
  const set = useCallback<Dispatch<SetStateAction<number>>>(
    (next) => setState((s) => ({ ...s, value: typeof next === "function" ? next(s.value) : next })),
    [],
  );
  return [current.value, set];
}
