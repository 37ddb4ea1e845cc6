import { describe, expect, test } from "vitest";
import { badRequest, conflict, notFound, unavailable } from "@/lib/domain/errors";
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

describe("describeError: errors that used to print an empty line", () => {
  /** What Prisma throws when an integer column overflows (its message starts with a newline). */
  function prismaOverflow(): Error {
    const error = new Error(
      "\nInvalid `prisma.run.create()` invocation in\n/x.ts:7:23\n\n→ 7   await prisma.run.create(\n" +
        'Value out of range for the type: value "2600000000" is out of range for type integer',
    );
    error.name = "PrismaClientKnownRequestError";
    Object.assign(error, { code: "P2020" });
    return error;
  }

  test("a Prisma error reads as plain words, without the invocation or the source", () => {
    expect(describeError(prismaOverflow())).toEqual({
      line: "error: a number is too large for the database (database error P2020)",
      exitCode: 1,
    });
  });

  test("a message starting with blank lines shows its first real line; none at all names the error", () => {
    expect(describeError(new Error("\n\n  disk full\nat x")).line).toBe("error: disk full");
    expect(describeError(new Error("")).line).toBe("error: an unexpected error");
    expect(describeError(new TypeError("")).line).toBe("error: TypeError");
  });
});
