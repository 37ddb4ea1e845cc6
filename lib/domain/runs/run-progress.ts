/** Elapsed time and ETA of a run from its step commit times (pure, so the page and tests agree). */
export interface RunProgress {
  fraction: number;
  elapsedMs: number | null;
  etaMs: number | null;
}

export function estimateRunProgress(input: {
  stepCount: number;
  totalSteps: number;
  firstStartedAt: string | null;
  lastCommittedAt: string | null;
  finished: boolean;
}): RunProgress {
  const fraction = input.totalSteps > 0 ? Math.min(1, input.stepCount / input.totalSteps) : 0;
  if (!input.firstStartedAt || !input.lastCommittedAt || input.stepCount === 0)
    return { fraction, elapsedMs: null, etaMs: null };
  const elapsedMs = Date.parse(input.lastCommittedAt) - Date.parse(input.firstStartedAt);
  const remaining = Math.max(0, input.totalSteps - input.stepCount);
  // Mean time per committed step so far; a finished run has no ETA.
  const etaMs = input.finished ? null : (elapsedMs / input.stepCount) * remaining;
  return { fraction, elapsedMs, etaMs };
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${s % 60}s` : `${s}s`;
}
