"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { CurveControls } from "@/components/charts/curve-controls";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { parseChartQuery, writeChartQuery, type ChartQuery } from "@/lib/charts/chart-query";
import { groupCurveKeys, placeMarkers, prepareCurve } from "@/lib/charts/prepare-curves";
import type { ProgramSummary, RunOverview } from "@/lib/data/run-overview";
import { useLiveRun } from "@/lib/live/use-live-run";
import { estimateRunProgress, formatDuration } from "@/lib/runs/run-progress";
import { ExportLinks } from "./export-links";
import { RunControls } from "./run-controls";
import { useRunView } from "./run-view-context";
import { SuccessChart } from "./success-chart";
import { UsagePanel } from "./usage-panel";

function ProgramCard({ title, program }: { title: string; program: ProgramSummary | null }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      <h2 className="font-medium">{title}</h2>
      {program ? (
        <>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            #{program.programId} ({program.origin}, born step {program.birthStep}) · μ {program.mu.toFixed(2)}{" "}
            · σ {program.sigma.toFixed(2)} · μ−3σ {program.conservative.toFixed(2)}
          </p>
          <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm">
            {(Array.isArray(program.principles)
              ? (program.principles as { id?: unknown; text?: unknown }[])
              : []
            ).map((p, i) => (
              <li key={i}>{String(p.text ?? "")}</li>
            ))}
          </ol>
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-500">None yet.</p>
      )}
    </section>
  );
}

function ConfigTable({ config }: { config: unknown }) {
  const entries = Object.entries((config ?? {}) as Record<string, unknown>).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  return (
    <section aria-label="Config" className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      <h2 className="font-medium">Config</h2>
      <table className="mt-2 w-full text-sm">
        <tbody>
          {entries.map(([k, v]) => (
            <tr key={k} className="border-t border-slate-100 dark:border-slate-800">
              <th
                scope="row"
                className="py-1 pr-4 text-left font-mono font-normal text-slate-600 dark:text-slate-400"
              >
                {k}
              </th>
              <td className="py-1 font-mono">{JSON.stringify(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function RunOverviewView({ initial }: { initial: RunOverview }) {
  const view = useRunView(initial.run.id);
  const { overview, error } = useLiveRun(initial, view.shareToken);
  // Chart settings live in the URL, so a link someone sends shows the same axis and smoothing.
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { x: axis, smooth: smoothing } = parseChartQuery(searchParams);
  const setChart = (patch: Partial<ChartQuery>) => {
    const params = writeChartQuery(new URLSearchParams(searchParams), {
      x: axis,
      smooth: smoothing,
      ...patch,
    });
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const { run } = overview;
  const finished = run.status === "completed" || run.status === "failed" || run.status === "cancelled";
  const progress = estimateRunProgress({ ...overview, totalSteps: run.totalSteps, finished });
  const origin = overview.firstStartedAt ? Date.parse(overview.firstStartedAt) : 0;
  const keys = groupCurveKeys(Object.keys(overview.series));
  const curvesOf = (list: string[]) =>
    list.map((k) => prepareCurve(k, overview.series[k] ?? [], axis, smoothing, origin));
  const markers = placeMarkers(overview.events, axis);
  const failures = overview.events.filter((e) => e.status === "failed");
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{run.name}</h1>
          <RunStatusBadge status={run.status} />
          {run.simulated ? (
            <span className="rounded bg-violet-100 px-2 py-0.5 text-xs text-violet-800 dark:bg-violet-900 dark:text-violet-100">
              simulated
            </span>
          ) : null}
          <span className="text-sm text-slate-500">{run.projectName}</span>
        </div>
        <div
          role="progressbar"
          aria-label="Run progress"
          aria-valuemin={0}
          aria-valuemax={run.totalSteps}
          aria-valuenow={overview.stepCount}
          className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
        >
          <div className="h-full bg-blue-600" style={{ width: `${(progress.fraction * 100).toFixed(1)}%` }} />
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="run-progress">
          step {overview.stepCount} / {run.totalSteps} · elapsed {formatDuration(progress.elapsedMs)} · ETA{" "}
          {formatDuration(progress.etaMs)}
        </p>
        {view.readOnly ? null : <RunControls runId={run.id} status={run.status} />}
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            Live updates failed: {error.message}
          </p>
        ) : null}
      </header>

      <div className="flex flex-wrap items-center gap-4 text-sm">
        <CurveControls
          axis={axis}
          smoothing={smoothing}
          onAxis={(x) => setChart({ x })}
          onSmoothing={(smooth) => setChart({ smooth })}
        />
        <ExportLinks runId={run.id} shareToken={view.shareToken} />
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <SuccessChart
          title="Train success"
          curves={curvesOf(keys.train)}
          markers={markers}
          axis={axis}
          fileName="train-success"
        />
        <SuccessChart
          title="Test success"
          curves={curvesOf(keys.test)}
          markers={markers}
          axis={axis}
          fileName="test-success"
        />
      </div>

      <section aria-label="Warnings" className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
        <h2 className="font-medium">Warnings</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {run.statusDetail ? <li>Status: {run.statusDetail}</li> : null}
          {run.error ? <li className="text-red-700 dark:text-red-400">Error: {run.error}</li> : null}
          {run.attempts > 1 ? <li>Attempts: {run.attempts}</li> : null}
          {failures.map((e, i) => (
            <li key={i}>
              step {e.step}: {e.kind} failed{e.error ? ` — ${e.error}` : ""}
            </li>
          ))}
          {!run.statusDetail && !run.error && run.attempts <= 1 && failures.length === 0 ? (
            <li className="text-slate-500">None.</li>
          ) : null}
        </ul>
      </section>

      <UsagePanel overview={overview} />

      <div className="grid gap-4 lg:grid-cols-2">
        <ProgramCard title="Best program" program={overview.best} />
        <ProgramCard title="Newest program" program={overview.newest} />
      </div>
      <ConfigTable config={run.config} />
    </div>
  );
}
