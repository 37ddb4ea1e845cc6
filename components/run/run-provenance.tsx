import type { RunProvenance } from "@/lib/domain/runs/run-provenance";
import { formatDuration } from "@/lib/domain/runs/run-progress";

const BADGE: Record<RunProvenance["source"], string> = {
  imported: "bg-amber-100 text-amber-900",
  simulated: "bg-violet-100 text-violet-800",
  backend: "bg-sky-100 text-sky-900",
};

const NotRecorded = () => <span className="italic">not recorded</span>;

/** Where the run's figures come from: "imported from the reference script", "simulated" or its backend. */
export function RunSourceBadge({ provenance }: { provenance: RunProvenance }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs ${BADGE[provenance.source]}`} data-testid="run-source">
      {provenance.label}
    </span>
  );
}

/** Elapsed time, saying what measured it; "not recorded" when nothing did. */
export function RunElapsed({ provenance }: { provenance: RunProvenance }) {
  const { elapsed } = provenance;
  if (!elapsed) return <NotRecorded />;
  return (
    <span
      title={
        elapsed.from === "time/total"
          ? `sum of time/total over ${elapsed.steps} steps of metrics.jsonl`
          : "from the first step's start to the last step's commit"
      }
    >
      {formatDuration(elapsed.ms)}
      {elapsed.from === "time/total" ? " (time/total)" : ""}
    </span>
  );
}

/** Model, backend and seed as recorded; an imported run's config.json may hold none of them. */
export function RunProvenanceLine({ provenance }: { provenance: RunProvenance }) {
  const field = (label: string, value: string | number | null) => (
    <span data-testid={`run-${label}`}>
      {label}: {value === null ? <NotRecorded /> : <span className="font-mono">{value}</span>}
    </span>
  );
  return (
    <p className="flex flex-wrap gap-x-4 text-sm text-slate-600" data-testid="run-provenance">
      {field("model", provenance.model)}
      {field("backend", provenance.backend)}
      {field("seed", provenance.seed)}
    </p>
  );
}
