import Link from "next/link";
import type { ProgramDetail } from "@/lib/server/read/prompts/program-detail";
import type { PrincipleHistory } from "@/lib/view/prompts/lineage";
import { evolutionHref, lineageHref, promptsHref } from "@/lib/domain/prompts/urls";
import { PrincipleTimelineView } from "./principle-timeline";
import { ProvenanceLine } from "./provenance-line";

const link = "text-sky-700 hover:underline";

function HistoryView({
  viewBase,
  detail,
  history,
}: {
  viewBase: string;
  detail: ProgramDetail;
  history: PrincipleHistory;
}) {
  const last = history.steps.at(-1);
  return (
    <section aria-label="Principle history" className="rounded border border-slate-200 p-3">
      <h3 className="font-medium">History</h3>
      <ol className="mt-2 space-y-2 text-sm">
        {history.steps.map((s, i) => (
          <li key={i} data-testid="history-step" className="border-l-2 border-slate-300 pl-3">
            <p className="font-mono text-xs text-slate-500">
              #{s.programId} {s.principleId}
            </p>
            <p>{s.text}</p>
            <ProvenanceLine viewBase={viewBase} step={s} />
            {s.kind === "merged" && s.parentProgramId !== null ? (
              <p className="text-xs">
                from{" "}
                {s.sources.map((src) => (
                  <Link
                    key={src}
                    className={`${link} mr-2`}
                    href={promptsHref(viewBase, { program: s.parentProgramId, principle: src })}
                  >
                    #{s.parentProgramId} {src}
                  </Link>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <p className="mt-2 text-xs text-slate-500" data-testid="history-end">
        {history.end === "introduced" ? (
          "This is where the principle was introduced."
        ) : history.end === "root" ? (
          "The principle goes back to the root program."
        ) : (
          <>
            The loaded ancestry ends here;{" "}
            <Link
              className={link}
              href={promptsHref(viewBase, {
                program: detail.windowStart,
                principle: last ? (last.sources[0] ?? last.principleId) : undefined,
              })}
            >
              continue from #{detail.windowStart}
            </Link>
            .
          </>
        )}
      </p>
    </section>
  );
}

export function ProgramDetailView({ viewBase, detail }: { viewBase: string; detail: ProgramDetail }) {
  const base = detail.parents[0];
  return (
    <section aria-label={`Program ${detail.programId}`} className="space-y-4">
      <header className="space-y-1">
        <h2 className="text-lg font-medium">Program #{detail.programId}</h2>
        <p className="text-sm text-slate-600">
          {detail.origin} · born step {detail.birthStep} · μ {detail.mu.toFixed(2)} · σ{" "}
          {detail.sigma.toFixed(2)}
          {detail.evictedAtStep !== null ? ` · evicted at step ${detail.evictedAtStep}` : " · in the pool"}
        </p>
        <p className="flex flex-wrap gap-3 text-sm">
          {detail.parents.map((p) => (
            <Link key={p.programId} className={link} href={promptsHref(viewBase, { program: p.programId })}>
              {p.kind === "crossover" ? `set ${String.fromCharCode(65 + p.order)}` : "parent"} #{p.programId}
            </Link>
          ))}
          {base ? (
            <Link className={link} href={promptsHref(viewBase, { a: base.programId, b: detail.programId })}>
              Diff against parent
            </Link>
          ) : null}
          {detail.eventId !== null ? (
            <Link className={link} href={evolutionHref(viewBase, { event: detail.eventId })}>
              Reflection chain
            </Link>
          ) : null}
          <Link className={link} href={lineageHref(viewBase, detail.programId)}>
            Lineage
          </Link>
        </p>
      </header>
      {detail.principles.length === 0 ? <p className="text-sm text-slate-500">No principles.</p> : null}
      <ol className="space-y-2 text-sm">
        {detail.principles.map(({ principle, timeline }) => (
          <li
            key={principle.id}
            data-testid={`principle-${principle.id}`}
            className={`rounded border p-2 ${detail.selected?.principleId === principle.id ? "border-sky-400" : "border-slate-200"}`}
          >
            <p>
              <span className="mr-2 font-mono text-xs text-slate-500">{principle.id}</span>
              {principle.text}
            </p>
            <div className="mt-1 flex flex-wrap items-start justify-between gap-2">
              <PrincipleTimelineView viewBase={viewBase} timeline={timeline} />
              <Link
                className={`${link} text-xs`}
                href={promptsHref(viewBase, { program: detail.programId, principle: principle.id })}
              >
                History
              </Link>
            </div>
          </li>
        ))}
      </ol>
      {detail.selected ? (
        <HistoryView viewBase={viewBase} detail={detail} history={detail.selected.history} />
      ) : null}
    </section>
  );
}
