/**
 * The run overview on the wire: its series, x-axis positions and evolution markers in columns instead of
 * one object per bucket (a bucket's field names cost more than its numbers), a bucket's commit time and
 * samples once per step rather than once per key, and min/max left out where they equal the value.
 * Values stay exact (no rounding): the page's table shows them to four decimals and tests compare them
 * with the stored rows. decodeOverview restores the shape the components read; mergeOverviewDelta folds a
 * `sinceStep` answer (only what came after that step) into the overview the client holds.
 */
import type { Bucket } from "@/lib/view/charts/downsample";
import { bucketSteps, type AxisPositions } from "@/lib/view/charts/axis-positions";

export interface OverviewEvent {
  step: number;
  kind: "mutation" | "crossover";
  status: "ok" | "failed";
  childId: number | null;
  error: string | null;
}

/** The parts of an overview this codec packs; everything else travels as it is. */
export interface OverviewParts {
  bucketWidth: number;
  sinceStep: number | null;
  series: Record<string, Bucket[]>;
  axes: AxisPositions;
  events: OverviewEvent[];
}

/** One series: its bucket end steps (absent: the shared `points.step`), values, and min/max where they differ. */
interface WireSeries {
  s?: number[];
  l: number[];
  lo?: number[];
  hi?: number[];
}

/** [step, kind (0 mutation, 1 crossover), childId] for a success; with the error appended, a failure. */
type WireEvent = [number, 0 | 1, number | null] | [number, 0 | 1, number | null, string | null];

export type OverviewWire<T extends OverviewParts> = Omit<T, "series" | "events"> & {
  wire: 1;
  /** Every bucket end step of any series, with its commit time (ms) and cumulative samples. */
  points: { step: number[]; time: number[]; samples: number[] };
  series: Record<string, WireSeries>;
  events: WireEvent[];
};

const KINDS = ["mutation", "crossover"] as const;

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function encodeOverview<T extends OverviewParts>(overview: T): OverviewWire<T> {
  const byStep = new Map<number, Bucket>();
  for (const buckets of Object.values(overview.series)) for (const b of buckets) byStep.set(b.step, b);
  const steps = bucketSteps(Object.values(overview.series));
  const series: Record<string, WireSeries> = {};
  for (const [key, buckets] of Object.entries(overview.series)) {
    const s = buckets.map((b) => b.step);
    const l = buckets.map((b) => b.last);
    const lo = buckets.map((b) => b.min);
    const hi = buckets.map((b) => b.max);
    series[key] = {
      ...(sameNumbers(s, steps) ? {} : { s }),
      l,
      ...(sameNumbers(lo, l) ? {} : { lo }),
      ...(sameNumbers(hi, l) ? {} : { hi }),
    };
  }
  return {
    ...overview,
    wire: 1,
    points: {
      step: steps,
      time: steps.map((s) => byStep.get(s)!.time),
      samples: steps.map((s) => byStep.get(s)!.samples),
    },
    series,
    events: overview.events.map((e): WireEvent => {
      const kind = e.kind === "crossover" ? 1 : 0;
      return e.status === "failed" ? [e.step, kind, e.childId, e.error] : [e.step, kind, e.childId];
    }),
  };
}

export function decodeOverview<T extends OverviewParts>(wire: OverviewWire<T>): T {
  const { wire: _version, points, series, events, ...rest } = wire;
  const at = new Map(points.step.map((s, i) => [s, i]));
  const decoded: Record<string, Bucket[]> = {};
  for (const [key, w] of Object.entries(series)) {
    const steps = w.s ?? points.step;
    decoded[key] = steps.map((step, i) => {
      const p = at.get(step) ?? -1;
      return {
        bucket: Math.floor(step / wire.bucketWidth),
        step,
        min: w.lo?.[i] ?? w.l[i]!,
        max: w.hi?.[i] ?? w.l[i]!,
        last: w.l[i]!,
        time: points.time[p] ?? 0,
        samples: points.samples[p] ?? 0,
      };
    });
  }
  return {
    ...(rest as unknown as T),
    series: decoded,
    events: events.map(([step, kind, childId, error]) => ({
      step,
      kind: KINDS[kind],
      status: error === undefined ? "ok" : "failed",
      childId,
      error: error ?? null,
    })),
  };
}

/**
 * What a `sinceStep` request answers, cut from the whole overview (the same version): buckets and x-axis
 * positions of steps after `sinceStep`, and the markers there (a thinned marker sits at its group's last
 * step, so it is after `sinceStep` exactly when the group has an event there, as the database's delta
 * selects it). Lets one read of the whole overview answer every viewer's delta.
 */
export function sliceOverviewAfter<T extends OverviewParts>(whole: T, sinceStep: number): T {
  const series: Record<string, Bucket[]> = {};
  for (const [key, buckets] of Object.entries(whole.series))
    series[key] = buckets.filter((b) => b.step > sinceStep);
  const keep = whole.axes.steps.map((s) => s > sinceStep);
  const pick = <V>(column: V[]) => column.filter((_, i) => keep[i]);
  return {
    ...whole,
    sinceStep,
    series,
    axes: {
      steps: pick(whole.axes.steps),
      samples: pick(whole.axes.samples),
      tokens: pick(whole.axes.tokens),
      seconds: pick(whole.axes.seconds),
    },
    events: whole.events.filter((e) => e.step > sinceStep),
  };
}

/**
 * `held` with a delta folded in (the delta's summary fields replace held ones): a bucket the delta
 * carries replaces the held one of the same index (it was still filling), x-axis positions are kept for
 * the steps the merged series end buckets on, and a success marker of the delta replaces the held one
 * of its bucket and kind. Null when the delta does not fit (another bucket width): refetch whole.
 */
export function mergeOverviewDelta<T extends OverviewParts>(held: T, delta: T): T | null {
  if (delta.sinceStep === null) return delta;
  if (delta.bucketWidth !== held.bucketWidth) return null;
  const width = delta.bucketWidth;
  const series: Record<string, Bucket[]> = {};
  // Held keys stay: a delta's default keys come from the newest metrics line, which may lack a sparse one.
  for (const key of new Set([...Object.keys(held.series), ...Object.keys(delta.series)])) {
    const fresh = delta.series[key] ?? [];
    const replaced = new Set(fresh.map((b) => b.bucket));
    series[key] = [...(held.series[key] ?? []).filter((b) => !replaced.has(b.bucket)), ...fresh].sort(
      (a, b) => a.bucket - b.bucket,
    );
  }
  const steps = bucketSteps(Object.values(series));
  const index = new Map<number, [number | null, number | null, number | null]>();
  for (const axes of [held.axes, delta.axes])
    axes.steps.forEach((s, i) =>
      index.set(s, [axes.samples[i] ?? null, axes.tokens[i] ?? null, axes.seconds[i] ?? null]),
    );
  const kept = steps.filter((s) => index.has(s));
  const axes: AxisPositions = {
    steps: kept,
    samples: kept.map((s) => index.get(s)![0]),
    tokens: kept.map((s) => index.get(s)![1]),
    seconds: kept.map((s) => index.get(s)![2]),
  };
  const thinned = new Set(
    delta.events.filter((e) => e.status === "ok").map((e) => `${Math.floor(e.step / width)}:${e.kind}`),
  );
  const events = [
    ...held.events.filter(
      (e) =>
        e.step <= delta.sinceStep! &&
        (e.status !== "ok" || !thinned.has(`${Math.floor(e.step / width)}:${e.kind}`)),
    ),
    ...delta.events,
  ];
  return { ...delta, sinceStep: null, series, axes, events };
}
