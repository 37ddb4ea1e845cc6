import type { StepEstimate } from "@/lib/domain/launch/estimate";

export function EstimatePanel({ estimate, steps }: { estimate: StepEstimate | null; steps: number | null }) {
  return (
    <section aria-labelledby="estimate-heading" className="rounded border border-slate-200 p-4 text-sm">
      <h2 id="estimate-heading" className="font-semibold">
        Per step
      </h2>
      {estimate ? (
        <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1" data-testid="estimate">
          <dt>Policy samples (k·B·G)</dt>
          <dd className="tabular-nums" data-testid="estimate-policy">
            {estimate.policySamples}
          </dd>
          <dt>Test samples (T·|test|)</dt>
          <dd className="tabular-nums">{estimate.testSamples}</dd>
          <dt>Mutation LLM calls (at most)</dt>
          <dd className="tabular-nums">{estimate.mutationCallsMax}</dd>
          <dt>Crossover LLM calls (expected)</dt>
          <dd className="tabular-nums">{estimate.crossoverCallsExpected.toFixed(2)}</dd>
          {steps !== null && (
            <>
              <dt>Steps</dt>
              <dd className="tabular-nums" data-testid="estimate-steps">
                {steps}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p className="mt-2 text-slate-500">Fix the marked fields to see an estimate.</p>
      )}
    </section>
  );
}
