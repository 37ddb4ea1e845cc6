/**
 * Numbers as charts show them: at most four significant digits, so a tooltip reads 0.3333 rather than
 * 0.33333333333333331, and large counts keep their thousands readable (12,350 not 12345.678).
 */
export function formatSignificant(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (value === 0) return "0";
  const abs = Math.abs(value);
  // Very small or very large magnitudes read better in scientific notation than as long runs of zeros.
  if (abs < 1e-4 || abs >= 1e12) return value.toExponential(digits - 1).replace(/\.?0+e/, "e");
  const rounded = Number(value.toPrecision(digits));
  return rounded.toLocaleString("en-US", { maximumSignificantDigits: digits, useGrouping: abs >= 10_000 });
}

/** Axis ticks: the same rule with three digits, short enough for a narrow axis. */
export function formatTick(value: number): string {
  return formatSignificant(value, 3);
}
