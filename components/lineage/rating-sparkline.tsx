import { prepareSparkline, type SparkPoint } from "@/lib/view/charts/prepare-sparkline";

/** μ (line) and μ ± σ (band) over the steps a program was rated. */
export function RatingSparkline({ points }: { points: readonly SparkPoint[] }) {
  const w = 240;
  const h = 48;
  const s = prepareSparkline(points, w, h, 1);
  if (!s.line) return <p className="text-xs text-slate-500">Never rated.</p>;
  return (
    <figure data-testid="rating-sparkline" className="text-xs text-slate-500">
      <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label="Rating over steps">
        <path d={s.band} fill="var(--color-sky-200)" opacity={0.7} />
        <path d={s.line} fill="none" stroke="var(--color-sky-700)" strokeWidth={1.5} />
      </svg>
      <figcaption>
        μ ± σ, range {s.lo.toFixed(1)} – {s.hi.toFixed(1)}
      </figcaption>
    </figure>
  );
}
