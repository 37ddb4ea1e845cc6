/**
 * Folds one streamed run change into a React Query cache entry. Kept apart from the hook so it can be
 * tested against a real QueryClient without a browser.
 */
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { RunChange } from "@/lib/domain/run-change";

/**
 * Patches the entry with `apply`, or refetches it when the change is not in it (`apply` gives null).
 * A fetch already in flight read the database before this change was committed; when it answers it
 * would overwrite the patch with older data and, if no later change comes (a run's last step), leave it
 * stale for good. So such a fetch is cancelled and started again, after the change.
 */
export function foldRunChange<T>(
  queryClient: QueryClient,
  queryKey: QueryKey,
  apply: (data: T, change: RunChange) => T | null,
  change: RunChange,
  refetch: () => void,
): void {
  const current = queryClient.getQueryData<T>(queryKey);
  const next = current === undefined ? null : apply(current, change);
  if (next === null) return refetch();
  queryClient.setQueryData(queryKey, next);
  if (queryClient.isFetching({ queryKey }) > 0) {
    void queryClient.invalidateQueries({ queryKey }, { cancelRefetch: true });
  }
}
