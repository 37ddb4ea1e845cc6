"use client";

export default function RunsError({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="space-y-2">
      <p className="text-red-700">Could not load runs: {error.message}</p>
      <button type="button" onClick={reset} className="rounded border px-3 py-1 text-sm">
        Try again
      </button>
    </div>
  );
}
