import { formatDuration, type ExperimentEstimate } from "@/lib/domain/launch/experiment-estimate";

const count = (n: number) => n.toLocaleString("en-US");

/** Before an experiment launches: how many runs, and what they will cost where there is a basis. */
export function ExperimentEstimatePanel({ estimate }: { estimate: ExperimentEstimate | null }) {
  return (
    <section
      aria-labelledby="experiment-estimate-heading"
      className="rounded border border-slate-200 p-4 text-sm"
    >
      <h2 id="experiment-estimate-heading" className="font-semibold">
        The whole experiment
      </h2>
      {estimate ? (
        <>
          <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1" data-testid="experiment-estimate">
            <dt>Runs</dt>
            <dd className="tabular-nums" data-testid="estimate-runs">
              {estimate.runs}
            </dd>
            <dt>Steps, all runs</dt>
            <dd className="tabular-nums">{count(estimate.steps)}</dd>
            <dt>Samples (policy and test)</dt>
            <dd className="tabular-nums">{count(estimate.samples)}</dd>
            <dt>Reflection LLM calls (at most)</dt>
            <dd className="tabular-nums">{count(estimate.reflectionCallsMax)}</dd>
            <dt>Time, one run after another</dt>
            <dd className="tabular-nums" data-testid="estimate-time">
              {estimate.seconds === null ? "—" : `about ${formatDuration(estimate.seconds)}`}
            </dd>
            <dt>Tokens</dt>
            <dd className="tabular-nums" data-testid="estimate-tokens">
              {estimate.tokens === null ? "—" : `about ${count(Math.round(estimate.tokens))}`}
            </dd>
          </dl>
          <p className="mt-2 text-slate-600" data-testid="estimate-basis">
            Time and tokens: {estimate.basis}. Workers run several runs at once, which shortens the time.
          </p>
        </>
      ) : (
        <p className="mt-2 text-slate-600">Fix the marked fields to see how many runs this launches.</p>
      )}
    </section>
  );
}
