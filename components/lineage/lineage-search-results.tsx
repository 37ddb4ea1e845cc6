/** What a principle search found (or why it found nothing), each match a button that focuses it. */
export function LineageSearchResults({
  note,
  ids,
  text,
  onFocus,
}: {
  note: string | null;
  ids: number[] | null;
  text: string;
  onFocus: (id: number) => void;
}) {
  if (!note && !ids) return null;
  return (
    <div className="text-sm" aria-live="polite" data-testid="search-results">
      {note}
      {ids && (
        <>
          {ids.length} program{ids.length === 1 ? "" : "s"} match &quot;{text}&quot;:{" "}
          {ids.slice(0, 30).map((id) => (
            <button
              key={id}
              type="button"
              onClick={() => onFocus(id)}
              className="mr-1 font-mono text-sky-700 underline"
            >
              #{id}
            </button>
          ))}
        </>
      )}
    </div>
  );
}
