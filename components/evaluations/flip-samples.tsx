import type { ProblemSamples } from "@/lib/server/evaluations/read-samples";
import { programLabel } from "./evaluation-grid";

/** One problem's samples in the two cells of a flip, side by side. */
export function FlipSamples({ data, bestProgramId }: { data: ProblemSamples; bestProgramId: number | null }) {
  return (
    <section className="mt-3 rounded border border-slate-200 p-3" aria-label={`Problem ${data.problemIndex}`}>
      <h3 className="text-sm font-semibold">Problem {data.problemIndex}</h3>
      {data.question !== null ? (
        <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{data.question}</p>
      ) : null}
      {data.answer !== null ? <p className="mt-1 text-xs text-slate-600">answer: {data.answer}</p> : null}
      <div className="mt-2 grid gap-3 md:grid-cols-2">
        {data.cells.map((cell) => (
          <div key={cell.position} data-testid={`flip-cell-${cell.position}`}>
            <h4 className="text-sm font-medium">
              {cell.checkpoint} + {programLabel(cell.program, bestProgramId)}
            </h4>
            <ol className="mt-1 flex flex-col gap-2">
              {cell.samples.map((s) => (
                <li key={s.sampleIndex} className="rounded border border-slate-200 p-2">
                  <p
                    className={`text-xs font-medium ${s.reward >= 1 ? "text-emerald-800" : "text-rose-800"}`}
                  >
                    sample {s.sampleIndex} · reward {s.reward} · answer {s.extractedAnswer ?? "none"}
                  </p>
                  <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap text-xs text-slate-800">
                    {s.completion}
                  </pre>
                </li>
              ))}
            </ol>
          </div>
        ))}
      </div>
    </section>
  );
}
