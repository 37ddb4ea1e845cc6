/**
 * A rating sparkline as SVG paths: μ as a step line and μ ± kσ as a band, scaled into a width × height
 * box (y grows downwards). Starts from the prior (μ/σ before the first update) so a program rated once
 * still draws a segment.
 */
export interface SparkPoint {
  step: number;
  muBefore: number;
  sigmaBefore: number;
  mu: number;
  sigma: number;
}

export interface Sparkline {
  line: string;
  band: string;
  lo: number;
  hi: number;
}

export function prepareSparkline(
  points: readonly SparkPoint[],
  width: number,
  height: number,
  k = 1,
): Sparkline {
  if (points.length === 0) return { line: "", band: "", lo: 0, hi: 0 };
  const first = points[0]!;
  const series = [
    { step: first.step - 1, mu: first.muBefore, sigma: first.sigmaBefore },
    ...points.map((p) => ({ step: p.step, mu: p.mu, sigma: p.sigma })),
  ];
  const lo = Math.min(...series.map((p) => p.mu - k * p.sigma));
  const hi = Math.max(...series.map((p) => p.mu + k * p.sigma));
  const x0 = series[0]!.step;
  const x1 = series.at(-1)!.step;
  const sx = (s: number) => (x1 > x0 ? ((s - x0) / (x1 - x0)) * width : width / 2);
  const sy = (v: number) => (hi > lo ? height - ((v - lo) / (hi - lo)) * height : height / 2);
  const f = (n: number) => Number(n.toFixed(2));
  // Step shape: a rating holds until the next update.
  const stepPath = (value: (p: (typeof series)[number]) => number, list: typeof series) =>
    list
      .map((p, i) =>
        i === 0 ? `M${f(sx(p.step))},${f(sy(value(p)))}` : `H${f(sx(p.step))}V${f(sy(value(p)))}`,
      )
      .join("");
  const upper = stepPath((p) => p.mu + k * p.sigma, series);
  const reversed = [...series].reverse();
  const lower = reversed
    .map((p, i) => {
      const prev = reversed[i - 1];
      return i === 0
        ? `L${f(sx(p.step))},${f(sy(p.mu - k * p.sigma))}`
        : `V${f(sy(prev!.mu - k * prev!.sigma))}H${f(sx(p.step))}V${f(sy(p.mu - k * p.sigma))}`;
    })
    .join("");
  return { line: stepPath((p) => p.mu, series), band: `${upper}${lower}Z`, lo, hi };
}
