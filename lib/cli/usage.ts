/** The help texts: `espl --help` and `espl <command> --help`. */
import { EXPORT_FORMATS } from "@/lib/export/export-formats";
import { PRESETS } from "@/lib/runs/presets";

export const COMMANDS = ["run", "status", "wait", "pause", "resume", "cancel", "export", "import"] as const;

export type CommandName = (typeof COMMANDS)[number];

export function isCommandName(value: string): value is CommandName {
  return (COMMANDS as readonly string[]).includes(value);
}

const presetLines = PRESETS.map((p) => `                       ${p.id.padEnd(14)} ${p.label}`).join("\n");

const RUN_REF = "RUN is a run id, or a unique prefix of one (at least 4 characters).";

export const MAIN_USAGE = `espl: launch, follow, control and export E-SPL runs

Usage: espl <command> [options]

Commands:
  run       create a run in the default project and queue it (--wait follows it)
  status    one run in detail, or the newest 20
  wait      follow a run until it ends
  pause     pause a run at its next step boundary
  resume    queue a paused run again
  cancel    cancel a run (--hard aborts in-flight model calls)
  export    write a run as json, jsonl or csv
  import    import an experiment folder written by the reference script (read-only run)

Run "espl <command> --help" for a command's options.

Database: DATABASE_URL, or the embedded PostgreSQL of "npm start" (started here if it is not running,
and stopped again on exit). Settings are read from the repository's .env, like "npm start".

Exit status: 0 success; 1 the run failed or was cancelled, or an error; 2 the request was refused (bad
option, bad config, unknown run, a control that does not apply); 130 interrupted.
`;

export const COMMAND_USAGE: Record<CommandName, string> = {
  run: `Usage: espl run [options]

Creates a run in the default project, queues it for a worker and prints its id.

Options:
  --preset NAME        start from a preset instead of the engine defaults:
${presetLines}
  --config FILE        a JSON object of config keys (or a run exported with "espl export --format json")
  --set KEY=VALUE      one config key; repeatable; wins over --preset and --config
  --backend NAME       policy backend: "sim" (the simulator, default) or a model backend's name
  --seed N             the run's seed (default: config.seed if given, else random)
  --name NAME          the run's name
  --tag TAG            a tag; repeatable
  --wait               follow the run, one line per step, until it ends; exit 0 only if it completes.
                       When no worker takes the run up within a few seconds (no "npm start"),
                       it executes in this process; Ctrl-C then pauses it at its last step.
                       ESPL_WORKER_PICKUP_MS sets that wait (default 5000).
  -h, --help           this help

Config keys are the reference's (batch_size, group_size, n_epochs, train_mode, …); each is checked
and a bad one is named.

Example:
  espl run --preset espl-lucb --set dataset_size=8 --set batch_size=4 --set n_epochs=1 --wait
`,
  status: `Usage: espl status [RUN]

Without RUN: the newest 20 runs. With RUN: its status, progress, best results and error.
${RUN_REF}
`,
  wait: `Usage: espl wait RUN

Follows a run, one line per committed step, until it completes (exit 0), fails or is cancelled
(exit 1). Executes it in this process when no worker takes it up.
${RUN_REF}
`,
  pause: `Usage: espl pause RUN

Pauses a run: at once when queued, at its next step boundary when running.
${RUN_REF}
`,
  resume: `Usage: espl resume RUN [--wait]

Queues a paused run again; with --wait, follows it as "espl run --wait" does.
${RUN_REF}
`,
  cancel: `Usage: espl cancel RUN [--hard]

Cancels a run, keeping every committed step. A running run stops at its next step boundary; with
--hard its in-flight model calls are aborted.
${RUN_REF}
`,
  export: `Usage: espl export RUN -f|--format ${EXPORT_FORMATS.join("|")} [-o|--out FILE]

Writes a run, streamed (any size), to stdout or FILE:
  json    the whole run: summary, config, steps with metrics, programs with principles, parents and
          rating history, evolution events with their LLM calls
  jsonl   one rollout per line (step, split, slot, program, problem, sample, reward, advantage,
          extracted answer, completion)
  csv     per-step metrics, one column per metric
A running run is exported as of the steps committed when the export starts.
${RUN_REF}
`,
  import: `Usage: espl import PATH [--name NAME]

Imports a run of the authors' reference script into the default project as a read-only run. PATH is
the folder the script ran in (holding data/<domain>/train/<experiment>/ and tinker-examples/<experiment>/)
or the experiment folder itself, or a .tar.gz or .zip of either (links, paths leaving the folder and oversized
entries are refused before anything is unpacked). Importing the same experiment again adds only the steps not stored yet.
Damaged files (a truncated line, bad JSON, unexpected keys) are listed and skipped; the rest is imported.
Prints the run id, what was stored and the problems found. Exit 2 when PATH holds no experiment.

Options:
  --name NAME          the run's name when it is created (default: the experiment name)
  -h, --help           this help
`,
};
