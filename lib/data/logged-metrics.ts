/** The reference's metrics line of a step: under `logged` for native runs, top level for imported ones. */
export function readLoggedMetrics(metrics: unknown): Record<string, unknown> {
  if (typeof metrics !== "object" || metrics === null) return {};
  const logged = (metrics as { logged?: unknown }).logged;
  return (typeof logged === "object" && logged !== null ? logged : metrics) as Record<string, unknown>;
}
