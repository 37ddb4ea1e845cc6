/** The help texts: `espl --help` and `espl <command> --help`. */
import { EXPORT_FORMATS } from "@/lib/domain/export-formats";
import { EVALUATION_EXPORT_FORMATS } from "@/lib/domain/evaluations/evaluation-export";
import { PRESETS } from "@/lib/domain/runs/presets";
import { EVAL_USAGE } from "./eval-options";

export const COMMANDS = [
  "run",
  "status",
  "wait",
  "pause",
  "resume",
  "cancel",
  "export",
  "import",
  "backend",
  "group",
  "eval",
  "reproduce",
] as const;

export type CommandName = (typeof COMMANDS)[number];

export function isCommandName(value: string): value is CommandName {
  return (COMMANDS as readonly string[]).includes(value);
}

const presetLines = PRESETS.map((p) => `                       ${p.id.padEnd(14)} ${p.label}`).join("\n");

/** What works over HTTP (espl login), in the main help and the login help. */
export const REMOTE_SUMMARY = `run (--seeds and --sweep too), status, wait,
pause, resume, cancel, export (--evaluation too), import (a folder is sent as a .tar.gz), eval, group
(--pause, --resume and --cancel too), reproduce and "backend check NAME" (editor) work alike;
--backend NAME is one of the token's project's saved backends.`;

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
  backend   "backend check NAME": test a model backend's connection and say what it found
  group     an experiment's results table (mean ± 95% t-interval per group) as json, csv, md or tex;
            --pause, --resume or --cancel controls all of its runs at once
  reproduce launch the paper's comparison (E-SPL, RL only, evolution only × seeds) as one experiment
  eval      evaluate checkpoints × programs of a run (the grid; --wait follows it)

Run "espl <command> --help" for a command's options.

Over HTTP: "espl login URL" (or ESPL_URL and ESPL_TOKEN) sends the commands to a server's /api/v1
with an API token and its role, in the token's project: ${REMOTE_SUMMARY}
"espl logout" and "espl login --help" say more.

Database: DATABASE_URL, or the embedded PostgreSQL of "npm start" (started here if it is not running,
and stopped again on exit). Settings are read from the repository's .env, like "npm start".

Exit status: 0 success; 1 the run failed or was cancelled, or an error; 2 the request was refused (bad
option, bad config, unknown run, a control that does not apply); 130 interrupted.
`;

export const COMMAND_USAGE: Record<CommandName, string> = {
  eval: EVAL_USAGE,
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
  --seeds LIST         launch an experiment named by --name: one run per seed, e.g. 1,2,3 or 1-5,8
  --sweep KEY=V1,V2    an experiment over a config key's values; repeatable (the grid is the cross
                       product of every sweep and the seeds)
  --wait               follow the run, one line per step, until it ends; exit 0 only if it completes.
                       When no worker takes the run up within a few seconds (no "npm start"),
                       it executes in this process; Ctrl-C then pauses it at its last step.
                       ESPL_WORKER_PICKUP_MS sets that wait (default 5000).
  -h, --help           this help

Config keys are the reference's (batch_size, group_size, n_epochs, train_mode, …); each is checked
and a bad one is named.

Examples:
  espl run --preset espl-lucb --set dataset_size=8 --set batch_size=4 --set n_epochs=1 --wait
  espl run --preset espl-lucb --seeds 1,2,3 --sweep crossover_prob=0,0.5 --name EXP --wait
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
       espl export RUN --evaluation ID -f|--format ${EVALUATION_EXPORT_FORMATS.join("|")} [-o|--out FILE]

Writes a run, streamed (any size), to stdout or FILE:
  json    the whole run: summary, config, steps with metrics, programs with principles, parents and
          rating history, evolution events with their LLM calls
  jsonl   one rollout per line (step, split, slot, program, problem, sample, reward, advantage,
          extracted answer, completion)
  csv     per-step metrics, one column per metric
A running run is exported as of the steps committed when the export starts.
With --evaluation, writes that evaluation of the run instead: one row per cell (checkpoint, program,
status, n, every Pass@k, mean reward, 95% CI low and high), as json or csv.
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
  backend: `Usage: espl backend check NAME

Tests the connection of the default project's model backend NAME as the settings page's "Test
connection" does, and prints what it found: capabilities and models, and for a Tinker-compatible
trainer the handshake, the auth mode, the wire format, how futures are polled and one tiny sample from
the base model. Nothing is stored. Exit 0 when it connected, 1 when it did not, 2 for an unknown NAME.
Over HTTP (espl login) it checks the token's project's backend NAME on the server (editor or owner).

Options:
  -h, --help           this help
`,
  group: `Usage: espl group NAME [-f|--format json|csv|md|tex] [--by KEY]
       espl group NAME --pause|--resume|--cancel

Prints the results table of the default project's experiment NAME (or its id): per group of runs, the
final and best test Pass@k for every k logged, as the mean ± the 95% Student-t interval over runs
(n − 1 degrees of freedom), with n. json also carries each run's values, the paired differences
between groups (matched by seed) and the aggregate curves: per step, mean, lower, upper and n.

Options:
  -f, --format F       md (default), csv, tex or json
  --by KEY             how runs are grouped: "settings" (default: the config keys that differ between
                       the runs), "experiment" (one group), or any config key
  --pause              pause every queued or running run of the experiment
  --resume             queue every paused run of the experiment again
  --cancel             cancel every unfinished run of the experiment (committed steps are kept)
  -h, --help           this help

A control prints one line per run it changed and one per run it left as it was (a finished run cannot
be paused); it exits 0 when it changed at least one run, 2 when it applied to none.
`,
  reproduce: `Usage: espl reproduce [--backend NAME] [--dataset NAME] [--seeds LIST] [--name NAME] [--wait]

Launches the paper's comparison as one experiment in the default project: E-SPL (train_mode
evolution_rl), RL only (rl) and evolution only (evolution), each from the espl-lucb preset, once per
seed, on the same backend and dataset. Prints the runs' ids; with --wait, follows every run and then
prints the results table (mean ± 95% t-interval per mode, paired differences by seed).

Options:
  --backend NAME       policy backend: "sim" (the simulator, default) or a model backend's name
  --dataset NAME       a dataset of the default project (default: the built-in simulator suite)
  --seeds LIST         the seeds each mode runs, e.g. 1-3 (default) or 1,2,7
  --name NAME          the experiment's name (default: "Reproduce the paper · DATASET · BACKEND")
  --set KEY=VALUE      one config key under every run's; repeatable (e.g. a smaller dataset_size)
  --wait               follow the runs until each has ended, then print the results table
  -f, --format F       the table's format after --wait: md (default), csv, tex or json
  -h, --help           this help

Example:
  espl reproduce --backend sim --seeds 1-3 --wait
`,
};
