"use client";

export default function RunError({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="space-y-2">
      <p className="text-red-700">The run could not be loaded: {error.message}</p>
      <button type="button" className="underline" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
