import Link from "next/link";
import type { ProvenanceStep } from "@/lib/view/prompts/lineage";
import { evolutionHref, promptsHref } from "@/lib/domain/prompts/urls";

const VERB: Record<ProvenanceStep["kind"], string> = {
  unchanged: "kept",
  modified: "modified",
  added: "added",
  merged: "merged",
};

/** "modified at step 4 by mutation event #12 (revision op 1)", with the evidence when the operation gave one. */
export function ProvenanceLine({ viewBase, step }: { viewBase: string; step: ProvenanceStep }) {
  const op = step.operation;
  return (
    <span className="text-xs text-slate-600" data-testid="provenance-line">
      {VERB[step.kind]} in{" "}
      <Link
        className="text-sky-700 hover:underline"
        href={promptsHref(viewBase, { program: step.programId })}
      >
        #{step.programId}
      </Link>{" "}
      at step {step.step}
      {step.eventId !== null ? (
        <>
          {" "}
          by{" "}
          <Link
            className="text-sky-700 hover:underline"
            href={evolutionHref(viewBase, { event: step.eventId })}
            data-testid="provenance-event"
          >
            {step.eventKind} event #{step.eventId}
          </Link>
        </>
      ) : null}
      {op ? ` (${op.stage} op ${op.opIndex})` : ""}
      {step.alignedBy === "text" ? " · matched by text" : ""}
      {step.kind === "merged" && step.mergedAdditions > 0
        ? ` · with ${step.mergedAdditions} new suggestion(s)`
        : ""}
      {op?.evidence ? (
        <span className="mt-0.5 block italic" data-testid="provenance-evidence">
          Evidence: {op.evidence}
        </span>
      ) : null}
    </span>
  );
}
