/**
 * What the experiment (group) commands print, with the database or over HTTP alike: the launch's run
 * ids and note, following its runs in turn, the results table in each format, and a group control's
 * line per run. Nothing here touches the database or the network.
 */
import type { ExperimentControlResult } from "@/lib/server/experiments/control-experiment";
import type { ExperimentGroups } from "@/lib/server/read/experiment-groups";
import { describeControlOutcome } from "@/lib/view/experiments/group-status";
import {
  formatResultsCsv,
  formatResultsLatex,
  formatResultsMarkdown,
} from "@/lib/view/experiments/format-results";
import type { GroupFormat } from "@/lib/domain/experiments/group-format";
import { CliError, EXIT } from "./cli-error";
import type { GroupControl } from "./parse-command";

interface PrintIo {
  out(line: string): void;
  note(line: string): void;
  stdout: NodeJS.WritableStream;
}

const WRITERS = { csv: formatResultsCsv, md: formatResultsMarkdown, tex: formatResultsLatex } as const;

/**
 * The launched runs' ids on stdout (one a line), and where its table is on stderr; `what` says what the
 * runs are, `ref` how to name the experiment to `espl group` (its name unless told).
 */
export function printLaunchedGroup(
  io: PrintIo,
  group: { name: string; ref?: string; what?: string },
  runs: readonly { id: string }[],
): void {
  for (const run of runs) io.out(run.id);
  const what = group.what ? ` (${group.what})` : "";
  io.note(
    `queued experiment "${group.name}": ${runs.length} runs${what}; its table: espl group "${group.ref ?? group.name}"`,
  );
}

/** What `espl reproduce` launched, in its note. */
export const describeReproduceRuns = (seeds: string) => `E-SPL, RL only, evolution only × seeds ${seeds}`;

/** Follows a group's runs one after another until each has ended; the worst exit status wins. */
export async function followEachRun(
  io: Pick<PrintIo, "note">,
  runs: readonly { id: string; name: string }[],
  follow: (runId: string) => Promise<number>,
): Promise<number> {
  let exitCode: number = EXIT.ok;
  for (const [index, run] of runs.entries()) {
    io.note(`following run ${index + 1}/${runs.length}: ${run.name}`);
    const code = await follow(run.id);
    if (code === EXIT.interrupted) return code;
    if (code !== EXIT.ok) exitCode = code;
  }
  return exitCode;
}

export function printGroupResults(io: PrintIo, read: ExperimentGroups, format: GroupFormat): number {
  if (format === "json") io.stdout.write(`${JSON.stringify(read, null, 2)}\n`);
  else io.stdout.write(WRITERS[format](read.table));
  if (read.table.runs.length === 0) io.note(`experiment "${read.experiment.name}" has no runs`);
  return EXIT.ok;
}

/** One line per run: what the control did to it, or why it left it as it was; refused when none changed. */
export function printGroupControl(
  io: PrintIo,
  name: string,
  action: GroupControl,
  result: Pick<ExperimentControlResult, "changed" | "skipped">,
): number {
  for (const changed of result.changed) io.out(`${changed.runId} ${changed.status}`);
  for (const skipped of result.skipped) io.out(`${skipped.runId} unchanged: ${skipped.reason}`);
  const summary = `experiment "${name}": ${describeControlOutcome(action, result)}`;
  if (result.changed.length === 0) throw new CliError(summary);
  io.note(summary);
  return EXIT.ok;
}
