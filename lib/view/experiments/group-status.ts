/**
 * What an experiment's runs are doing, in words, and what a group control did to them: the group page's
 * controls and `espl group NAME --pause|--resume|--cancel` say it the same way.
 */
const ORDER = ["running", "queued", "paused", "completed", "failed", "cancelled"] as const;

export interface GroupStatusSummary {
  text: string;
  /** Runs that have not ended (queued, running or paused). */
  active: number;
  /** Runs a pause applies to (queued or running). */
  pausable: number;
  paused: number;
}

export function describeGroupStatus(statuses: readonly string[]): GroupStatusSummary {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  const parts = ORDER.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`);
  const n = (s: string) => counts.get(s) ?? 0;
  return {
    text: statuses.length === 0 ? "no runs" : parts.join(", "),
    active: n("queued") + n("running") + n("paused"),
    pausable: n("queued") + n("running"),
    paused: n("paused"),
  };
}

const DONE = { pause: "paused", resume: "resumed", cancel: "cancelled" } as const;

/** "paused 4 runs (1 at its next step boundary); 2 left as they were: …". */
export function describeControlOutcome(
  action: keyof typeof DONE | undefined,
  result: { changed: { immediate: boolean }[]; skipped: { reason: string }[] },
): string {
  const verb = action ? DONE[action] : "changed";
  const later = result.changed.filter((c) => !c.immediate).length;
  const runs = (n: number) => `${n} ${n === 1 ? "run" : "runs"}`;
  let text = `${verb} ${runs(result.changed.length)}`;
  if (later > 0) text += ` (${later} at ${later === 1 ? "its" : "their"} next step boundary)`;
  if (result.skipped.length > 0) {
    const reasons = [...new Set(result.skipped.map((s) => s.reason))].join("; ");
    text += `; ${runs(result.skipped.length)} left as ${result.skipped.length === 1 ? "it was" : "they were"}: ${reasons}`;
  }
  return text;
}
