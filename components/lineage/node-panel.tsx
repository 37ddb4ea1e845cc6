"use client";
import Link from "next/link";
import { useLineageNode } from "@/lib/client/use-lineage-queries";
import type { LineageNode } from "@/lib/view/lineage/types";
import { RatingSparkline } from "./rating-sparkline";
import { runViewHref, useRunView } from "@/lib/client/run-view-context";

function ProgramButton({ id, note, onSelect }: { id: number; note: string; onSelect: (id: number) => void }) {
  return (
    <button
      type="button"
      onClick={() => onSelect(id)}
      className="rounded border border-slate-300 px-2 py-0.5 font-mono text-xs hover:bg-slate-100"
    >
      #{id} <span className="font-sans text-slate-500">{note}</span>
    </button>
  );
}

/** The selected program's detail, fetched on demand (the graph itself carries only summaries). */
export function NodePanel({
  runId,
  programId,
  replayed = null,
  replayStep,
  onSelect,
  onClose,
}: {
  runId: string;
  programId: number;
  /** The program as of the replayed step, when the graph is scrubbed back (null: the final values). */
  replayed?: LineageNode | null;
  replayStep?: number;
  onSelect: (id: number) => void;
  onClose: () => void;
}) {
  const { data: p, error, isPending } = useLineageNode(runId, programId);
  const view = useRunView(runId);
  return (
    <aside
      aria-label={`Program ${programId}`}
      data-testid="lineage-panel"
      className="w-96 shrink-0 overflow-y-auto rounded-lg border border-slate-200 p-4 text-sm"
    >
      <div className="flex items-start justify-between">
        <h2 className="font-medium">Program #{programId}</h2>
        <button type="button" onClick={onClose} aria-label="Close panel" className="text-slate-500">
          ✕
        </button>
      </div>
      {isPending && <p className="mt-2 text-slate-500">Loading…</p>}
      {error && <p className="mt-2 text-red-600">{error.message}</p>}
      {p && (
        <div className="mt-2 space-y-4">
          <p className="text-slate-600">
            {p.origin}, born step {p.birthStep}
            {p.evictedAtStep !== null ? `, evicted step ${p.evictedAtStep}` : ", in the pool"} · μ{" "}
            {p.mu.toFixed(2)} · σ {p.sigma.toFixed(2)} · μ−3σ {(p.mu - 3 * p.sigma).toFixed(2)} · selected{" "}
            {p.timesSelected}×
          </p>
          {replayed && (
            <p data-testid="lineage-panel-replayed" className="text-slate-600">
              At step {replayStep}: μ {replayed.mu.toFixed(2)} · σ {replayed.sigma.toFixed(2)} · μ−3σ{" "}
              {(replayed.mu - 3 * replayed.sigma).toFixed(2)} · selected {replayed.timesSelected}×
            </p>
          )}
          <section aria-label="Parents">
            <h3 className="font-medium">Parents</h3>
            {p.parents.length === 0 ? (
              <p className="text-slate-500">None (root).</p>
            ) : (
              <div className="mt-1 flex flex-wrap gap-1">
                {p.parents.map((par) => (
                  <ProgramButton
                    key={par.id}
                    id={par.id}
                    note={par.kind === "crossover" ? `Set ${String.fromCharCode(65 + par.order)}` : "mutated"}
                    onSelect={onSelect}
                  />
                ))}
              </div>
            )}
          </section>
          <section aria-label="Creating event">
            <h3 className="font-medium">Created by</h3>
            {p.event ? (
              <p>
                <span data-testid="event-summary">{p.event.summary}</span> (step {p.event.step})
                {p.event.error && <span className="block text-red-600">{p.event.error}</span>}{" "}
                <Link
                  className="text-sky-700 underline"
                  href={runViewHref(view, "evolution", `event=${p.event.id}`)}
                >
                  Open event
                </Link>
              </p>
            ) : (
              <p className="text-slate-500">No evolution event (root or manual program).</p>
            )}
          </section>
          <section aria-label="Principles">
            <h3 className="font-medium">
              Principles ({p.principles.length}){" "}
              <Link
                className="text-xs font-normal text-sky-700 underline"
                href={runViewHref(view, "prompts", `program=${p.id}`)}
              >
                prompt view
              </Link>
            </h3>
            <ol className="mt-1 list-decimal space-y-1 pl-5">
              {p.principles.map((pr, i) => (
                <li key={`${pr.id}-${i}`}>{pr.text}</li>
              ))}
            </ol>
          </section>
          <section aria-label="Rating">
            <h3 className="font-medium">Rating</h3>
            <RatingSparkline points={p.history} />
          </section>
          <section aria-label="Scores per step">
            <h3 className="font-medium">Scores per step</h3>
            {p.history.length === 0 ? (
              <p className="text-slate-500">Never selected.</p>
            ) : (
              <table className="mt-1 w-full text-xs">
                <thead>
                  <tr className="text-left text-slate-500">
                    <th>step</th>
                    <th>score</th>
                    <th>rank</th>
                    <th>tie</th>
                    <th>μ after</th>
                    <th>σ after</th>
                  </tr>
                </thead>
                <tbody>
                  {p.history.map((h) => (
                    <tr key={h.step} className="border-t border-slate-100">
                      <td>
                        <Link
                          className="text-sky-700 underline"
                          href={runViewHref(view, "rollouts", `step=${h.step}&program=${p.id}`)}
                        >
                          {h.step}
                        </Link>
                      </td>
                      <td>{h.score.toFixed(3)}</td>
                      <td>{h.rank}</td>
                      <td>{h.tieGroup}</td>
                      <td>{h.mu.toFixed(2)}</td>
                      <td>{h.sigma.toFixed(2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-label="Children">
            <h3 className="font-medium">Children ({p.children.length})</h3>
            <div className="mt-1 flex flex-wrap gap-1">
              {p.children.map((c) => (
                <ProgramButton
                  key={c.id}
                  id={c.id}
                  note={`${c.kind}, step ${c.birthStep}`}
                  onSelect={onSelect}
                />
              ))}
            </div>
          </section>
        </div>
      )}
    </aside>
  );
}
