"use client";
/**
 * What a page shows when rendering it failed on the server. Next keeps the real message and stack in the
 * server log, tagged with `digest`; the page shows only plain words and that id, so nothing of the server
 * (paths, SQL, stack) reaches the browser, and an operator can find the failure from what a user quotes.
 */
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="mx-auto max-w-xl p-8" role="alert">
      <h1 className="text-lg font-semibold">This page could not be shown</h1>
      <p className="mt-2 text-sm text-slate-600">
        Something went wrong on our side. It has been logged
        {error.digest ? (
          <>
            {" "}
            under the id <code data-testid="error-id">{error.digest}</code>; quote it when reporting the
            problem
          </>
        ) : null}
        .
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded border px-3 py-1 text-sm">
        Try again
      </button>
    </main>
  );
}
