import { describe, expect, it } from "vitest";
import { parseCommand } from "./parse-command";

describe("espl eval options", () => {
  it("reads the selectors and options into a spec", () => {
    expect(
      parseCommand([
        "eval",
        "abcd",
        "--checkpoints",
        "base,final,20",
        "--programs",
        "root,best,top3,7",
        "--dataset",
        "AIME",
        "--split",
        "train",
        "--samples",
        "8",
        "--seed",
        "3",
        "--wait",
        "--json",
      ]),
    ).toEqual({
      kind: "eval",
      run: "abcd",
      spec: {
        checkpoints: ["base", "final", "20"],
        programs: ["root", "best", "top3", "7"],
        dataset: "AIME",
        split: "train",
        samples: 8,
        seed: 3,
      },
      wait: true,
      json: true,
    });
  });
  it("reads sampling parameters, and refuses ones that are not numbers", () => {
    const command = parseCommand([
      "eval",
      "abcd",
      "--checkpoints",
      "final",
      "--programs",
      "best",
      "--temperature",
      "0.2",
      "--top-p",
      ".9",
      "--max-tokens",
      "512",
    ]);
    expect(command).toMatchObject({ spec: { temperature: 0.2, topP: 0.9, maxTokens: 512 } });
    expect(() =>
      parseCommand(["eval", "abcd", "--checkpoints", "final", "--programs", "best", "--temperature", "hot"]),
    ).toThrow(/--temperature must be a number/);
    expect(() =>
      parseCommand(["eval", "abcd", "--checkpoints", "final", "--programs", "best", "--top-p", "1.5"]),
    ).toThrow(/top p is at most 1/);
  });
  it("refuses missing lists and bad values in plain words", () => {
    expect(() => parseCommand(["eval", "abcd", "--programs", "root"])).toThrow("--checkpoints is required");
    expect(() =>
      parseCommand(["eval", "abcd", "--checkpoints", "base", "--programs", "root", "--samples", "x"]),
    ).toThrow('--samples must be a whole number, got "x"');
    expect(() =>
      parseCommand(["eval", "abcd", "--checkpoints", "base", "--programs", "root", "--split", "dev"]),
    ).toThrow('split: the split is "test" or "train"');
  });
});
