/** The foot of a paged list: asks for the next page while there is one, and says when it is loading. */
export function LoadMoreButton({
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
}) {
  if (!hasNextPage) return null;
  return (
    <button
      type="button"
      className="w-full py-2 text-sm text-sky-700"
      disabled={isFetchingNextPage}
      onClick={fetchNextPage}
    >
      {isFetchingNextPage ? "Loading…" : "Load more"}
    </button>
  );
}
