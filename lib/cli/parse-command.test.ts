import { describe, expect, test } from "vitest";
import { CliError } from "./cli-error";
import { parseCommand } from "./parse-command";
import { COMMAND_USAGE, COMMANDS } from "./usage";

function refusal(argv: string[]): CliError {
  try {
    parseCommand(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error(`parseCommand(${JSON.stringify(argv)}) did not refuse`);
}

describe("parseCommand", () => {
  test("help, in every spelling", () => {
    expect(parseCommand([])).toEqual({ kind: "help" });
    expect(parseCommand(["--help"])).toEqual({ kind: "help" });
    expect(parseCommand(["-h"])).toEqual({ kind: "help" });
    expect(parseCommand(["help"])).toEqual({ kind: "help" });
    expect(parseCommand(["help", "export"])).toEqual({ kind: "help", topic: "export" });
    for (const command of COMMANDS) {
      expect(parseCommand([command, "--help"])).toEqual({ kind: "help", topic: command });
      expect(COMMAND_USAGE[command]).toMatch(new RegExp(`^Usage: espl ${command}`));
    }
    // --help wins over what else is wrong with the line, so a user can always get the usage.
    expect(parseCommand(["export", "-h"])).toEqual({ kind: "help", topic: "export" });
  });

  test("run with every option", () => {
    expect(
      parseCommand([
        "run",
        "--preset",
        "espl-lucb",
        "--config",
        "c.json",
        "--set",
        "batch_size=4",
        "--set=train_mode=rl",
        "--set",
        "base_url=None",
        "--backend",
        "mine",
        "--seed",
        "12",
        "--name",
        "first try",
        "--tag",
        "a",
        "--tag",
        "b",
        "--wait",
      ]),
    ).toEqual({
      kind: "run",
      preset: "espl-lucb",
      configFile: "c.json",
      setOverrides: { batch_size: 4, train_mode: "rl", base_url: null },
      backend: "mine",
      seed: 12,
      name: "first try",
      tags: ["a", "b"],
      wait: true,
    });
  });

  test("run defaults", () => {
    expect(parseCommand(["run"])).toEqual({
      kind: "run",
      preset: undefined,
      configFile: undefined,
      setOverrides: {},
      backend: "sim",
      seed: undefined,
      name: undefined,
      tags: [],
      wait: false,
    });
  });

  test("import takes a PATH and an optional --name", () => {
    expect(parseCommand(["import", "runs/a", "--name", "A"])).toEqual({
      kind: "import",
      path: "runs/a",
      name: "A",
    });
    expect(parseCommand(["import", "runs/a"])).toEqual({ kind: "import", path: "runs/a", name: undefined });
    expect(refusal(["import"]).message).toMatch(/^PATH is missing/);
    expect(refusal(["import", "a", "--name", " "]).message).toMatch(/--name must not be empty/);
    expect(refusal(["import", "a", "b"]).message).toMatch(/unexpected argument 'b'/);
  });

  test("the other commands", () => {
    expect(parseCommand(["status"])).toEqual({ kind: "status", run: undefined });
    expect(parseCommand(["status", "abcd"])).toEqual({ kind: "status", run: "abcd" });
    expect(parseCommand(["wait", "abcd"])).toEqual({ kind: "wait", run: "abcd" });
    expect(parseCommand(["pause", "abcd"])).toEqual({ kind: "pause", run: "abcd" });
    expect(parseCommand(["resume", "abcd"])).toEqual({ kind: "resume", run: "abcd", wait: false });
    expect(parseCommand(["resume", "--wait", "abcd"])).toEqual({ kind: "resume", run: "abcd", wait: true });
    expect(parseCommand(["cancel", "abcd"])).toEqual({ kind: "cancel", run: "abcd", hard: false });
    expect(parseCommand(["cancel", "abcd", "--hard"])).toEqual({ kind: "cancel", run: "abcd", hard: true });
    expect(parseCommand(["export", "abcd", "--format", "csv"])).toEqual({
      kind: "export",
      run: "abcd",
      format: "csv",
      out: undefined,
    });
    expect(parseCommand(["export", "abcd", "-f", "jsonl", "-o", "x.jsonl"])).toEqual({
      kind: "export",
      run: "abcd",
      format: "jsonl",
      out: "x.jsonl",
    });
    expect(parseCommand(["export", "abcd", "--evaluation", "e1", "-f", "csv", "-o", "g.csv"])).toEqual({
      kind: "export-evaluation",
      run: "abcd",
      evaluation: "e1",
      format: "csv",
      out: "g.csv",
    });
  });

  test.each([
    [["frobnicate"], 'unknown command "frobnicate" (see espl --help)'],
    [["--verbose"], "unknown option '--verbose' (see espl --help)"],
    [["help", "nope"], 'unknown command "nope" (see espl --help)'],
    [["run", "--bogus"], "unknown option '--bogus' (see espl run --help)"],
    [["run", "--seed"], "option '--seed <value>' argument missing (see espl run --help)"],
    [["run", "--wait=yes"], "option '--wait' does not take an argument (see espl run --help)"],
    [["run", "extra"], "unexpected argument 'extra' (see espl run --help)"],
    [["run", "--seed", "-1"], "option '--seed' argument is ambiguous (see espl run --help)"],
    [
      ["run", "--seed", "1.5"],
      '--seed must be an integer from 0 to 2147483647, got "1.5" (see espl run --help)',
    ],
    [["run", "--seed", "2147483648"], /--seed must be an integer/],
    [["run", "--preset", "fast"], /unknown preset "fast"; presets: espl-lucb, espl-mutation, evolution, rl/],
    [["run", "--set", "batch_size"], '--set expects KEY=VALUE, got "batch_size" (see espl run --help)'],
    [["run", "--name", " "], /--name must not be empty/],
    [["status", "a", "b"], "unexpected argument 'b' (see espl status --help)"],
    [["pause"], "RUN is missing (see espl pause --help)"],
    [["cancel", "abcd", "--force"], "unknown option '--force' (see espl cancel --help)"],
    [["export", "abcd"], "--format is required: json, jsonl, csv (see espl export --help)"],
    [["export", "abcd", "--format", "xml"], /unknown format "xml"; formats: json, jsonl, csv/],
    [["export", "abcd", "--evaluation", "e1"], "--format is required: json, csv (see espl export --help)"],
    [
      ["export", "abcd", "--evaluation", "e1", "-f", "jsonl"],
      /unknown evaluation format "jsonl"; formats: json, csv/,
    ],
    [["export", "abcd", "--evaluation", " ", "-f", "csv"], /--evaluation must not be empty/],
  ])("%j is refused: %s", (argv, message) => {
    const error = refusal(argv);
    expect(error.exitCode).toBe(2);
    if (typeof message === "string") expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/\n/);
  });

  test("bad --set keys and values are refused together, each naming its key", () => {
    const error = refusal(["run", "--set", "batch_sise=4", "--set", "n_epochs=two", "--set", "top_p=2"]);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^invalid config: /);
    expect(error.message).toContain("batch_sise: unknown configuration key");
    expect(error.message).toContain('n_epochs: expected an integer, got "two"');
    expect(error.message).toContain("top_p:");
  });
});

test("backend check NAME, and what is wrong with other forms", () => {
  expect(parseCommand(["backend", "check", "gpu"])).toEqual({ kind: "backend-check", name: "gpu" });
  expect(() => parseCommand(["backend", "test", "gpu"])).toThrow(/unknown backend action "test"/);
  expect(() => parseCommand(["backend", "check"])).toThrow(/check NAME is missing/);
});

test("run --seeds/--sweep launch an experiment named by --name", () => {
  expect(
    parseCommand([
      "run",
      "--seeds",
      "1-3",
      "--sweep",
      "crossover_prob=0,0.5",
      "--sweep=batch_size=2,4",
      "--name",
      "EXP",
    ]),
  ).toMatchObject({
    kind: "run",
    name: "EXP",
    seeds: "1-3",
    sweep: ["crossover_prob=0,0.5", "batch_size=2,4"],
  });
  expect(parseCommand(["run"])).not.toHaveProperty("seeds");
  expect(refusal(["run", "--seeds", "1,2"]).message).toMatch(/name it with --name/);
  expect(refusal(["run", "--sweep", "crossover_prob=0,1"]).message).toMatch(/name it with --name/);
  expect(refusal(["run", "--seed", "1", "--seeds", "1,2", "--name", "E"]).message).toMatch(
    /--seed or --seeds/,
  );
});

test("group NAME with a format and a grouping", () => {
  expect(parseCommand(["group", "EXP"])).toEqual({ kind: "group", name: "EXP", format: "md" });
  expect(parseCommand(["group", "EXP", "-f", "tex", "--by", "crossover_prob"])).toEqual({
    kind: "group",
    name: "EXP",
    format: "tex",
    by: "crossover_prob",
  });
  expect(refusal(["group", "EXP", "--format", "xls"]).message).toMatch(/unknown format "xls"/);
  expect(refusal(["group"]).message).toMatch(/NAME is missing/);
});

test("group NAME --pause|--resume|--cancel: one control, no table options", () => {
  expect(parseCommand(["group", "EXP", "--pause"])).toEqual({
    kind: "group-control",
    name: "EXP",
    action: "pause",
  });
  expect(parseCommand(["group", "EXP", "--cancel"])).toMatchObject({ action: "cancel" });
  expect(refusal(["group", "EXP", "--pause", "--cancel"]).message).toMatch(/give one of --pause/);
  expect(refusal(["group", "EXP", "--resume", "-f", "csv"]).message).toMatch(/prints no table/);
});

test("reproduce: defaults, and every option read", () => {
  expect(parseCommand(["reproduce"])).toEqual({
    kind: "reproduce",
    backend: "sim",
    seeds: "1-3",
    setOverrides: {},
    wait: false,
    format: "md",
  });
  expect(
    parseCommand([
      "reproduce",
      "--backend",
      "gpt",
      "--dataset",
      "gsm8k",
      "--seeds",
      "1,2",
      "--name",
      "R",
      "--set",
      "batch_size=2",
      "--wait",
      "-f",
      "csv",
    ]),
  ).toEqual({
    kind: "reproduce",
    backend: "gpt",
    dataset: "gsm8k",
    seeds: "1,2",
    name: "R",
    setOverrides: { batch_size: 2 },
    wait: true,
    format: "csv",
  });
  expect(refusal(["reproduce", "--set", "batch_size"]).message).toMatch(/KEY=VALUE/);
  expect(refusal(["reproduce", "-f", "xls"]).message).toMatch(/unknown format "xls"/);
  expect(refusal(["reproduce", "extra"]).message).toMatch(/unexpected argument 'extra'/);
});
