/** How the CLI shows runs: pure functions from rows to lines, unit-tested. */
import type { RunControl, RunStatus } from "@/lib/generated/prisma/enums";
import type { RunDetail } from "@/lib/domain/runs/run-detail";

const fixed = (value: number | null, digits: number) => (value === null ? "–" : value.toFixed(digits));

/** UTC to the minute: the same on every machine, short enough for a table. Takes a Date or an ISO string. */
export function formatTime(date: Date | string | null): string {
  if (date === null) return "–";
  return `${new Date(date).toISOString().slice(0, 16).replace("T", " ")}Z`;
}

export function formatProgress(currentStep: number, totalSteps: number): string {
  if (totalSteps <= 0) return `${currentStep} steps`;
  const percent = Math.floor((100 * Math.min(currentStep, totalSteps)) / totalSteps);
  return `${currentStep}/${totalSteps} steps (${percent}%)`;
}

const PENDING: Record<RunControl, string> = {
  none: "",
  pause: "pause requested",
  cancel: "cancel requested",
  hard_cancel: "hard cancel requested",
};

export function formatStatus(run: { status: RunStatus; control: RunControl; statusDetail: string | null }) {
  const notes = [PENDING[run.control], run.statusDetail ?? ""].filter(Boolean);
  return notes.length > 0 ? `${run.status} (${notes.join("; ")})` : run.status;
}

export function formatRunDetail(run: RunDetail): string[] {
  const best =
    run.bestConservative === null
      ? "–"
      : `${fixed(run.bestConservative, 3)} (program ${run.bestProgramId ?? "?"})`;
  const rows: [string, string][] = [
    ["run", run.id],
    ["name", run.name],
    ["project", run.projectSlug],
    ["status", formatStatus(run)],
    ["progress", formatProgress(run.currentStep, run.totalSteps)],
    ["best Pass@1", `${fixed(run.bestTestPass1, 3)} (test)`],
    ["best μ−3σ", best],
    ["mode", `${run.trainMode}, seed ${run.seed}`],
    ["tags", run.tags.length > 0 ? run.tags.join(", ") : "–"],
    ["dataset", run.datasetName ?? "built-in simulator suite"],
    ["backend", run.backendName ?? "sim"],
    ["created", formatTime(run.createdAt)],
    ["started", formatTime(run.startedAt)],
    ["finished", formatTime(run.finishedAt)],
  ];
  if (run.error !== null) rows.push(["error", run.error.split("\n")[0]!]);
  return rows.map(([label, value]) => `${label.padEnd(12)}${value}`);
}

export type RunListRow = Pick<
  RunDetail,
  "id" | "name" | "status" | "control" | "statusDetail" | "currentStep" | "totalSteps" | "bestTestPass1"
> & { createdAt: Date | string };

export function formatRunList(runs: readonly RunListRow[]): string[] {
  if (runs.length === 0) return ["no runs yet (espl run --help)"];
  const table = runs.map((r) => [
    r.id,
    r.status,
    r.totalSteps > 0 ? `${r.currentStep}/${r.totalSteps}` : String(r.currentStep),
    fixed(r.bestTestPass1, 3),
    formatTime(r.createdAt),
    r.name,
  ]);
  const header = ["ID", "STATUS", "STEPS", "PASS@1", "CREATED", "NAME"];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  // The last column (the name) is not padded, so lines carry no trailing spaces.
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ");
  return [line(header), ...table.map(line)];
}

/** The follower's last line: how the run ended. */
export function formatRunEnd(run: {
  status: RunStatus;
  currentStep: number;
  bestTestPass1: number | null;
  error: string | null;
}): string {
  switch (run.status) {
    case "completed":
      return `completed: ${run.currentStep} steps, best test Pass@1 ${fixed(run.bestTestPass1, 3)}`;
    case "failed":
      return `failed after ${run.currentStep} steps: ${(run.error ?? "no message").split("\n")[0]}`;
    case "cancelled":
      return `cancelled after ${run.currentStep} steps`;
    default:
      return run.status;
  }
}
