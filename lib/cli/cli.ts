/**
 * The CLI as a function: arguments in, exit code out, every failure a single line on stderr. The entry
 * (lib/cli/espl.ts) supplies the process's streams, environment and Ctrl-C signal.
 */
import type { EnvVars } from "@/lib/server/db/resolve-database";
import type { CliDatabase } from "./cli-database";
import type { CliContext } from "./cli-context";
import { describeError, EXIT } from "./cli-error";
import { parseCommand, type Command } from "./parse-command";
import { COMMAND_USAGE, MAIN_USAGE } from "./usage";

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: EnvVars;
  signal: AbortSignal;
  /** The repository: where the embedded database's data and the migrations are. */
  repoRoot: string;
  /** Where `espl login` reads a token that is not given as --token. */
  stdin?: NodeJS.ReadableStream;
}

/**
 * Commands are loaded when chosen: the database client, the queue and the engine take seconds to load,
 * which `--help` and a mistyped option should not wait for.
 */
async function dispatch(ctx: CliContext, command: Exclude<Command, { kind: "help" }>): Promise<number> {
  switch (command.kind) {
    case "run":
      return (await import("./commands/run-command")).runRunCommand(ctx, command);
    case "status":
      return (await import("./commands/status-command")).runStatusCommand(ctx, command.run);
    case "wait":
      return (await import("./commands/wait-command")).runWaitCommand(ctx, command.run);
    case "pause":
      return (await import("./commands/control-commands")).runPauseCommand(ctx, command.run);
    case "resume":
      return (await import("./commands/control-commands")).runResumeCommand(ctx, command.run, command.wait);
    case "cancel":
      return (await import("./commands/control-commands")).runCancelCommand(ctx, command.run, command.hard);
    case "export":
      return (await import("./commands/export-command")).runExportCommand(ctx, command);
    case "export-evaluation":
      return (await import("./commands/export-command")).runEvaluationExportCommand(ctx, command);
    case "import":
      return (await import("./commands/import-command")).runImportCommand(ctx, command);
    case "backend-check":
      return (await import("./commands/backend-command")).runBackendCheckCommand(ctx, command.name);
    case "group":
      return (await import("./commands/group-command")).runGroupCommand(ctx, command);
    case "group-control":
      return (await import("./commands/group-command")).runGroupControlCommand(ctx, command);
    case "reproduce":
      return (await import("./commands/reproduce-command")).runReproduceCommand(ctx, command);
    case "eval":
      return (await import("./commands/eval-command")).runEvalCommand(ctx, command);
  }
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (error: unknown) => {
    const { line, exitCode } = describeError(error);
    io.stderr.write(`espl: ${line}\n`);
    return exitCode;
  };
  if (argv[0] === "login" || argv[0] === "logout") {
    try {
      const { runLoginCommand } = await import("./remote/login-command");
      const out = (line: string) => io.stdout.write(`${line}\n`);
      return await runLoginCommand(argv, { ...io, stdin: io.stdin ?? process.stdin, out });
    } catch (error) {
      return fail(error);
    }
  }
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    return fail(error);
  }
  if (command.kind === "help") {
    io.stdout.write(command.topic ? COMMAND_USAGE[command.topic] : MAIN_USAGE);
    return EXIT.ok;
  }
  const note = (line: string) => io.stderr.write(`espl: ${line}\n`);
  const out = (line: string) => io.stdout.write(`${line}\n`);
  let db: CliDatabase | null = null;
  try {
    // A server to talk to (espl login, or ESPL_URL + ESPL_TOKEN): over HTTP, never the database.
    const { readRemote } = await import("./remote/cli-config");
    const remote = await readRemote(io.env);
    if (remote) {
      const { ApiClient } = await import("./remote/api-client");
      const { dispatchRemote } = await import("./remote/remote-commands");
      const client = new ApiClient(remote, io.signal);
      return await dispatchRemote(
        { client, out, note, stdout: io.stdout, signal: io.signal, env: io.env },
        command,
      );
    }
    const { openDatabase } = await import("./cli-database");
    db = await openDatabase({ env: io.env, repoRoot: io.repoRoot, note });
    const ctx: CliContext = {
      db,
      out,
      note,
      stdout: io.stdout,
      signal: io.signal,
      env: io.env,
    };
    return await dispatch(ctx, command);
  } catch (error) {
    return fail(error);
  } finally {
    await db?.close();
  }
}
