import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { getDefaultConfig } from "@/lib/espl/config";
import { CliError } from "./cli-error";
import { buildConfigOverrides, parseConfigFile, parseSetOverrides, readConfigFile } from "./run-config";

const dir = mkdtempSync(join(tmpdir(), "espl-run-config-"));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function refusal(fn: () => unknown): CliError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error("not refused");
}

describe("run config", () => {
  test("--set values are typed by their key, only the keys given are kept", () => {
    expect(
      parseSetOverrides(["batch_size=1_000", "crossover_prob=.5", "base_url=None", "domain=x=y"]),
    ).toEqual({
      batch_size: 1000,
      crossover_prob: 0.5,
      base_url: null,
      domain: "x=y",
    });
    expect(parseSetOverrides([])).toEqual({});
  });

  test("a bad --set names the key; a key given twice is refused", () => {
    expect(refusal(() => parseSetOverrides(["lr=1"])).message).toBe(
      "invalid config: lr: unknown configuration key",
    );
    expect(refusal(() => parseSetOverrides(["seed=1", "seed=2"])).message).toMatch(
      /seed: given more than once/,
    );
  });

  test("a config file, then --set over it", () => {
    const path = write("c.json", JSON.stringify({ batch_size: 3, n_epochs: 2 }));
    expect(buildConfigOverrides(path, { n_epochs: 5 })).toEqual({ batch_size: 3, n_epochs: 5 });
    expect(buildConfigOverrides(undefined, { n_epochs: 5 })).toEqual({ n_epochs: 5 });
  });

  test("a run exported as JSON gives its config, seed included, to replay it", () => {
    const config = { ...getDefaultConfig(), seed: 77 };
    expect(
      parseConfigFile(JSON.stringify({ format: "espl-studio/run", config, steps: [] }), "run.json"),
    ).toEqual(config);
  });

  test("unreadable and malformed files are refused with their path", () => {
    expect(refusal(() => readConfigFile(join(dir, "missing.json"))).message).toMatch(
      /cannot read .*missing\.json: no such file/,
    );
    expect(refusal(() => readConfigFile(write("bad.json", "{"))).message).toMatch(
      /bad\.json is not valid JSON/,
    );
    expect(refusal(() => readConfigFile(write("list.json", "[1]"))).message).toMatch(
      /list\.json must hold a JSON object of config keys/,
    );
  });
});
