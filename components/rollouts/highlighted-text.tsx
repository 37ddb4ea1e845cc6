/**
 * Search hits as <mark>: the parts are plain strings (lib/domain/rollouts/highlight-parts.ts), rendered as
 * React text children, so whatever a completion holds (tags, scripts) stays inert text.
 */
import type { HighlightPart } from "@/lib/domain/rollouts/highlight-parts";

export function HighlightedText({ parts }: { parts: readonly HighlightPart[] }) {
  if (parts.length === 0) return <span className="text-slate-500">(no text stored)</span>;
  return (
    <>
      {parts.map((part, i) =>
        part.hit ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-slate-900">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
