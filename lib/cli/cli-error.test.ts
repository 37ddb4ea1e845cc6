import { describe, expect, test } from "vitest";
import { badRequest, conflict, notFound, unavailable } from "@/lib/errors";
import { CliError, describeError, usageError } from "./cli-error";

describe("describeError", () => {
  test("CLI errors keep their line and code", () => {
    expect(describeError(new CliError("no run abcd"))).toEqual({ line: "no run abcd", exitCode: 2 });
    expect(describeError(new CliError("interrupted", 130))).toEqual({ line: "interrupted", exitCode: 130 });
    expect(usageError("bad", "run").message).toBe("bad (see espl run --help)");
  });

  test("refusals from lib/ exit 2, outages 1", () => {
    expect(describeError(badRequest("invalid config: x: unknown configuration key")).exitCode).toBe(2);
    expect(describeError(notFound("run"))).toEqual({ line: "run not found", exitCode: 2 });
    expect(describeError(conflict("the run is already completed")).exitCode).toBe(2);
    expect(describeError(unavailable("down")).exitCode).toBe(1);
  });

  test("anything else is one line, without the stack", () => {
    expect(describeError(new Error("connect ECONNREFUSED\n    at x"))).toEqual({
      line: "error: connect ECONNREFUSED",
      exitCode: 1,
    });
    expect(describeError("weird")).toEqual({ line: "error: weird", exitCode: 1 });
  });
});
