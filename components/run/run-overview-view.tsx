"use client";
import Link from "next/link";
import { useMemo } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { CurveControls } from "@/components/charts/curve-controls";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { RunDatasetLine } from "./run-dataset";
import { StepValuesTable } from "./step-values-table";
import { RunElapsed, RunProvenanceLine, RunSourceBadge } from "./run-provenance";
import { parseChartQuery, writeChartQuery, type ChartQuery } from "@/lib/view/charts/chart-query";
import { describeRunAxis } from "@/lib/view/charts/axis-positions";
import { groupCurveKeys, placeMarkers } from "@/lib/view/charts/prepare-curves";
import { preparePanels, writePanelChoice, type MetricPanel } from "@/lib/view/charts/metric-panels";
import { colorForProgram } from "@/lib/view/charts/series-colors";
import { describeEventError } from "@/lib/view/runs/describe-event-error";
import { prepareConfigEntries, type ConfiguredRun } from "@/lib/view/runs/config-display";
import type { ProgramSummary, RunOverview } from "@/lib/server/read/run-overview";
import type { RunCuration } from "@/lib/server/read/run-curation";
import { useLiveRun } from "@/lib/client/live/use-live-run";
import { decodeOverview, type OverviewWire } from "@/lib/view/runs/overview-wire";
import { estimateRunProgress, formatDuration } from "@/lib/domain/runs/run-progress";
import { ExportLinks } from "./export-links";
import { RunControls } from "./run-controls";
import { RunCurationPanel } from "./run-curation";
import { RunTitle } from "./run-title";
import { useRunView } from "@/lib/client/run-view-context";
import { promptsHref } from "@/lib/domain/prompts/urls";
import { SuccessChart } from "./success-chart";
import { UsagePanel } from "./usage-panel";

function ProgramCard({
  title,
  program,
  base,
}: {
  title: string;
  program: ProgramSummary | null;
  base: string;
}) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 p-4">
      <h2 className="font-medium">
        {title}
        {program ? (
          <Link
            className="ml-2 text-sm font-normal text-sky-700 hover:underline"
            href={promptsHref(base, { program: program.programId })}
          >
            open #{program.programId} in Prompts →
          </Link>
        ) : null}
      </h2>
      {program ? (
        <>
          <p className="mt-1 flex flex-wrap items-center gap-1 text-sm text-slate-600">
            <span
              aria-hidden
              className="inline-block h-2.5 w-2.5 rounded-full"
              style={{ background: colorForProgram(program.programId) }}
            />
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

function ConfigTable({ run }: { run: ConfiguredRun }) {
  return (
    <section aria-label="Config" className="rounded-lg border border-slate-200 p-4">
      <h2 className="font-medium">Config</h2>
      <table className="mt-2 w-full text-sm">
        <tbody>
          {prepareConfigEntries(run).map((entry) => (
            <tr key={entry.key} className="border-t border-slate-100">
              <th scope="row" className="py-1 pr-4 text-left font-mono font-normal text-slate-600">
                {entry.key}
              </th>
              <td
                className={entry.unused ? "py-1 text-slate-500 italic" : "py-1 font-mono"}
                data-testid={`config-${entry.key}`}
              >
                {entry.value}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function RunOverviewView({
  initial: packed,
  curation = null,
}: {
  initial: OverviewWire<RunOverview>;
  /** Members' curation (name, tags, notes); null on a share link. */
  curation?: RunCuration | null;
}) {
  // The page hands the overview over in its compact form (a third of the bytes); decoded once here.
  const initial = useMemo(() => decodeOverview(packed), [packed]);
  const view = useRunView(initial.run.id);
  const { overview, error } = useLiveRun(initial, view.shareToken);
  // Chart settings live in the URL, so a link someone sends shows the same axis and smoothing.
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const chart = parseChartQuery(searchParams);
  const replaceQuery = (params: URLSearchParams) => {
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const setChart = (patch: Partial<ChartQuery>) =>
    replaceQuery(writeChartQuery(new URLSearchParams(searchParams), { ...chart, ...patch }));
  const choosePanel = (panel: MetricPanel, chosen: string[] | null) =>
    replaceQuery(writePanelChoice(new URLSearchParams(searchParams), panel, chosen));
  // Evolution markers are opt-in: a run that evolves every step would otherwise hang a curtain of lines.
  const showEvents = searchParams.get("events") === "1";
  const setEvents = (on: boolean) => {
    const params = new URLSearchParams(searchParams);
    if (on) params.set("events", "1");
    else params.delete("events");
    replaceQuery(params);
  };
  const { run } = overview;
  const finished = run.status === "completed" || run.status === "failed" || run.status === "cancelled";
  const progress = estimateRunProgress({ ...overview, totalSteps: run.totalSteps, finished });
  const metricKeys = Object.keys(overview.series);
  const keys = groupCurveKeys(metricKeys);
  const panels = preparePanels(metricKeys, searchParams);
  const axisNote = describeRunAxis(overview.axes, chart.x);
  const markers = showEvents ? placeMarkers(overview.events, chart.x) : [];
  const failures = overview.events.filter((e) => e.status === "failed");
  // data-charts-last-step: the newest step the charts hold (bench:runner times it from the commit).
  return (
    <div className="space-y-6" data-charts-last-step={overview.lastStep ?? undefined}>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          {/* The curation's name is read with the page, so a rename shows at once (the overview is cached). */}
          <RunTitle runId={run.id} name={curation?.name ?? run.name} canEdit={curation !== null} />
          <RunStatusBadge status={run.status} />
          <RunSourceBadge provenance={run.provenance} />
          <span className="text-sm text-slate-500">{run.projectName}</span>
        </div>
        <div
          role="progressbar"
          aria-label="Run progress"
          aria-valuemin={0}
          aria-valuemax={run.totalSteps}
          aria-valuenow={overview.stepCount}
          className="h-2 w-full overflow-hidden rounded bg-slate-200"
        >
          <div className="h-full bg-blue-600" style={{ width: `${(progress.fraction * 100).toFixed(1)}%` }} />
        </div>
        <p className="text-sm text-slate-600" data-testid="run-progress">
          step {overview.stepCount} / {run.totalSteps} · elapsed <RunElapsed provenance={run.provenance} /> ·
          ETA {formatDuration(progress.etaMs)}
        </p>
        <RunProvenanceLine provenance={run.provenance} />
        <RunDatasetLine run={run} link={!view.readOnly} />
        {view.readOnly ? null : (
          <RunControls runId={run.id} status={run.status} imported={run.source === "imported"} />
        )}
        {curation ? <RunCurationPanel runId={run.id} status={run.status} curation={curation} /> : null}
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            Live updates failed: {error.message}
          </p>
        ) : null}
      </header>

      <div className="flex flex-wrap items-center gap-4 text-sm">
        <CurveControls
          axis={chart.x}
          smoothing={chart.smooth}
          onAxis={(x) => setChart({ x })}
          onSmoothing={(smooth) => setChart({ smooth })}
          log={chart.log}
          onLog={(log) => setChart({ log })}
          band={chart.band}
          onBand={(band) => setChart({ band })}
        />
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={showEvents} onChange={(e) => setEvents(e.target.checked)} />
          evolution events
        </label>
        <ExportLinks runId={run.id} shareToken={view.shareToken} />
      </div>

      {panels.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">
          No metrics recorded yet: the charts appear with the first committed step.
        </p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {panels.map((panel) => (
            <SuccessChart
              key={panel.id}
              panel={panel}
              series={overview.series}
              allKeys={metricKeys}
              chart={chart}
              positions={overview.axes}
              markers={markers}
              note={axisNote}
              onChoose={(chosen) => choosePanel(panel, chosen)}
            />
          ))}
        </div>
      )}

      <StepValuesTable series={overview.series} keys={[...keys.train, ...keys.test]} />

      <section aria-label="Warnings" className="rounded-lg border border-slate-200 p-4">
        <h2 className="font-medium">Warnings</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {run.statusDetail ? <li>Status: {run.statusDetail}</li> : null}
          {run.error ? <li className="text-red-700">Error: {run.error}</li> : null}
          {run.attempts > 1 ? <li>Attempts: {run.attempts}</li> : null}
          {failures.map((e, i) => (
            <li key={i}>
              step {e.step}: {e.kind} failed{e.error ? ` — ${describeEventError(e.error)}` : ""}
            </li>
          ))}
          {!run.statusDetail && !run.error && run.attempts <= 1 && failures.length === 0 ? (
            <li className="text-slate-500">None.</li>
          ) : null}
        </ul>
      </section>

      <UsagePanel overview={overview} />

      <div className="grid gap-4 lg:grid-cols-2">
        <ProgramCard title="Best program" program={overview.best} base={view.basePath} />
        <ProgramCard title="Newest program" program={overview.newest} base={view.basePath} />
      </div>
      <ConfigTable
        run={{
          config: run.config,
          datasetName: run.datasetName,
          recordedKeys: run.provenance.recordedConfigKeys,
        }}
      />
    </div>
  );
}
