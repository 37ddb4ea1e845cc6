"use client";
/**
 * A curation server action (rename, tags, notes, delete) as a React Query mutation: the action's refusal
 * becomes the mutation's error in plain words (a field's own message first: "at most 32 tags"), and
 * `onDone` says what to refresh once it succeeded.
 */
import { useMutation } from "@tanstack/react-query";

type Outcome<T> =
  { ok: true; data: T } | { ok: false; error: { message: string; fields?: Record<string, string[]> } };

export function describeRefusal(error: { message: string; fields?: Record<string, string[]> }): string {
  const field = Object.values(error.fields ?? {})[0]?.[0];
  return field ?? error.message;
}

export function useCurationAction<In, T>(
  action: (state: null, input: In) => Promise<Outcome<T>>,
  onDone: (data: T) => void | Promise<unknown>,
) {
  return useMutation({
    mutationFn: async (input: In) => {
      const outcome = await action(null, input);
      if (!outcome.ok) throw new Error(describeRefusal(outcome.error));
      return outcome.data;
    },
    onSuccess: (data) => onDone(data),
  });
}
