import type { PrincipleTimeline } from "@/lib/view/prompts/principle-timeline";
import { ProvenanceLine } from "./provenance-line";

/**
 * Beside a principle: where it first appeared (program, step, event) and its edits since, each with the
 * wording it had after that edit. Principle text is untrusted LLM output: rendered as text only.
 */
export function PrincipleTimelineView({
  viewBase,
  timeline,
}: {
  viewBase: string;
  timeline: PrincipleTimeline;
}) {
  const { origin, edits, end } = timeline;
  const lastEdit = edits.at(-1);
  return (
    <div className="space-y-1" data-testid="principle-timeline">
      <p className="text-xs text-slate-600" data-testid="principle-origin">
        <span className="font-medium">First appeared: </span>
        {origin ? (
          <ProvenanceLine viewBase={viewBase} step={origin} />
        ) : end === "root" ? (
          "in the root program"
        ) : (
          "before the loaded ancestry (open History to continue)"
        )}
      </p>
      {lastEdit ? (
        <details className="text-xs text-slate-600" data-testid="principle-edits">
          <summary className="cursor-pointer">
            Edited {edits.length} {edits.length === 1 ? "time" : "times"}, last at step {lastEdit.step}
          </summary>
          <ol className="mt-1 space-y-1 border-l-2 border-amber-300 pl-3">
            {edits.map((edit) => (
              <li key={`${edit.programId}-${edit.principleId}`}>
                <ProvenanceLine viewBase={viewBase} step={edit} />
                <span className="mt-0.5 block text-slate-700">→ {edit.text}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : (
        <p className="text-xs text-slate-500">Not edited since{origin ? "" : " (in the loaded ancestry)"}.</p>
      )}
    </div>
  );
}
